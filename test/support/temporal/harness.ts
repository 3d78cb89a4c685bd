import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startTemporalDevServer } from '@cc/temporal-dev/server';
import { createActivities, createActivityLog, type ActivityLog } from './activities';

/**
 * A Temporal to test against: the real server named by TEMPORAL_ADDRESS when set, otherwise an
 * embedded temporal-dev (in memory, or on `databaseUrl`). Read here once for the whole suite.
 */
export const externalAddress = process.env.TEMPORAL_ADDRESS;
export const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));

let runtimeInstalled = false;
function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by another suite in this process
  }
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  return bundle;
}

export interface TemporalTestEnv {
  address: string;
  client: Client;
  taskQueue: string;
  log: ActivityLog;
  /** Runs a second worker on `taskQueue` while `fn` runs. */
  withWorker<T>(taskQueue: string, fn: () => Promise<T>): Promise<T>;
  /** Whether this is the embedded server (some assertions only hold for it). */
  embedded: boolean;
  stop(): Promise<void>;
}

export async function startTemporalTestEnv(opts: { databaseUrl?: string; worker?: boolean } = {}): Promise<TemporalTestEnv> {
  quietRuntime();
  const server = externalAddress ? undefined : await startTemporalDevServer({ port: 0, databaseUrl: opts.databaseUrl });
  const address = externalAddress ?? server!.address;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const taskQueue = `tq-${randomUUID()}`;
  const log = createActivityLog();
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let nativeConnection: NativeConnection | undefined;
  if (opts.worker !== false) {
    nativeConnection = await NativeConnection.connect({ address });
    worker = await Worker.create({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createActivities(log),
    });
    running = worker.run();
  }
  return {
    address,
    client,
    taskQueue,
    log,
    embedded: !externalAddress,
    async withWorker(queue, fn) {
      const conn = await NativeConnection.connect({ address });
      const w = await Worker.create({ connection: conn, namespace: 'default', taskQueue: queue, workflowBundle: await workflowBundle(), activities: createActivities(log) });
      const r = w.run();
      try {
        return await fn();
      } finally {
        w.shutdown();
        await r;
        await conn.close();
      }
    },
    async stop() {
      if (worker) {
        worker.shutdown();
        await running;
      }
      await nativeConnection?.close();
      await connection.close();
      await server?.stop();
    },
  };
}
