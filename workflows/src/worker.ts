import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ActivityInterceptorsFactory, type NativeConnection } from '@temporalio/worker';
import { withLogContext } from '@cc/core/logger';

/** The registration index of every workflow type; bundled for the worker's sandbox. */
export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));
const bundleScript = fileURLToPath(new URL('./bundle-workflows.ts', import.meta.url));

let bundled: Promise<string> | undefined;
/**
 * The workflow bundle, built once per process by a short-lived child (bundle-workflows.ts):
 * bundling in-process left webpack's ~100 MB resident in the API for its whole life (issue 16's
 * RSS budget), and a process that starts several workers (tests) bundles once.
 */
function workflowBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-workflows-'));
    const out = join(dir, 'bundle.js');
    try {
      await new Promise<void>((ok, fail) => {
        const child = spawn(process.execPath, ['--import', 'tsx', bundleScript, out], { cwd: dirname(bundleScript), stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr!.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
        child.once('error', fail);
        child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`bundling the workflows failed (exit ${code}): ${err}`))));
      });
      return readFileSync(out, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  // A failed build is not kept: the next worker start tries again.
  bundled.catch(() => (bundled = undefined));
  return bundled;
}

export interface RunningWorker {
  /** Stops polling, lets running tasks finish, then resolves. */
  stop(): Promise<void>;
}

/** Whatever an activity logs (through use cases, repositories, adapters) names its workflow and activity. */
const logContext: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    execute: (input, next) =>
      withLogContext({ workflowId: ctx.info.workflowExecution?.workflowId, activity: ctx.info.activityType, attempt: ctx.info.attempt }, () => next(input)),
  },
});

/**
 * Workflows kept in memory between their tasks. The SDK's default grows with the heap limit (~2,300
 * on this machine, ~200 KB each), so a backlog of waiting interactions filled the cache with
 * workflows that only wait for a signal or a far timer (issue 16: 10,000 waiting held ~500 MB). A
 * waiting workflow has a short history: evicted, it replays in a few milliseconds when it next has work.
 */
const maxCachedWorkflows = 200;

/** Runs a worker on `taskQueue` with the given activities (built by the caller's factories). */
export async function startWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: object;
}): Promise<RunningWorker> {
  const worker = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: { code: await workflowBundle() },
    maxCachedWorkflows,
    activities: options.activities,
    interceptors: { activity: [logContext] },
  });
  const running = worker.run();
  return {
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
