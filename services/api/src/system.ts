import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CountryCode } from 'libphonenumber-js';
import { createDb, migrateToLatest } from '@cc/db/database';
import { startTemporalDevServer } from '@cc/temporal-dev/server';
import { createRoutingActivities, noChannelHooks, type ChannelHooks } from '@cc/workflows/activities/routing';
import { connectClient, connectWorker } from '@cc/workflows/connection';
import type { TemporalEnv } from '@cc/workflows/env';
import { startWorker } from '@cc/workflows/worker';
import { createTokenService } from './auth/tokens';
import { loadOrCreateSecret } from './auth/secret';
import type { ApiServices } from './context';
import type { ApiEnv } from './env';
import { createAppPubSub } from './pubsub';
import { createRoutingNotifier } from './routing-notifier';
import { createRoutingService } from './routing-service';
import { buildSchema } from './schema/index';
import { createApiServer, type ApiServerOptions } from './server';
import type twilio from 'twilio';
import { parseTwilioEnv, type TwilioConfig } from '@cc/channels/env';
import { createTwilioChannel } from './twilio/channel';
import { parseEmailEnv, type EmailEnv } from '@cc/channels/email/env';
import { composeChannelHooks } from './channel-hooks';
import { startEmailChannel } from './email/channel';
import { parseWebchatEnv } from '@cc/channels/webchat/env';
import { createVisitorTokenService } from './webchat/visitor-tokens';
import { webchatHooks } from './webchat/hooks';
import { withChatEndings } from './webchat/chat-endings';
import { createPushFeature } from './push/wiring';

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
  /** Embedded Temporal state: in PostgreSQL (durable, the default) or in memory (fast tests). */
  temporalStore?: 'postgres' | 'memory';
  /** Channel adapters' routing hooks (call bridging, auto-replies); Twilio's when configured. */
  channels?: ChannelHooks;
  /** Twilio settings (default: from the environment, TWILIO_*) and the SDK's HTTP seam for tests. */
  twilio?: { config: TwilioConfig | null; httpClient?: twilio.RequestClient };
  /** Email settings (default: from the environment, EMAIL_* and SMTP_*); null turns email off. */
  email?: EmailEnv | null;
}

/**
 * The composition root shared by `npm start` and the test stack: database (migrated), Temporal
 * (embedded unless TEMPORAL_ADDRESS), pub/sub, the API server and, unless RUN_WORKER=false, the
 * worker. `stop` undoes it all in reverse order.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch((e) => console.error(e));
  };
  try {
    const { api: env, temporal: tenv } = options;
    const clock = () => new Date();
    const db = createDb(options.databaseUrl);
    stops.push(() => db.destroy());
    await migrateToLatest(db);

    let temporalAddress = tenv.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      const dev = await startTemporalDevServer({
        port: tenv.TEMPORAL_DEV_PORT,
        databaseUrl: options.temporalStore === 'memory' ? undefined : options.databaseUrl,
        namespaces: [tenv.TEMPORAL_NAMESPACE],
      });
      stops.push(() => dev.stop());
      temporalAddress = dev.address;
    }
    const temporal = await connectClient(tenv, temporalAddress);
    stops.push(() => temporal.connection.close());

    const bus = createAppPubSub(env.REDIS_URL);
    stops.push(() => bus.close());
    const notify = withChatEndings(createRoutingNotifier(bus.pubsub, temporal), bus.pubsub);
    const routing = createRoutingService({ db, temporal, taskQueue: tenv.TEMPORAL_TASK_QUEUE, notify, clock, wrapUpSeconds: env.WRAP_UP_SECONDS });
    let listeningUrl = '';
    const twilioConfig = options.twilio ? options.twilio.config : parseTwilioEnv();
    const twilioChannel = twilioConfig
      ? createTwilioChannel({
          config: twilioConfig,
          httpClient: options.twilio?.httpClient,
          db,
          routing,
          pubsub: bus.pubsub,
          clock,
          publicBaseUrl: () => env.PUBLIC_BASE_URL ?? listeningUrl,
          region: env.DEFAULT_PHONE_REGION as CountryCode,
        })
      : null;
    const emailConfig = options.email !== undefined ? options.email : parseEmailEnv();
    const email = emailConfig ? await startEmailChannel({ config: emailConfig, db, routing, pubsub: bus.pubsub, clock }) : null;
    if (email) stops.push(() => email.close());

    const push = createPushFeature({ db, clock, env, pubsub: bus.pubsub, temporal, taskQueue: tenv.TEMPORAL_TASK_QUEUE, twilio: twilioChannel, region: env.DEFAULT_PHONE_REGION as CountryCode });
    stops.push(() => push.close());

    if (env.RUN_WORKER) {
      const connection = await connectWorker(tenv, temporalAddress);
      stops.push(() => connection.close());
      const worker = await startWorker({
        connection,
        namespace: tenv.TEMPORAL_NAMESPACE,
        taskQueue: tenv.TEMPORAL_TASK_QUEUE,
        activities: { ...createRoutingActivities({ db, clock, notify, channels: composeChannelHooks(options.channels ?? twilioChannel?.hooks ?? noChannelHooks, email?.hooks, webchatHooks({ db, pubsub: bus.pubsub })), wrapUpSeconds: env.WRAP_UP_SECONDS }), ...push.activities },
      });
      stops.push(() => worker.stop());
    }

    const secret = loadOrCreateSecret(env.JWT_SECRET, join(repoRoot, '.data', 'secrets', 'jwt'));
    const webchatConfig = parseWebchatEnv();
    const webchat = { config: webchatConfig, tokens: createVisitorTokenService(secret, webchatConfig.WEBCHAT_VISITOR_TOKEN_TTL_SECONDS) };
    const services: ApiServices = { db, env, tokens: createTokenService(secret, env.JWT_TTL_SECONDS), pubsub: bus.pubsub, routing, clock, twilio: twilioChannel, email, push, webchat };
    const { server, close } = createApiServer({ schema: buildSchema(), services, webDist: options.webDist, fallback: options.fallback });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(env.PORT, env.HOST, ok);
    });
    stops.push(close);
    const { port } = server.address() as AddressInfo;
    listeningUrl = `http://${env.HOST}:${port}`;
    return {
      services,
      server,
      url: listeningUrl,
      temporalAddress,
      temporalMode: tenv.TEMPORAL_ADDRESS ? 'external' : 'embedded',
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
