import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addBlockedRecord } from '@cc/db/repositories/blocked-records';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { customerErasedAt, customerTwilioResources } from '@cc/db/repositories/privacy';
import { listRetentionSettings } from '@cc/db/repositories/retention';
import { inTransaction } from '@cc/db/repositories/transaction';
import { addWorkflowStart } from '@cc/db/repositories/workflow-starts';
import type { TwilioErasureInput } from '@cc/workflows/activities/privacy';
import type { Principal } from '../context';
import { emitEvent } from '../outbound-webhooks/emit';
import { auditActor } from './audit-log';
import { defaultBlockedDays, type PrivacyDeps } from './deps';
import { CustomerAlreadyErasedError, ErasureConfirmationError, PrivacyCustomerNotFoundError } from './errors';
import { activeHandlers, type ErasureContext } from './registry';
import { getCustomer } from '@cc/db/repositories/customers';

export interface ErasureResult {
  customerId: string;
  erasedAt: Date;
  /** Rows changed per table. */
  counts: Record<string, number>;
  /** Records kept sealed (consent evidence, the claims record). */
  blocked: number;
  /** Resources queued for deletion at Twilio (recordings, media, message and call logs). */
  twilioResources: number;
}

/**
 * Erases a customer (right to erasure): every handler of the registry removes, anonymises or blocks
 * its tables in one transaction — all or nothing; the audit entry, the `customer.erased` event and
 * the Twilio clean-up workflow (through the outbox) commit with it. Export files go after commit.
 */
export async function eraseCustomer(deps: PrivacyDeps, principal: Principal, input: { customerId: string; confirmCustomerId: string; reason: string }): Promise<ErasureResult> {
  if (input.confirmCustomerId.trim() !== input.customerId) throw new ErasureConfirmationError();
  if (!(await getCustomer(deps.db, input.customerId))) throw new PrivacyCustomerNotFoundError();
  const now = deps.clock();
  const filesToRemove: string[] = [];
  const result = await inTransaction(deps.db, async (trx) => {
    // One erasure at a time per customer: the second waits, then finds it erased.
    if (await customerErasedAt(trx, input.customerId, { lock: true })) throw new CustomerAlreadyErasedError();
    const blockedDays = (await listRetentionSettings(trx)).find((s) => s.data_class === 'blocked')?.days ?? defaultBlockedDays;
    const keepUntil = new Date(now.getTime() + blockedDays * 86_400_000);
    const twilio = await customerTwilioResources(trx, input.customerId);
    let blocked = 0;
    const ctx: ErasureContext = {
      db: trx,
      customerId: input.customerId,
      now,
      filesToRemove,
      async block(r) {
        blocked++;
        const record = await addBlockedRecord(trx, { customerId: input.customerId, sourceTable: r.sourceTable, sourceId: r.sourceId, legalBasis: r.legalBasis, payload: deps.sealer.seal(r.value), keepUntil, now });
        return record.id;
      },
    };
    const counts: Record<string, number> = {};
    for (const handler of await activeHandlers(trx)) Object.assign(counts, await handler.erase(ctx));
    const resources: TwilioErasureInput['resources'] = [
      ...twilio.recordingSids.map((sid) => ({ kind: 'recording' as const, sid })),
      ...twilio.mediaUrls.map((url) => ({ kind: 'media' as const, url })),
      ...twilio.messageSids.map((sid) => ({ kind: 'message' as const, sid })),
      ...twilio.callSids.map((sid) => ({ kind: 'call' as const, sid })),
    ];
    const start = deps.twilio && resources.length
      ? await addWorkflowStart(trx, { workflowId: `erase-twilio-${input.customerId}`, workflowType: 'twilioErasureWorkflow', args: [{ customerId: input.customerId, resources } satisfies TwilioErasureInput] })
      : null;
    const actor = auditActor(principal);
    await recordAuditEvent(trx, { ...actor, action: 'customer.erased', subjectType: 'customer', subjectId: input.customerId, data: { reason: input.reason, counts, blocked, twilioResources: start ? resources.length : 0 } });
    await emitEvent(trx, 'customer.erased', { customerId: input.customerId, erasedAt: now.toISOString() }, { actor: { type: actor.actorType, id: actor.actorId }, source: 'data_erasure', sourceId: input.customerId }, now);
    return { result: { customerId: input.customerId, erasedAt: now, counts, blocked, twilioResources: start ? resources.length : 0 }, startId: start?.id ?? null };
  });
  if (result.startId) deps.relay.wake([result.startId]);
  for (const file of filesToRemove) await rm(join(deps.exportsDir, file), { force: true });
  return result.result;
}
