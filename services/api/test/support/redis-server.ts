import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/** Whether this machine has redis-server (the Redis variants of a contract run only then). */
export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

/** A throwaway redis-server on a free loopback port for this test file; `url()` is set once it runs. */
export function useRedisServer(): { url(): string | undefined } {
  let redis: ChildProcess | undefined;
  let url: string | undefined;
  beforeAll(async () => {
    if (!hasRedisServer) return;
    const port = await new Promise<number>((ok) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => ok(p));
      });
    });
    try {
      redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await new Promise<void>((ok, fail) => {
        redis!.once('error', fail);
        setTimeout(ok, 300);
      });
      url = `redis://127.0.0.1:${port}`;
    } catch {
      redis = undefined;
    }
  });
  afterAll(() => void redis?.kill());
  return { url: () => url };
}
