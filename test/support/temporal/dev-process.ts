import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface DevServerProcess {
  child: ChildProcess;
  address: string;
  output(): string;
  /** SIGKILL: no shutdown code runs. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs `npm run temporal:dev`'s entry point as a child process and waits for its address line.
 * `nodeArgs` go to node before the script (benchmarks: `cpuProfileArgs`).
 */
export async function spawnTemporalDev(env: { port: number; databaseUrl?: string }, timeoutMs = 30_000, nodeArgs: string[] = []): Promise<DevServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(repoRoot, 'services/temporal-dev/src/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      TEMPORAL_DEV_PORT: String(env.port),
      TEMPORAL_DEV_DATABASE_URL: env.databaseUrl ?? '',
      TEMPORAL_DEV_IN_MEMORY: env.databaseUrl ? '0' : '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const address = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`temporal-dev start-up timed out:\n${out}`)), timeoutMs);
    child.stdout!.on('data', () => {
      const m = /"temporalDev":"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    void exited.then(() => fail(new Error(`temporal-dev exited before start-up:\n${out}`)));
  });
  return {
    child,
    address,
    output: () => out,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
