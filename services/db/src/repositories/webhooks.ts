import { sql } from 'kysely';
import type { Db } from '../database';
import type { WebhookAttempt, WebhookAttemptOutcome, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookEvent } from '../tables/webhooks';
import { addWorkflowStart } from './workflow-starts';
import { inTransaction, type Refusal } from './transaction';

/**
 * Enqueues an event for every enabled endpoint that wants its type (event row, deliveries and their
 * workflow starts) in `db`'s transaction; null when no endpoint wants it. The timeline, message and
 * consent triggers call the same SQL function.
 */
export async function enqueueWebhookEvent(
  db: Db,
  event: { type: string; data: Record<string, unknown>; cause: Record<string, unknown>; at: Date },
): Promise<string | null> {
  const { rows } = await sql<{ id: string | null }>`select webhook_enqueue(${event.type}, ${JSON.stringify(event.data)}::jsonb, ${JSON.stringify(event.cause)}::jsonb, ${event.at}) as id`.execute(db);
  return rows[0]?.id ?? null;
}

export function listWebhookEndpoints(db: Db): Promise<WebhookEndpoint[]> {
  return db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').orderBy('id').execute();
}

export function getWebhookEndpoint(db: Db, id: string): Promise<WebhookEndpoint | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

export function createWebhookEndpoint(
  db: Db,
  input: { url: string; description: string; eventTypes: string[]; secret: string; createdByUserId: string | null; now: Date },
): Promise<WebhookEndpoint> {
  return db
    .insertInto('webhook_endpoints')
    .values({
      url: input.url,
      description: input.description,
      event_types: input.eventTypes,
      secret: input.secret,
      previous_secret: null,
      previous_secret_expires_at: null,
      disabled_reason: null,
      disabled_at: null,
      created_by_user_id: input.createdByUserId,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes what is given; enabling clears why it was disabled. */
export function updateWebhookEndpoint(
  db: Db,
  id: string,
  patch: { url?: string; description?: string; eventTypes?: string[]; enabled?: boolean; disabledReason?: string },
  now: Date,
): Promise<WebhookEndpoint | undefined> {
  return db
    .updateTable('webhook_endpoints')
    .set({
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.eventTypes !== undefined ? { event_types: patch.eventTypes } : {}),
      ...(patch.enabled === true ? { enabled: true, disabled_reason: null, disabled_at: null } : {}),
      ...(patch.enabled === false ? { enabled: false, disabled_reason: patch.disabledReason ?? 'Disabled by an administrator', disabled_at: now } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** The receiver said 410 Gone: no more deliveries until an admin enables it again (only the first 410 is recorded). */
export async function disableGoneWebhookEndpoint(db: Db, id: string, reason: string, now: Date): Promise<void> {
  await db.updateTable('webhook_endpoints').set({ enabled: false, disabled_reason: reason, disabled_at: now, updated_at: now }).where('id', '=', id).where('enabled', '=', true).execute();
}

export async function deleteWebhookEndpoint(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The new secret signs from now on; the old one keeps signing beside it until `previousExpiresAt`. */
export function rotateWebhookEndpointSecret(db: Db, input: { id: string; secret: string; previousExpiresAt: Date; now: Date }): Promise<WebhookEndpoint | undefined> {
  return db
    .updateTable('webhook_endpoints')
    .set((e) => ({ previous_secret: e.ref('secret'), previous_secret_expires_at: input.previousExpiresAt, secret: input.secret, updated_at: input.now }))
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirst();
}

export interface DeliveryToAttempt {
  delivery: WebhookDelivery;
  event: WebhookEvent;
  endpoint: WebhookEndpoint;
}

/** A delivery with its event and endpoint; undefined when the endpoint (and so the delivery) was deleted. */
export async function getDeliveryToAttempt(db: Db, deliveryId: string): Promise<DeliveryToAttempt | undefined> {
  const delivery = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst();
  if (!delivery) return undefined;
  const [event, endpoint] = await Promise.all([
    db.selectFrom('webhook_events').selectAll().where('id', '=', delivery.event_id).executeTakeFirstOrThrow(),
    db.selectFrom('webhook_endpoints').selectAll().where('id', '=', delivery.endpoint_id).executeTakeFirst(),
  ]);
  return endpoint ? { delivery, event, endpoint } : undefined;
}

/** One HTTP attempt and the delivery's state after it, together. */
export function recordWebhookAttempt(
  db: Db,
  input: {
    deliveryId: string;
    manual: boolean;
    outcome: WebhookAttemptOutcome;
    responseStatus: number | null;
    responseBody: string | null;
    error: string | null;
    durationMs: number;
    startedAt: Date;
    status: WebhookDeliveryStatus;
    nextAttemptAt: Date | null;
    now: Date;
  },
): Promise<WebhookAttempt | undefined> {
  return inTransaction(db, async (trx) => {
    const delivery = await trx
      .updateTable('webhook_deliveries')
      .set((e) => ({
        attempts: sql<number>`${e.ref('attempts')} + 1`,
        status: input.status,
        next_attempt_at: input.nextAttemptAt,
        last_outcome: input.outcome,
        last_response_status: input.responseStatus,
        last_error: input.error,
        updated_at: input.now,
      }))
      .where('id', '=', input.deliveryId)
      .returning('attempts')
      .executeTakeFirst();
    if (!delivery) return undefined;
    return trx
      .insertInto('webhook_attempts')
      .values({
        delivery_id: input.deliveryId,
        attempt: delivery.attempts,
        manual: input.manual,
        outcome: input.outcome,
        response_status: input.responseStatus,
        response_body: input.responseBody,
        error: input.error,
        duration_ms: input.durationMs,
        started_at: input.startedAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Nothing more will be tried (the endpoint was disabled or removed meanwhile). */
export async function endWebhookDelivery(db: Db, input: { deliveryId: string; status: WebhookDeliveryStatus; error: string | null; now: Date }): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: input.status, next_attempt_at: null, ...(input.error ? { last_error: input.error } : {}), updated_at: input.now })
    .where('id', '=', input.deliveryId)
    .execute();
}

/**
 * An admin sends a finished delivery again (same event, same webhook-id): a new workflow run
 * owed through the workflow_starts outbox, in one transaction. Returns the outbox row's id to wake.
 */
export function replayWebhookDelivery(
  db: Db,
  input: { deliveryId: string; now: Date },
): Promise<{ ok: true; delivery: WebhookDelivery; workflowStartId: string } | Refusal<'not_found' | 'in_progress' | 'endpoint_disabled'>> {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('webhook_deliveries').selectAll().where('id', '=', input.deliveryId).forUpdate().executeTakeFirst();
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.status === 'pending' || current.status === 'retrying') return { ok: false, reason: 'in_progress' };
    const endpoint = await trx.selectFrom('webhook_endpoints').select('enabled').where('id', '=', current.endpoint_id).executeTakeFirstOrThrow();
    if (!endpoint.enabled) return { ok: false, reason: 'endpoint_disabled' };
    const delivery = await trx
      .updateTable('webhook_deliveries')
      .set((e) => ({ status: 'pending', replays: sql<number>`${e.ref('replays')} + 1`, next_attempt_at: input.now, updated_at: input.now }))
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const start = await addWorkflowStart(trx, {
      workflowId: `webhook-delivery-${delivery.id}-replay-${delivery.replays}`,
      workflowType: 'webhookDeliveryWorkflow',
      args: [{ deliveryId: delivery.id, run: delivery.replays }],
    });
    return { ok: true, delivery, workflowStartId: start.id };
  });
}

export interface DeliveryRow extends WebhookDelivery {
  event_type: string;
  occurred_at: Date;
}

/** One endpoint's deliveries, newest first, keyset-paged by id; optionally one status only. */
export function listWebhookDeliveries(
  db: Db,
  input: { endpointId: string; status?: WebhookDeliveryStatus | null; beforeId?: string | null; limit: number },
): Promise<DeliveryRow[]> {
  let q = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select(['e.type as event_type', 'e.occurred_at'])
    .where('d.endpoint_id', '=', input.endpointId);
  if (input.status) q = q.where('d.status', '=', input.status);
  if (input.beforeId) q = q.where('d.id', '<', input.beforeId);
  return q.orderBy('d.id', 'desc').limit(input.limit).execute();
}

export function getWebhookDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select(['e.type as event_type', 'e.occurred_at'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** The attempts of several deliveries (batched for the log), oldest first. */
export function listWebhookAttempts(db: Db, deliveryIds: readonly string[]): Promise<WebhookAttempt[]> {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', [...deliveryIds]).orderBy('id').execute();
}

export function getWebhookEvent(db: Db, id: string): Promise<WebhookEvent | undefined> {
  return db.selectFrom('webhook_events').selectAll().where('id', '=', id).executeTakeFirst();
}
