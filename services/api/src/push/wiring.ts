import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Client } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import type { Message } from '@cc/db/tables/messages';
import { createPushActivities, deliverClaimedPush, type PushDeps, type PushTransport } from '@cc/workflows/activities/push';
import { createPushLimiter, pace, type PushLimiter } from './limits';
import type { AppPubSub } from '../pubsub';
import { createPushService, type PushService } from './service';
import { handleShortLink } from './short-links';
import { pushChangePublisher, pushMessageStatus } from './status';
import { createTwilioPushTransport } from './transport';

export interface PushFeature {
  service: PushService;
  /** WhatsApp pacing shared with other senders (template replies): reserves or throws the typed refusal. */
  pace(req: { sender: string; to: string; businessInitiated: boolean }): Promise<void>;
  /** The pacing itself, for other senders that need its raw answer (campaigns). */
  limiter: PushLimiter;
  /** The push workflow's activities, for the worker. */
  activities: ReturnType<typeof createPushActivities>;
  /** GET /l/<token>. */
  openLink(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
  close(): Promise<void>;
}

const notConfigured: PushTransport = {
  send: async () => ({ ok: false, errorCode: 'not_configured', detail: 'Twilio is not configured', notSent: false }),
};

/**
 * What the Twilio channel calls on each status of an outbound WhatsApp message: built before the
 * channel (it needs no push service), so the channel is complete when constructed.
 */
export function pushStatusListener(deps: { db: Db; clock: () => Date; temporal: Client; pubsub: AppPubSub }): (message: Message) => Promise<void> {
  const published = pushChangePublisher(deps.pubsub);
  return (message) => pushMessageStatus({ db: deps.db, clock: deps.clock, temporal: deps.temporal, published }, message);
}

/** In-call push as the composition root sees it: service, worker activities, short links. */
export function createPushFeature(deps: Omit<Parameters<typeof createPushService>[0], 'limiter' | 'deliver'>): PushFeature {
  const { db, clock, env } = deps;
  const limiter = createPushLimiter(
    { spacingMs: env.PUSH_MIN_SPACING_SECONDS * 1000, perSecond: env.PUSH_SENDER_RATE_PER_SECOND, dailyBusinessInitiated: env.PUSH_DAILY_BUSINESS_INITIATED_LIMIT },
    env.REDIS_URL,
    env.REDIS_KEY_PREFIX,
  );
  const published = pushChangePublisher(deps.pubsub);
  const pushDeps: PushDeps = {
    db,
    clock,
    transport: deps.twilio ? createTwilioPushTransport(deps.twilio.deps, { urls: deps.mediaUrls, ttlSeconds: env.MEDIA_URL_TTL_SECONDS }) : notConfigured,
    pushChanged: async (push) => published(push),
  };
  const service = createPushService({ ...deps, limiter, deliver: (push, message) => deliverClaimedPush(pushDeps, push, message) });
  return {
    service,
    pace: (req) => pace(limiter, { ...req, now: clock() }),
    limiter,
    activities: createPushActivities(pushDeps),
    openLink: (req, res, path) =>
      handleShortLink(
        {
          db,
          clock,
          opened: (pushId, interactionId) => published({ id: pushId, interaction_id: interactionId }),
          campaignOpened: (campaignId) => deps.pubsub.publish('campaignUpdated', campaignId, { campaignId }),
        },
        req,
        res,
        path,
      ),
    close: () => limiter.close(),
  };
}
