import { encodeGlobalID } from '@pothos/plugin-relay';
import type { WebhookEvent } from '@cc/db/tables/webhooks';

/**
 * Ids in `data` that name a GraphQL node become its global id, so a receiver passes them straight
 * to the API (`interaction(id:)`, `customer(id:)`…). Others (messageId, pushId, consentId) stay as stored.
 */
const nodeTypes: Record<string, string> = {
  interactionId: 'Interaction',
  transferredFromId: 'Interaction',
  customerId: 'Customer',
  queueId: 'Queue',
  agentId: 'User',
  offerId: 'Offer',
  sessionId: 'CobrowseSession',
};

function withGlobalIds(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, nodeTypes[k] && typeof v === 'string' ? encodeGlobalID(nodeTypes[k], v) : v]));
}

/**
 * The body receivers get — Standard Webhooks' `type`, `timestamp`, `data` — with what caused the
 * event in `data.cause` (its actor's id a User's global id when a person did it).
 */
export function webhookPayload(event: Pick<WebhookEvent, 'type' | 'occurred_at' | 'data' | 'cause'>): string {
  const cause = { ...event.cause } as { actor?: { type?: string; id?: string | null } };
  if (cause.actor?.type === 'user' && cause.actor.id) cause.actor = { ...cause.actor, id: encodeGlobalID('User', cause.actor.id) };
  if (cause.actor?.type === 'customer' && cause.actor.id) cause.actor = { ...cause.actor, id: encodeGlobalID('Customer', cause.actor.id) };
  return JSON.stringify({ type: event.type, timestamp: event.occurred_at.toISOString(), data: { ...withGlobalIds(event.data), cause } });
}
