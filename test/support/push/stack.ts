import { afterAll, beforeAll, inject } from 'vitest';
import { parseApiEnv } from '@cc/api/env';
import { createRoutingEvents } from '@cc/api/routing/events';
import { startSystem } from '@cc/api/system';
import { createRoutingActivities } from '@cc/workflows/activities/routing';
import type { PushTransport } from '@cc/workflows/activities/push';
import { createPushActivities } from '@cc/workflows/activities/push';
import { connectClient, connectWorker } from '@cc/workflows/connection';
import type { TemporalEnv } from '@cc/workflows/env';
import { startWorker, type RunningWorker } from '@cc/workflows/worker';
import type { Client } from '@temporalio/client';
import { attachGraphQLClient, testTemporalEnv } from '../api';
import { createTestDatabase } from '../postgres';
import { RecordingRequestClient } from '../twilio/recording-client';
import { startTwilioPrism, testTwilioConfig, type TwilioTestApi } from '../twilio/stack';

export interface WorkerApi extends TwilioTestApi {
  temporal: Client;
  databaseUrl: string;
  temporalEnv: TemporalEnv;
  /** Starts a worker apart from the API (as a separate worker process would run), optionally wrapping the push transport. */
  startWorker(wrap?: (transport: PushTransport) => PushTransport): Promise<RunningWorker>;
}

/**
 * The Twilio stack with the API running no worker (RUN_WORKER=false): the test starts and stops
 * workers itself, to take the worker away mid-push and bring it back.
 */
export function useApiWithoutWorker(options: { env?: Record<string, string> } = {}): WorkerApi {
  const handle = {} as WorkerApi;
  let drop: (() => Promise<void>) | undefined;
  let tenv: TemporalEnv;
  beforeAll(async () => {
    handle.prism = await startTwilioPrism();
    handle.twilio = new RecordingRequestClient(handle.prism.url);
    const database = await createTestDatabase(inject('postgresUrl'));
    drop = database.drop;
    handle.databaseUrl = database.url;
    const api = parseApiEnv({ NODE_ENV: 'test', PORT: '0', JWT_SECRET: 'x'.repeat(40), SERVE_WEB: 'false', RUN_WORKER: 'false', WRAP_UP_SECONDS: '1', ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}), ...options.env });
    tenv = testTemporalEnv(database.url);
    handle.temporalEnv = tenv;
    const config = testTwilioConfig();
    handle.config = config;
    handle.api = await startSystem({ api, temporal: tenv, databaseUrl: database.url, temporalStore: 'memory', twilio: { config, httpClient: handle.twilio } });
    handle.temporal = await connectClient(tenv, handle.api.temporalAddress);
  }, 60_000);
  afterAll(async () => {
    await handle.temporal?.connection.close();
    await handle.api?.stop();
    await handle.prism?.stop();
    await drop?.();
  });
  handle.startWorker = async (wrap) => {
    const { db, clock, pubsub, env, twilio, push, mediaUrls } = handle.api.services;
    const connection = await connectWorker(tenv, handle.api.temporalAddress);
    const routing = createRoutingActivities({ db, clock, notify: createRoutingEvents(pubsub, handle.temporal, handle.api.services.routing.deps.relay), channels: twilio!.hooks, wrapUpSeconds: env.WRAP_UP_SECONDS });
    const { createTwilioPushTransport } = await import('@cc/api/push/transport');
    const transport = createTwilioPushTransport(twilio!.deps, { urls: mediaUrls, ttlSeconds: env.MEDIA_URL_TTL_SECONDS });
    const pushActivities = createPushActivities({ db, clock, transport: wrap ? wrap(transport) : transport, pushChanged: async (p) => push.service.published(p) });
    const worker = await startWorker({ connection, namespace: tenv.TEMPORAL_NAMESPACE, taskQueue: tenv.TEMPORAL_TASK_QUEUE, activities: { ...routing, ...pushActivities } });
    return {
      stop: async () => {
        await worker.stop();
        await connection.close();
      },
    };
  };
  handle.url = (path) => `${handle.api.url}${path}`;
  attachGraphQLClient(handle, 'push.test');
  return handle;
}
