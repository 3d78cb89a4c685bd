import type { Db } from '@cc/db/database';
import { enqueueWebhookEvent } from '@cc/db/repositories/webhooks';
import type { WebhookEventType } from '@cc/core/webhooks';

/** Who or what caused an event, as receivers see it in `data.cause`. */
export interface WebhookCause {
  actor: { type: 'user' | 'api_key' | 'customer' | 'system'; id: string | null };
  /** The record it came from, e.g. `data_erasure` and its id. */
  source?: string;
  sourceId?: string | null;
}

/**
 * Announces an event to integrators' endpoints: pass the transaction that made it true, so the
 * event (and its deliveries' workflow starts, relayed to Temporal after commit) commit with it or
 * not at all. Ids and states only in `data` — no names, numbers, addresses or message text; pass
 * stored (raw) ids: customerId, interactionId, queueId, agentId… reach receivers as the API's global
 * ids (outbound-webhooks/payload.ts).
 * Returns the event's id (the `webhook-id` header), or null when no enabled endpoint wants `type`.
 * Interaction, message, push, consent, co-browse and campaign events are announced by database
 * triggers (migrations 2026-12-05T0600-outbound-webhooks, …0601-campaign-progress-webhooks); call
 * this for the others (customer.erased).
 */
export function emitEvent(db: Db, type: WebhookEventType, data: Record<string, unknown>, cause: WebhookCause, at: Date = new Date()): Promise<string | null> {
  return enqueueWebhookEvent(db, { type, data, cause: { ...cause }, at });
}
