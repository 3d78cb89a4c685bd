import { randomUUID } from 'node:crypto';
import { phoneLikeKinds } from '@cc/core/identity';
import type { ConsentPurposeName } from '@cc/core/consent';
import type { Db } from '../database';

/** One accepted line of a consent import: already validated, normalized and deduplicated. */
export interface ImportedConsent {
  line: number;
  phoneE164: string;
  purpose: ConsentPurposeName;
  granted: boolean;
  /** When the customer gave (or withdrew) it: the record's time, so a later STOP still wins. */
  at: Date;
  /** Where it was collected, as the file says (e.g. `web form 2025-03`). */
  origin: string;
  wording: string;
  name: string | null;
}

export interface ConsentImportOutcome {
  recorded: number;
  /** Lines already recorded by an earlier import of the same consent (same customer, purpose, grant, time). */
  alreadyRecorded: number[];
  customersCreated: number;
}

const chunk = 1000;
const slices = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / chunk) }, (_, i) => items.slice(i * chunk, (i + 1) * chunk));

/**
 * Records imported WhatsApp consents with their evidence, in the caller's transaction (all or
 * nothing). Each number joins the customer already known by it (WhatsApp or phone identity) or
 * becomes a new customer with a WhatsApp identity. Re-importing the same file records nothing twice.
 */
export async function recordImportedConsents(
  trx: Db,
  rows: readonly ImportedConsent[],
  importer: { userId: string; fileName: string | null },
  now: Date,
): Promise<ConsentImportOutcome> {
  const customerByPhone = await customersByPhone(trx, rows.map((r) => r.phoneE164));
  let customersCreated = 0;
  const missing = rows.filter((r) => !customerByPhone.has(r.phoneE164));
  for (const part of slices(missing)) {
    const fresh = part.map((r) => ({ id: randomUUID(), phone: r.phoneE164, name: r.name }));
    await trx.insertInto('customers').values(fresh.map((f) => ({ id: f.id, display_name: f.name, created_at: now, updated_at: now }))).execute();
    const linked = await trx
      .insertInto('customer_identities')
      .values(fresh.map((f) => ({ customer_id: f.id, kind: 'whatsapp' as const, value: f.phone, created_at: now })))
      .onConflict((oc) => oc.columns(['kind', 'value', 'verified']).doNothing())
      .returning(['customer_id', 'value'])
      .execute();
    for (const l of linked) customerByPhone.set(l.value, l.customer_id);
    customersCreated += linked.length;
    // A number that appeared meanwhile (an inbound message): its customer, not ours.
    const lost = fresh.filter((f) => !linked.some((l) => l.customer_id === f.id));
    if (lost.length) {
      await trx.deleteFrom('customers').where('id', 'in', lost.map((f) => f.id)).execute();
      for (const [phone, id] of await customersByPhone(trx, lost.map((f) => f.phone))) customerByPhone.set(phone, id);
    }
  }

  const key = (customerId: string, r: Pick<ImportedConsent, 'purpose' | 'granted' | 'at'>) => `${customerId}|${r.purpose}|${r.granted}|${r.at.getTime()}`;
  const seen = new Set<string>();
  for (const part of slices([...new Set(customerByPhone.values())])) {
    const earlier = await trx
      .selectFrom('consents')
      .select(['customer_id', 'purpose', 'granted', 'created_at'])
      .where('customer_id', 'in', part)
      .where('channel', '=', 'whatsapp')
      .where('source', '=', 'csv_import')
      .execute();
    for (const e of earlier) seen.add(key(e.customer_id, { purpose: e.purpose as ConsentPurposeName, granted: e.granted, at: e.created_at }));
  }
  const alreadyRecorded: number[] = [];
  const toRecord = rows.filter((r) => {
    const fresh = !seen.has(key(customerByPhone.get(r.phoneE164)!, r));
    if (!fresh) alreadyRecorded.push(r.line);
    return fresh;
  });
  for (const part of slices(toRecord)) {
    await trx
      .insertInto('consents')
      .values(
        part.map((r) => ({
          customer_id: customerByPhone.get(r.phoneE164)!,
          channel: 'whatsapp' as const,
          purpose: r.purpose,
          granted: r.granted,
          source: 'csv_import',
          evidence: JSON.stringify({
            origin: r.origin,
            at: r.at.toISOString(),
            wording: r.wording,
            phone: r.phoneE164,
            purpose: r.purpose,
            granted: r.granted,
            importedBy: importer.userId,
            importedAt: now.toISOString(),
            file: importer.fileName,
            line: r.line,
          }),
          recorded_by_user_id: importer.userId,
          message_id: null,
          interaction_id: null,
          created_at: r.at,
        })),
      )
      .execute();
  }
  return { recorded: toRecord.length, alreadyRecorded, customersCreated };
}

/** The customer known by each number (WhatsApp identity first, then phone). */
async function customersByPhone(db: Db, phones: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of slices([...new Set(phones)])) {
    const rows = await db
      .selectFrom('customer_identities')
      .select(['value', 'customer_id', 'kind'])
      .where('kind', 'in', phoneLikeKinds)
      .where('value', 'in', part)
      .where('verified', '=', true)
      .orderBy('value')
      .orderBy((o) => o.case().when('kind', '=', 'whatsapp').then(0).else(1).end())
      .execute();
    for (const r of rows) if (!found.has(r.value)) found.set(r.value, r.customer_id);
  }
  return found;
}
