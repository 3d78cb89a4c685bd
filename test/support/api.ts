import { afterAll, beforeAll, inject } from 'vitest';
import { parseApiEnv } from '@cc/api/env';
import { startSystem, type RunningSystem, type SystemOptions } from '@cc/api/system';
import { parseTemporalEnv } from '@cc/workflows/env';
import { parseTwilioEnv } from '@cc/channels/env';
import { parseEmailEnv } from '@cc/channels/email/env';
import { parseWebchatEnv } from '@cc/channels/webchat/env';
import { hashPassword } from '@cc/api/auth/password';
import { createUser } from '@cc/db/repositories/users';
import type { Role } from '@cc/core/roles';
import { createTestDatabase } from './postgres';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  api: RunningSystem;
  /** POSTs a GraphQL operation; `auth` is a session token or API key. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, auth?: string): Promise<GraphQLResponse<T>>;
  /** Creates a user directly in the database and signs in through the API; returns the token. */
  signIn(role: Role, email?: string): Promise<{ token: string; userId: string }>;
}

/**
 * The whole system for one test file: a fresh migrated database, an in-memory embedded Temporal
 * (or TEMPORAL_ADDRESS), the API on a free loopback port and, with `worker`, the routing worker.
 */
export function useTestApi(options: {
  worker?: boolean;
  env?: Record<string, string>;
  /** Serve this built console (e.g. web/dist) from the API's origin, as `npm start` does. */
  webDist?: string;
  /** Kysely's log of every statement the stack runs (to count statements per request). */
  databaseLog?: SystemOptions['databaseLog'];
  /** Where subject-access packages are written (a temporary directory; default `.data/exports`). */
  exportsDir?: string;
} = {}): TestApi {
  let drop: (() => Promise<void>) | undefined;
  const handle = {} as TestApi;
  beforeAll(async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    drop = database.drop;
    const api = parseApiEnv({
      NODE_ENV: 'test',
      PORT: '0',
      JWT_SECRET: 'x'.repeat(40),
      SERVE_WEB: 'false',
      RUN_WORKER: String(options.worker ?? false),
      ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}),
      // Test files share one Redis: each keeps its own counters.
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `test-${database.url.split('/').pop()}` } : {}),
      ...options.env,
    });
    const temporal = testTemporalEnv(database.url);
    handle.api = await startSystem({ api, temporal, databaseUrl: database.url, temporalStore: 'memory', webDist: options.webDist, databaseLog: options.databaseLog, exportsDir: options.exportsDir, ...channelsFromEnv() });
  });
  afterAll(async () => {
    await handle.api?.stop();
    await drop?.();
  });
  attachGraphQLClient(handle, 'test.local');
  return handle;
}

/**
 * Channel settings (TWILIO_*, EMAIL_*, SMTP_*, WEBCHAT_*) from this test file's environment: files
 * configure email and web chat by setting them in process.env before the stack starts.
 */
function channelsFromEnv() {
  return { twilio: { config: parseTwilioEnv(process.env) }, email: parseEmailEnv(process.env), webchat: parseWebchatEnv(process.env) };
}

/**
 * Temporal settings for one test file: the embedded server (any free port), or the real one at
 * TEMPORAL_ADDRESS (`npm run test:temporal-real`); a task queue per test database, so files
 * sharing one real server never pick up each other's tasks.
 */
export function testTemporalEnv(databaseUrl: string) {
  return parseTemporalEnv({
    TEMPORAL_DEV_PORT: '0',
    TEMPORAL_TASK_QUEUE: `test-${databaseUrl.split('/').pop()}`,
    ...(process.env.TEMPORAL_ADDRESS ? { TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS } : {}),
  });
}

/**
 * `gql` and `signIn` against `handle.api` (read at call time, once the stack is up): every test
 * stack (plain, Twilio, push) shares them.
 */
export function attachGraphQLClient(handle: TestApi, emailDomain: string): void {
  let n = 0;
  handle.gql = async (query, variables, auth) => {
    const res = await fetch(`${handle.api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // What urql and other GraphQL-over-HTTP clients send: errors then come with real status codes.
        accept: 'application/graphql-response+json, application/json',
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
  handle.signIn = async (role, email = `${role}${++n}@${emailDomain}`) => {
    const password = 'correct horse battery';
    const user = await createUser(handle.api.services.db, { email, name: role, role, passwordHash: await hashPassword(password) });
    const res = await handle.gql<{ login: { token: string } }>(
      'mutation($input: LoginInput!) { login(input: $input) { ... on LoginPayload { token } } }',
      { input: { email, password } },
    );
    if (!res.data?.login.token) throw new Error(`sign-in failed: ${JSON.stringify(res)}`);
    return { token: res.data.login.token, userId: user.id };
  };
}
