import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { CountryCode } from 'libphonenumber-js';
import { createDb, migrateToLatest, type DbOptions } from '@cc/db/database';
import { startTemporalDevServer } from '@cc/temporal-dev/server';
import { createRoutingActivities, noChannelHooks, type ChannelHooks } from '@cc/workflows/activities/routing';
import { connectClient, connectWorker } from '@cc/workflows/connection';
import type { TemporalEnv } from '@cc/workflows/env';
import { startWorker } from '@cc/workflows/worker';
import { createTokenService } from './auth/tokens';
import { createSessionStates } from './auth/session-states';
import { loadOrCreateSecret } from './auth/secret';
import type { ApiServices } from './context';
import { logLevelOf, type ApiEnv } from './env';
import { configureLogging, logger } from '@cc/core/logger';
import { createAppPubSub } from './pubsub';
import { createRoutingEvents, createRoutingSettingsEvents } from './routing/events';
import { createRoutingService } from './routing/service';
import { createWorkflowStartRelay } from './routing/workflow-starts';
import { startWaitingSweep } from './routing/waiting-sweep';
import { buildSchema } from './schema/index';
import { createApiServer, listeningUrl, type ApiServerOptions } from './server';
import type { ReadinessChecks } from './http/health';
import { pingDatabase } from '@cc/db/repositories/health';
import type twilio from 'twilio';
import type { TwilioConfig } from '@cc/channels/env';
import { createTwilioChannel } from './twilio/channel';
import type { EmailEnv } from '@cc/channels/email/env';
import { composeChannelHooks } from './channel-hooks';
import { startEmailChannel } from './email/channel';
import { parseWebchatEnv, type WebchatEnv } from '@cc/channels/webchat/env';
import { createVisitorTokenService } from './webchat/visitor-tokens';
import { webchatHooks } from './webchat/hooks';
import { withChatEndings } from './webchat/chat-endings';
import { createPushFeature, pushStatusListener } from './push/wiring';
import { createCampaignFeature } from './campaigns/wiring';
import type { CampaignTransport } from '@cc/workflows/activities/campaigns';
import { campaignChangePublisher, campaignReplyListener, withCampaignStatuses } from './campaigns/status';
import { createMediaUrlSigner } from './media/signed-urls';
import { createRateLimiter } from './rate-limit';
import { parseAllowList } from '@cc/core/link-allow-list';
import { createCobrowseTokenService } from './cobrowse/tokens';
import { withCobrowseEndings } from './cobrowse/call-endings';
import { createOutboundWebhookActivities } from './outbound-webhooks/wiring';
import { createCobrowseLedger } from './cobrowse/ledger';
import { createPrivacyFeature, ensureRetentionSchedule } from './privacy/wiring';
import { createScheduledReportActivities, ensureScheduledReportsSchedule } from './reports/scheduled';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RunningSystem {
  services: ApiServices;
  server: Server;
  url: string;
  temporalAddress: string;
  /** Which Temporal: the embedded dev server or the one at TEMPORAL_ADDRESS. */
  temporalMode: 'embedded' | 'external';
  stop(): Promise<void>;
}

export interface SystemOptions extends Pick<ApiServerOptions, 'fallback' | 'webDist'> {
  api: ApiEnv;
  temporal: TemporalEnv;
  databaseUrl: string;
  /** Tests and benches: Kysely's log of every statement this process runs (e.g. to count them per request). */
  databaseLog?: DbOptions['log'];
  /** Embedded Temporal state: in PostgreSQL (durable, the default) or in memory (fast tests). */
  temporalStore?: 'postgres' | 'memory';
  /** Channel adapters' routing hooks (call bridging, auto-replies); Twilio's when configured. */
  channels?: ChannelHooks;
  /**
   * Twilio settings (AppConfig.twilio; omitted or null: Twilio off) and the SDK's HTTP seam for tests.
   * Like every setting here, parsed by the caller (config.ts's loadConfig): nothing below reads the environment.
   */
  twilio?: {
    config: TwilioConfig | null;
    httpClient?: twilio.RequestClient;
    /** Tests only: a stand-in for https://api.twilio.com serving inbound media. */
    mediaApiBase?: string;
  };
  /** Email settings (AppConfig.email); omitted or null: email off. */
  email?: EmailEnv | null;
  /** Web chat settings (AppConfig.webchat); omitted: the defaults. */
  webchat?: WebchatEnv;
  /** Tests and benches: how campaign messages are sent (default: Twilio's, when configured). */
  campaignTransport?: CampaignTransport;
  /** Where subject-access packages are written; default `.data/exports` (tests: a temporary directory). */
  exportsDir?: string;
  /**
   * Something started here failed for good and the process must end (the embedded Temporal
   * server lost its database lock to another server). Default: logged only.
   */
  onFatal?: (error: Error) => void;
}

/** How often each process relays workflow starts left in the outbox (a crashed process's, Temporal down). */
const workflowStartSweepMs = 2_000;
/** How often the worker retries matching the heads of all queues (the safety net under event-driven matching). */
const waitingSweepMs = 5_000;

/** What the API and a worker apart both build: database, Temporal, pub/sub, routing, channels, push. */
async function startFoundation(
  options: SystemOptions,
  role: 'api' | 'worker',
  stops: (() => Promise<void>)[],
  /** The API's own address once it listens (null in a worker apart, or before listening). */
  listening: () => string | null,
) {
  const { api: env, temporal: tenv } = options;
  configureLogging({ level: logLevelOf(env), name: role });
  const clock = () => new Date();
  const db = createDb(options.databaseUrl, { log: options.databaseLog });
  stops.push(() => db.destroy());
  await migrateToLatest(db);

  let temporalAddress = tenv.TEMPORAL_ADDRESS;
  let embedded: { healthy(): boolean } | null = null;
  if (!temporalAddress && role === 'worker') {
    // A worker apart on the API's host: the API's embedded dev server.
    temporalAddress = `127.0.0.1:${tenv.TEMPORAL_DEV_PORT}`;
  } else if (!temporalAddress) {
    const dev = await startTemporalDevServer({
      port: tenv.TEMPORAL_DEV_PORT,
      databaseUrl: options.temporalStore === 'memory' ? undefined : options.databaseUrl,
      namespaces: [tenv.TEMPORAL_NAMESPACE],
      onFatal: options.onFatal,
    });
    embedded = dev;
    stops.push(() => dev.stop());
    temporalAddress = dev.address;
  }
  const temporal = await connectClient(tenv, temporalAddress).catch((e: unknown) => {
    const hint = role === 'worker' && !tenv.TEMPORAL_ADDRESS ? ' — start the API first (its embedded server) or set TEMPORAL_ADDRESS' : '';
    throw new Error(`Temporal at ${temporalAddress} did not answer (${e instanceof Error ? e.message : String(e)})${hint}`);
  });
  stops.push(() => temporal.connection.close());

  const bus = createAppPubSub(env.REDIS_URL);
  stops.push(() => bus.close());
  // Workflow starts owed by committed transactions (outbox), relayed by every API and worker process.
  const relay = createWorkflowStartRelay({ db, temporal, taskQueue: tenv.TEMPORAL_TASK_QUEUE, clock, sweepMs: workflowStartSweepMs });
  relay.start();
  stops.push(() => relay.stop());
  const notify = withCobrowseEndings(withChatEndings(createRoutingEvents(bus.pubsub, temporal, relay), bus.pubsub), { db, pubsub: bus.pubsub, clock });
  const matchPolicy = { passedOverSeconds: env.ROUTING_PASSED_OVER_SECONDS };
  const routing = createRoutingService({ db, temporal, relay, notify, settingsEvents: createRoutingSettingsEvents(bus.pubsub), clock, wrapUpSeconds: env.WRAP_UP_SECONDS, matchPolicy });
  const twilioConfig = options.twilio?.config ?? null;
  const campaignChanged = campaignChangePublisher(bus.pubsub);
  const twilioChannel = twilioConfig
    ? createTwilioChannel({
        config: twilioConfig,
        httpClient: options.twilio?.httpClient,
        mediaApiBase: options.twilio?.mediaApiBase,
        db,
        routing,
        pubsub: bus.pubsub,
        clock,
        // Workers apart name the API's address in what they send (status callbacks, media, links).
        publicBaseUrl: () => env.PUBLIC_BASE_URL ?? listening() ?? `http://${env.HOST}:${env.PORT}`,
        region: env.DEFAULT_PHONE_REGION as CountryCode,
        allowedLinkDomains: parseAllowList(env.PUSH_LINK_DOMAINS),
        // Statuses of pushed messages move their pushes on (the push service is not needed for that).
        onOutboundStatus: withCampaignStatuses(pushStatusListener({ db, clock, temporal, pubsub: bus.pubsub }), { db, clock, changed: campaignChanged }),
        // A reply within the window to a campaign message carries that campaign to the agent.
        onInboundWhatsApp: campaignReplyListener({ db, clock, windowHours: env.CAMPAIGN_REPLY_WINDOW_HOURS, changed: campaignChanged, interactionChanged: (id) => bus.pubsub.publish('interactionUpdated', id, { interactionId: id }) }),
      })
    : null;
  const emailConfig = options.email ?? null;
  const email = emailConfig ? await startEmailChannel({ config: emailConfig, db, routing, pubsub: bus.pubsub, clock, listen: role === 'api' }) : null;
  if (email) stops.push(() => email.close());

  // Workers sign the file URLs they hand Twilio: a worker on another host needs the same JWT_SECRET.
  const secret = loadOrCreateSecret(env.JWT_SECRET, join(repoRoot, '.data', 'secrets', 'jwt'));
  const mediaUrls = createMediaUrlSigner(secret);
  const push = createPushFeature({ db, clock, env, pubsub: bus.pubsub, temporal, taskQueue: tenv.TEMPORAL_TASK_QUEUE, twilio: twilioChannel, region: env.DEFAULT_PHONE_REGION as CountryCode, mediaUrls });
  stops.push(() => push.close());
  const campaigns = createCampaignFeature({ db, clock, env, pubsub: bus.pubsub, temporal, relay, twilio: twilioChannel?.deps ?? null, limiter: push.limiter, publicBaseUrl: () => env.PUBLIC_BASE_URL ?? listening() ?? `http://${env.HOST}:${env.PORT}`, transport: options.campaignTransport });
  const privacy = createPrivacyFeature({ db, clock, secret, exportsDir: options.exportsDir ?? join(repoRoot, '.data', 'exports'), relay, twilio: twilioChannel?.deps.client ?? null });

  const runWorker = async () => {
    const connection = await connectWorker(tenv, temporalAddress);
    stops.push(() => connection.close());
    const channels = composeChannelHooks(options.channels ?? twilioChannel?.hooks ?? noChannelHooks, email?.hooks, webchatHooks({ db, pubsub: bus.pubsub }));
    const worker = await startWorker({
      connection,
      namespace: tenv.TEMPORAL_NAMESPACE,
      taskQueue: tenv.TEMPORAL_TASK_QUEUE,
      activities: {
        ...createRoutingActivities({ db, clock, notify, channels, wrapUpSeconds: env.WRAP_UP_SECONDS, matchPolicy, maxMissedOffers: env.ROUTING_MAX_MISSED_OFFERS }),
        ...push.activities,
        ...campaigns.activities,
        ...privacy.activities,
        ...createScheduledReportActivities({ db, clock, mailer: email?.deps.mailer ?? null, from: email?.deps.config.EMAIL_INBOXES?.[0] ? { address: email.deps.config.EMAIL_INBOXES[0].address, name: email.deps.config.EMAIL_FROM_NAME } : null }),
        ...createOutboundWebhookActivities({ db, clock, env }),
      },
    });
    stops.push(() => worker.stop());
    await ensureRetentionSchedule(temporal, tenv.TEMPORAL_TASK_QUEUE);
    await ensureScheduledReportsSchedule(temporal, tenv.TEMPORAL_TASK_QUEUE);
    const sweep = startWaitingSweep(routing.deps, { everyMs: waitingSweepMs });
    stops.push(() => sweep.stop());
  };
  const readiness: ReadinessChecks = {
    database: async () => {
      await pingDatabase(db);
      return 'up';
    },
    // The frontend answers, and (embedded) can store what it is told.
    temporal: async () => {
      if (embedded && !embedded.healthy()) return 'down';
      await temporal.connection.withDeadline(Date.now() + 2000, () => temporal.connection.workflowService.getSystemInfo({}));
      return 'up';
    },
    redis: async () => bus.redisState(),
    smtp: async () => (email ? ((await email.ready()) ? 'up' : 'down') : 'not-configured'),
  };
  return { env, tenv, clock, db, temporalAddress, bus, routing, twilioChannel, email, push, campaigns, privacy, runWorker, secret, mediaUrls, readiness };
}

function stopper() {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch((e: unknown) => logger().error({ err: e }, 'stopping a part of the system failed'));
  };
  return { stops, stop };
}

/**
 * The composition root shared by `npm start` and the test stack: database (migrated), Temporal
 * (embedded unless TEMPORAL_ADDRESS), pub/sub, the API server and, unless RUN_WORKER=false, the
 * worker. `stop` undoes it all in reverse order.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const { stops, stop } = stopper();
  try {
    // The HTTP server is created first and listens last: services name its address through
    // listeningUrl (bound here, read when they send), and no request arrives before they exist.
    const httpServer = createServer();
    const f = await startFoundation(options, 'api', stops, () => listeningUrl(httpServer, options.api.HOST));
    const { env, tenv } = f;
    if (env.RUN_WORKER) await f.runWorker();

    const secret = f.secret;
    const webchatConfig = options.webchat ?? parseWebchatEnv({});
    const webchat = { config: webchatConfig, tokens: createVisitorTokenService(secret, webchatConfig.WEBCHAT_VISITOR_TOKEN_TTL_SECONDS) };
    const rateLimiter = createRateLimiter(env.REDIS_URL, env.REDIS_KEY_PREFIX);
    stops.push(() => rateLimiter.close());
    const cobrowseLedger = createCobrowseLedger({ db: f.db, pubsub: f.bus.pubsub, redisUrl: env.REDIS_URL, redisKeyPrefix: env.REDIS_KEY_PREFIX, stateTtlSeconds: env.COBROWSE_TOKEN_TTL_SECONDS });
    stops.push(() => cobrowseLedger.close());
    const cobrowse = { tokens: createCobrowseTokenService(secret, env.COBROWSE_TOKEN_TTL_SECONDS), ledger: cobrowseLedger };
    const services: ApiServices = { db: f.db, env, tokens: createTokenService(secret, env.JWT_TTL_SECONDS), sessions: createSessionStates(f.db, env.SESSION_STATE_CACHE_SECONDS), pubsub: f.bus.pubsub, routing: f.routing, clock: f.clock, twilio: f.twilioChannel, email: f.email, push: f.push, campaigns: f.campaigns.deps, webchat, rateLimiter, mediaUrls: f.mediaUrls, cobrowse, privacy: f.privacy.deps };
    const { server, close } = createApiServer({ schema: buildSchema(), services, webDist: options.webDist, fallback: options.fallback, readiness: f.readiness, server: httpServer });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(env.PORT, env.HOST, ok);
    });
    stops.push(close);
    return {
      services,
      server,
      url: listeningUrl(server, env.HOST)!,
      temporalAddress: f.temporalAddress,
      temporalMode: tenv.TEMPORAL_ADDRESS ? 'external' : 'embedded',
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * A worker apart from the API (`npm run worker`): the same activities against the same database,
 * Temporal and Redis, no HTTP or SMTP listener. Temporal: TEMPORAL_ADDRESS, else the API's
 * embedded dev server on this host (TEMPORAL_DEV_PORT).
 */
export async function startWorkerSystem(options: SystemOptions): Promise<{ temporalAddress: string; stop(): Promise<void> }> {
  const { stops, stop } = stopper();
  try {
    const f = await startFoundation(options, 'worker', stops, () => null);
    await f.runWorker();
    return { temporalAddress: f.temporalAddress, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
