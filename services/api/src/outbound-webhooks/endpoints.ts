import { randomBytes } from 'node:crypto';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { inTransaction } from '@cc/db/repositories/transaction';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
} from '@cc/db/repositories/webhooks';
import type { WebhookEndpoint } from '@cc/db/tables/webhooks';
import { defaultSecretGraceHours, endpointUrlProblem, formatWebhookSecret, type WebhookEventType } from '@cc/core/webhooks';
import type { Db } from '@cc/db/database';
import type { ApiEnv } from '../env';
import { NotFoundError } from '../routing/errors';
import { InvalidWebhookUrlError } from './errors';

/*
 * Administrators manage integrators' endpoints. Every change is audited in its transaction;
 * secrets are generated here (never chosen by the caller) and shown only by create and rotate.
 */

export interface EndpointDeps {
  db: Db;
  clock: () => Date;
  env: Pick<ApiEnv, 'NODE_ENV' | 'WEBHOOK_ALLOW_LOOPBACK_HTTP'>;
}

function checkedUrl(env: EndpointDeps['env'], raw: string): string {
  const url = raw.trim();
  const problem = endpointUrlProblem(url, env.WEBHOOK_ALLOW_LOOPBACK_HTTP ?? env.NODE_ENV !== 'production');
  if (problem) throw new InvalidWebhookUrlError(url, problem);
  return url;
}

const newSecret = () => formatWebhookSecret(randomBytes(32));

export async function createEndpoint(
  deps: EndpointDeps,
  req: { actorId: string | null; url: string; description: string; eventTypes: readonly WebhookEventType[] },
): Promise<WebhookEndpoint> {
  const url = checkedUrl(deps.env, req.url);
  return inTransaction(deps.db, async (trx) => {
    const endpoint = await createWebhookEndpoint(trx, { url, description: req.description.trim(), eventTypes: [...new Set(req.eventTypes)], secret: newSecret(), createdByUserId: req.actorId, now: deps.clock() });
    await recordAuditEvent(trx, { actorType: 'user', actorId: req.actorId, action: 'webhook_endpoint.created', subjectType: 'webhook_endpoint', subjectId: endpoint.id, data: { url, eventTypes: endpoint.event_types } });
    return endpoint;
  });
}

export async function updateEndpoint(
  deps: EndpointDeps,
  req: { actorId: string | null; id: string; url?: string | null; description?: string | null; eventTypes?: readonly WebhookEventType[] | null; enabled?: boolean | null },
): Promise<WebhookEndpoint> {
  const url = req.url == null ? undefined : checkedUrl(deps.env, req.url);
  return inTransaction(deps.db, async (trx) => {
    const endpoint = await updateWebhookEndpoint(
      trx,
      req.id,
      {
        url,
        description: req.description?.trim() ?? undefined,
        eventTypes: req.eventTypes ? [...new Set(req.eventTypes)] : undefined,
        enabled: req.enabled ?? undefined,
      },
      deps.clock(),
    );
    if (!endpoint) throw new NotFoundError('Webhook endpoint');
    await recordAuditEvent(trx, {
      actorType: 'user',
      actorId: req.actorId,
      action: 'webhook_endpoint.updated',
      subjectType: 'webhook_endpoint',
      subjectId: endpoint.id,
      data: { url: endpoint.url, eventTypes: endpoint.event_types, enabled: endpoint.enabled },
    });
    return endpoint;
  });
}

/** Removes the endpoint with its delivery log; running deliveries find it gone and stop. */
export async function deleteEndpoint(deps: EndpointDeps, req: { actorId: string | null; id: string }): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const endpoint = await getWebhookEndpoint(trx, req.id);
    if (!endpoint || !(await deleteWebhookEndpoint(trx, req.id))) throw new NotFoundError('Webhook endpoint');
    await recordAuditEvent(trx, { actorType: 'user', actorId: req.actorId, action: 'webhook_endpoint.deleted', subjectType: 'webhook_endpoint', subjectId: req.id, data: { url: endpoint.url } });
  });
}

/**
 * A new secret signs from now on; the current one keeps signing beside it (a second signature in
 * `webhook-signature`) for `graceHours`, so receivers can switch without rejecting anything.
 */
export async function rotateSecret(deps: EndpointDeps, req: { actorId: string | null; id: string; graceHours?: number | null }): Promise<WebhookEndpoint> {
  const now = deps.clock();
  const graceHours = req.graceHours ?? defaultSecretGraceHours;
  return inTransaction(deps.db, async (trx) => {
    const endpoint = await rotateWebhookEndpointSecret(trx, { id: req.id, secret: newSecret(), previousExpiresAt: new Date(now.getTime() + graceHours * 3600_000), now });
    if (!endpoint) throw new NotFoundError('Webhook endpoint');
    await recordAuditEvent(trx, { actorType: 'user', actorId: req.actorId, action: 'webhook_endpoint.secret_rotated', subjectType: 'webhook_endpoint', subjectId: endpoint.id, data: { graceHours } });
    return endpoint;
  });
}
