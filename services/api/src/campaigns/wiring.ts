import type { Client } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import { listSegmentRecipients } from '@cc/db/repositories/segments';
import {
  createCampaignActivities,
  type CampaignPacing,
  type CampaignTransport,
} from '@cc/workflows/activities/campaigns';
import type { ApiEnv } from '../env';
import type { PushLimiter } from '../push/limits';
import { newLinkToken, shortUrl } from '../push/short-links';
import type { AppPubSub } from '../pubsub';
import type { WorkflowStartRelay } from '../routing/workflow-starts';
import type { TwilioDeps } from '../twilio/deps';
import type { CampaignServiceDeps } from './service';
import { campaignChangePublisher } from './status';
import { createTwilioCampaignTransport } from './transport';

export interface CampaignFeature {
  /** What the campaign use cases (GraphQL) need. */
  deps: CampaignServiceDeps;
  activities: ReturnType<typeof createCampaignActivities>;
}

const notConfigured: CampaignTransport = {
  send: async () => ({
    ok: false,
    refused: true,
    errorCode: 'not_configured',
    detail: 'Twilio is not configured',
  }),
};

/**
 * The pacing of in-call pushes, shared: the same per-person spacing (131056), the sender's rate
 * and the tier's rolling 24 h budget of business-initiated conversations (a campaign message is one).
 */
export function campaignPacing(limiter: PushLimiter, sender: string): CampaignPacing {
  return async ({ to, now }) => {
    try {
      const r = await limiter.reserve({ sender, to, businessInitiated: true, now });
      if (r.ok) return r;
      if (r.reason === 'budget')
        return {
          ok: false,
          reason: 'budget',
          retryAfterMs: Math.max(1000, r.resetsAt.getTime() - now.getTime()),
        };
      return { ok: false, reason: r.reason, retryAfterMs: r.retryAfterMs };
    } catch {
      // PacingUnavailableError: the shared store is away; never send unpaced.
      return { ok: false, reason: 'unavailable', retryAfterMs: 5000 };
    }
  };
}

export function createCampaignFeature(deps: {
  db: Db;
  clock: () => Date;
  env: ApiEnv;
  pubsub: AppPubSub;
  temporal: Client;
  relay: WorkflowStartRelay;
  twilio: TwilioDeps | null;
  limiter: PushLimiter;
  publicBaseUrl: () => string;
  /** Tests and benches: another transport (a stand-in), or a wrapper around Twilio's. */
  transport?: CampaignTransport;
}): CampaignFeature {
  const { db, clock, env } = deps;
  const changed = campaignChangePublisher(deps.pubsub);
  const transport =
    deps.transport ?? (deps.twilio ? createTwilioCampaignTransport(deps.twilio) : notConfigured);
  const sender = deps.twilio?.config.TWILIO_WHATSAPP_FROM ?? 'whatsapp';
  const activities = createCampaignActivities({
    db,
    clock,
    transport,
    pace: campaignPacing(deps.limiter, sender),
    listRecipients: listSegmentRecipients,
    linkUrl: (token) => shortUrl(deps.publicBaseUrl(), token),
    newLinkToken,
    changed,
    settings: {
      sliceMs: 10_000,
      concurrency: env.CAMPAIGN_SEND_CONCURRENCY,
      snapshotPageSize: 500,
      retryLaterMs: 60_000,
      maxAttempts: 3,
    },
  });
  return {
    deps: {
      db,
      clock,
      env,
      temporal: deps.temporal,
      relay: deps.relay,
      listRecipients: listSegmentRecipients,
      changed,
    },
    activities,
  };
}
