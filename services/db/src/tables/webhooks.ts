import type { ColumnType, Generated, Selectable } from 'kysely';

/** An integrator's receiver of outbound webhooks (Standard Webhooks). */
export interface WebhookEndpointsTable {
  id: Generated<string>;
  url: string;
  description: Generated<string>;
  event_types: string[];
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  disabled_at: Date | null;
  /** `whsec_` + base64 of the key bytes. */
  secret: string;
  /** Still signs (beside `secret`) until `previous_secret_expires_at`: receivers roll over without a gap. */
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One event; `id` is the `webhook-id` receivers deduplicate by. Written by the webhook_enqueue SQL function. */
export interface WebhookEventsTable {
  id: string;
  type: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  cause: ColumnType<Record<string, unknown>, string, string>;
  occurred_at: Date;
  created_at: Generated<Date>;
}

export type WebhookDeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'failed' | 'cancelled';
/** `refused`: it answered, not 2xx; `gone`: 410 (the endpoint is disabled); `timeout` / `unreachable`: no answer. */
export type WebhookAttemptOutcome = 'succeeded' | 'refused' | 'gone' | 'timeout' | 'unreachable';

/** One event owed to one endpoint. */
export interface WebhookDeliveriesTable {
  id: Generated<string>;
  event_id: string;
  endpoint_id: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  /** Manual replays so far (each runs its own workflow). */
  replays: Generated<number>;
  next_attempt_at: Date | null;
  last_outcome: WebhookAttemptOutcome | null;
  last_response_status: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One HTTP attempt of a delivery. */
export interface WebhookAttemptsTable {
  id: Generated<string>;
  delivery_id: string;
  attempt: number;
  manual: Generated<boolean>;
  outcome: WebhookAttemptOutcome;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number;
  started_at: Date;
}

export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type WebhookEvent = Selectable<WebhookEventsTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
export type WebhookAttempt = Selectable<WebhookAttemptsTable>;
