import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Node flags for a child process to write a CPU profile of its whole life into `dir` (none without one). */
export const cpuProfileArgs = (dir: string | undefined): string[] => (dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : []);

export interface StartedSystem {
  child: ChildProcess;
  output: () => string;
  consoleUrl: string;
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/**
 * Runs the same entry point as `npm start` in a child process and waits for the URLs it prints.
 * `nodeArgs` go to node before the script (benchmarks: `--cpu-prof`).
 */
export async function startSystem(env: Record<string, string>, timeoutMs = 60_000, nodeArgs: string[] = []): Promise<StartedSystem> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(repoRoot, 'services/api/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const consoleUrl = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`start-up timed out:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /Console\s+(http\S+?)\/?\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => fail(new Error(`exited with ${code} before start-up:\n${out}`)));
  });
  return {
    child,
    output: () => out,
    consoleUrl,
    interrupt: async () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}
