import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb, migrateToLatest } from '@cc/db/database';
import { createTokenService } from './auth/tokens';
import { loadOrCreateSecret } from './auth/secret';
import type { ApiServices } from './context';
import type { ApiEnv } from './env';
import { buildSchema } from './schema/index';
import { createApiServer, type ApiServerOptions } from './server';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RunningApi {
  services: ApiServices;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Connects to the database, migrates it and listens: what `npm start` and the test stack share. */
export async function startApi(
  env: ApiEnv,
  databaseUrl: string,
  options: Pick<ApiServerOptions, 'fallback' | 'webDist'> = {},
): Promise<RunningApi> {
  const db = createDb(databaseUrl);
  await migrateToLatest(db);
  const secret = loadOrCreateSecret(env.JWT_SECRET, join(repoRoot, '.data', 'secrets', 'jwt'));
  const services: ApiServices = { db, env, tokens: createTokenService(secret, env.JWT_TTL_SECONDS) };
  const server = createApiServer({ schema: buildSchema(), services, ...options });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(env.PORT, env.HOST, ok);
  });
  const { port } = server.address() as AddressInfo;
  return {
    services,
    server,
    url: `http://${env.HOST}:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await db.destroy();
    },
  };
}
