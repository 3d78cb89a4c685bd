import type { Db } from '@cc/db/database';
import { postWebhook, webhookHeaders } from '@cc/channels/webhooks/sender';
import { standardRetryDelaysMs } from '@cc/core/webhooks';
import { createWebhookActivities, type WebhookTransport } from '@cc/workflows/activities/webhooks';
import type { ApiEnv } from '../env';
import { webhookPayload } from './payload';

export type WebhookEnv = Pick<ApiEnv, 'NODE_ENV' | 'WEBHOOK_TIMEOUT_SECONDS' | 'WEBHOOK_RETRY_SCHEDULE_SECONDS' | 'WEBHOOK_ALLOW_LOOPBACK_HTTP' | 'WEBHOOK_ALLOW_PRIVATE_ADDRESSES'>;

/** The retry schedule: WEBHOOK_RETRY_SCHEDULE_SECONDS, else the spec's. */
export function retryDelaysMs(env: WebhookEnv): number[] {
  return env.WEBHOOK_RETRY_SCHEDULE_SECONDS ? env.WEBHOOK_RETRY_SCHEDULE_SECONDS.split(',').map((s) => Math.round(Number(s) * 1000)) : [...standardRetryDelaysMs];
}

/** Signed POSTs over HTTP (Standard Webhooks headers), bounded by WEBHOOK_TIMEOUT_SECONDS. */
export function httpWebhookTransport(env: WebhookEnv): WebhookTransport {
  const allowPrivateAddresses = env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? env.NODE_ENV !== 'production';
  return {
    send: ({ url, secrets, id, timestampSeconds, body }) =>
      postWebhook({ url, body, headers: webhookHeaders(secrets, id, timestampSeconds, body), timeoutMs: env.WEBHOOK_TIMEOUT_SECONDS * 1000, userAgent: 'cc-webhooks/1.0', allowPrivateAddresses }),
  };
}

/** The delivery workflow's activities, for the worker. */
export function createOutboundWebhookActivities(deps: { db: Db; clock: () => Date; env: WebhookEnv }) {
  return createWebhookActivities({ db: deps.db, clock: deps.clock, transport: httpWebhookTransport(deps.env), payload: webhookPayload, retryDelaysMs: retryDelaysMs(deps.env) });
}
