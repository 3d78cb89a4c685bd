import { recordAuditEvent } from '@cc/db/repositories/audit';
import { inTransaction } from '@cc/db/repositories/transaction';
import { getWebhookEndpoint, replayWebhookDelivery, type DeliveryRow } from '@cc/db/repositories/webhooks';
import { getWebhookDelivery } from '@cc/db/repositories/webhooks';
import type { Db } from '@cc/db/database';
import { NotFoundError } from '../routing/errors';
import { WebhookDeliveryInProgressError, WebhookEndpointDisabledError } from './errors';

/**
 * An administrator sends a finished delivery again: same event, same `webhook-id` (receivers that
 * already processed it drop it), the full retry schedule again in a new workflow run. The run is
 * owed through the workflow_starts outbox in the same transaction as the audit entry; `wake`
 * relays it at once after commit.
 */
export async function replayDelivery(
  deps: { db: Db; clock: () => Date; wake(workflowStartIds: readonly string[]): void },
  req: { actorId: string | null; deliveryId: string },
): Promise<DeliveryRow> {
  const startId = await inTransaction(deps.db, async (trx) => {
    const replayed = await replayWebhookDelivery(trx, { deliveryId: req.deliveryId, now: deps.clock() });
    if (!replayed.ok) {
      if (replayed.reason === 'not_found') throw new NotFoundError('Webhook delivery');
      if (replayed.reason === 'in_progress') throw new WebhookDeliveryInProgressError();
      const endpoint = await getWebhookEndpoint(trx, (await getWebhookDelivery(trx, req.deliveryId))!.endpoint_id);
      throw new WebhookEndpointDisabledError(endpoint?.disabled_reason ?? null);
    }
    await recordAuditEvent(trx, {
      actorType: 'user',
      actorId: req.actorId,
      action: 'webhook_delivery.replayed',
      subjectType: 'webhook_delivery',
      subjectId: replayed.delivery.id,
      data: { eventId: replayed.delivery.event_id, endpointId: replayed.delivery.endpoint_id, replay: replayed.delivery.replays },
    });
    return replayed.workflowStartId;
  });
  deps.wake([startId]);
  return (await getWebhookDelivery(deps.db, req.deliveryId))!;
}
