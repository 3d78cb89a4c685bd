import { withJitter } from '@cc/core/webhooks';
import type { Db } from '@cc/db/database';
import { disableGoneWebhookEndpoint, endWebhookDelivery, getDeliveryToAttempt, recordWebhookAttempt } from '@cc/db/repositories/webhooks';
import type { WebhookAttemptOutcome, WebhookDeliveryStatus, WebhookEvent } from '@cc/db/tables/webhooks';

/** What one signed POST came to (the composition root wires @cc/channels/webhooks/sender in). */
export type WebhookSendResult =
  | { kind: 'answered'; status: number; body: string; durationMs: number }
  | { kind: 'timeout'; error: string; durationMs: number }
  | { kind: 'unreachable'; error: string; durationMs: number };

export interface WebhookTransport {
  /** Signs with every secret given (one signature each) and POSTs; never throws for the receiver's behaviour. */
  send(input: { url: string; secrets: string[]; id: string; timestampSeconds: number; body: string }): Promise<WebhookSendResult>;
}

export interface WebhookDeliveryDeps {
  db: Db;
  clock: () => Date;
  transport: WebhookTransport;
  /** The JSON body receivers get for an event (the same on every attempt). */
  payload(event: WebhookEvent): string;
  /** Delays before each retry after a failed attempt (the spec's schedule; tests shrink it). */
  retryDelaysMs: readonly number[];
  /** A delivery moved (attempted, finished): e.g. tell the console. */
  deliveryChanged?(endpointId: string, deliveryId: string): void;
}

export interface AttemptResult {
  /** Nothing more to try in this run. */
  done: boolean;
  outcome: WebhookAttemptOutcome | 'skipped';
}

function classify(result: WebhookSendResult): { outcome: WebhookAttemptOutcome; status: number | null; body: string | null; error: string | null } {
  if (result.kind !== 'answered') return { outcome: result.kind, status: null, body: null, error: result.error };
  if (result.status >= 200 && result.status < 300) return { outcome: 'succeeded', status: result.status, body: result.body, error: null };
  if (result.status === 410) return { outcome: 'gone', status: 410, body: result.body, error: 'The receiver answered 410 Gone' };
  return { outcome: 'refused', status: result.status, body: result.body, error: `The receiver answered HTTP ${result.status}` };
}

export function createWebhookActivities(deps: WebhookDeliveryDeps) {
  return {
    /** This run's retry delays, jittered; read once per run, so they are in the workflow's history and replay deterministically. */
    async webhookRetrySchedule(): Promise<{ retryDelaysMs: number[] }> {
      return { retryDelaysMs: deps.retryDelaysMs.map((ms) => withJitter(ms, Math.random())) };
    },

    /**
     * One attempt of delivery `deliveryId` in run `run` (0 = the original, n = the n-th manual
     * replay): signs with the current secret (and a rotated-out one still in its grace), POSTs,
     * records the attempt and the delivery's state. `retryAfterMs`: when the next attempt comes if
     * this one fails; null when this is the last. 410 disables the endpoint.
     */
    async attemptWebhookDelivery(input: { deliveryId: string; run: number; retryAfterMs: number | null }): Promise<AttemptResult> {
      const found = await getDeliveryToAttempt(deps.db, input.deliveryId);
      if (!found) return { done: true, outcome: 'skipped' };
      const { delivery, event, endpoint } = found;
      // Already delivered (this activity retried after recording), or a later replay took over.
      if (delivery.status === 'succeeded' || delivery.replays !== input.run) return { done: true, outcome: 'skipped' };
      const now = deps.clock();
      if (!endpoint.enabled) {
        await endWebhookDelivery(deps.db, { deliveryId: delivery.id, status: 'cancelled', error: `Endpoint disabled: ${endpoint.disabled_reason ?? 'by an administrator'}`, now });
        deps.deliveryChanged?.(endpoint.id, delivery.id);
        return { done: true, outcome: 'skipped' };
      }
      const secrets = [endpoint.secret];
      if (endpoint.previous_secret && endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > now) secrets.push(endpoint.previous_secret);
      const result = await deps.transport.send({ url: endpoint.url, secrets, id: event.id, timestampSeconds: Math.floor(now.getTime() / 1000), body: deps.payload(event) });
      const { outcome, status: responseStatus, body, error } = classify(result);
      const finished = deps.clock();
      const final = outcome === 'succeeded' || outcome === 'gone' || input.retryAfterMs === null;
      const status: WebhookDeliveryStatus = outcome === 'succeeded' ? 'succeeded' : final ? 'failed' : 'retrying';
      if (outcome === 'gone') await disableGoneWebhookEndpoint(deps.db, endpoint.id, `The receiver answered 410 Gone (event ${event.id})`, finished);
      await recordWebhookAttempt(deps.db, {
        deliveryId: delivery.id,
        manual: input.run > 0,
        outcome,
        responseStatus,
        responseBody: body,
        error,
        durationMs: result.durationMs,
        startedAt: now,
        status,
        nextAttemptAt: final ? null : new Date(finished.getTime() + input.retryAfterMs!),
        now: finished,
      });
      deps.deliveryChanged?.(endpoint.id, delivery.id);
      return { done: final, outcome };
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
