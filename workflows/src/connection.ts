import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogEntry } from '@temporalio/worker';
import { logger } from '@cc/core/logger';
import { isLoopbackHost } from '@cc/core/loopback';
import type { TemporalEnv } from './env';

/** Connection options shared by the client and the worker, for any Temporal deployment. */
function connectionOptions(env: TemporalEnv, address: string) {
  const mtls = env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY
    ? { clientCertPair: { crt: readFileSync(env.TEMPORAL_TLS_CERT), key: readFileSync(env.TEMPORAL_TLS_KEY) } }
    : undefined;
  const tls = mtls ?? (env.TEMPORAL_TLS || env.TEMPORAL_API_KEY ? true : undefined);
  return { address, ...(tls ? { tls } : {}), ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}) };
}

export async function connectClient(env: TemporalEnv, address: string): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(env, address));
  return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
}

const pinoLevels = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * The SDK's own lines (a failed activity attempt, a poll error) as one pino line each: the ids of
 * the workflow and activity and the error's type, code and message — the stack only for the
 * unforeseen (describeError). The SDK's default printed every retry's whole error and metadata.
 */
export function toPino(entry: LogEntry): void {
  const { error, failure, ...meta } = entry.meta ?? {};
  const fields: Record<string, unknown> = { component: 'temporal' };
  for (const [key, value] of Object.entries(meta)) {
    if (key !== 'taskToken' && ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  const err = error ?? failure;
  if (err !== undefined) fields.err = err; // serialized by describeError
  logger(fields)[pinoLevels[entry.level]](entry.message);
}

let runtimeInstalled = false;

/**
 * The process owns its signals: the SDK's default runtime would stop on SIGINT by itself and
 * re-raise it, cutting short the orderly shutdown (API, worker, then PostgreSQL) that `npm start`
 * runs. Installed once, before the first native connection.
 */
function installRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({
      shutdownSignals: [],
      logger: new DefaultLogger('WARN', toPino),
      // The SDK core's own lines (Rust) through the same logger, not printed to the console apart.
      telemetryOptions: { logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } } },
    });
  } catch {
    // Already installed by this process (tests that build several systems).
  }
}

/**
 * The worker's connection. Its gRPC requests are gzipped by default, which pays off across a
 * network; to a server on this host (the embedded one, a dev server) it only costs CPU at both
 * ends: a few percent of the API's main thread at 50 arrivals/s went to unzipping them (issue 16).
 */
export function connectWorker(env: TemporalEnv, address: string): Promise<NativeConnection> {
  installRuntime();
  return NativeConnection.connect({ ...connectionOptions(env, address), ...(isLoopback(address) ? { grpcCompression: { codec: 'none' as const } } : {}) });
}

/** Whether `host:port` names this machine. */
export function isLoopback(address: string): boolean {
  return isLoopbackHost(address.replace(/:\d+$/, ''));
}
