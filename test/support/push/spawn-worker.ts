import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../start-process';
import type { SentRequest } from '../twilio/recording-client';
import { until } from '../until';
import type { WorkerApi } from './stack';

export type WorkerProcess = {
  child: ChildProcess;
  sent: SentRequest[];
  output: () => string;
  exited: Promise<unknown>;
};

/**
 * Spawns a worker process (worker-process.ts, as `npm run worker` runs) against the stack `t`, and
 * waits until it polls. Its Twilio requests (to the stack's Prism) are collected in `sent`; the
 * caller kills it (kept in `spawned` for the test's afterAll).
 */
export async function spawnWorker(
  t: WorkerApi,
  spawned: ChildProcess[],
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'test/support/push/worker-process.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: t.databaseUrl,
        TEMPORAL_ADDRESS: t.api.temporalAddress,
        TEMPORAL_NAMESPACE: t.temporalEnv.TEMPORAL_NAMESPACE,
        TEMPORAL_TASK_QUEUE: t.temporalEnv.TEMPORAL_TASK_QUEUE,
        PUBLIC_BASE_URL: t.api.url,
        PRISM_URL: t.prism.url,
        JWT_SECRET: 'x'.repeat(40),
        REDIS_URL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  spawned.push(child);
  const sent: SentRequest[] = [];
  let out = '';
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
    for (const line of b.toString().split('\n'))
      if (line.startsWith('TWILIO ')) sent.push(JSON.parse(line.slice(7)) as SentRequest);
  });
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise((ok) => child.once('exit', ok));
  await until(
    () => out,
    (o) => o.includes('WORKER READY') || child.exitCode !== null,
    60_000,
  ).catch(() => undefined);
  if (!out.includes('WORKER READY')) throw new Error(`worker did not start:\n${out}`);
  return { child, sent, output: () => out, exited };
}
