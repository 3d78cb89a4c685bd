import type { Redis } from 'ioredis';

/** Logs a client's outage once (ioredis retries every few seconds) and its recovery. */
export function watchRedis(client: Redis, name: string, log: (line: string) => void): void {
  let down = false;
  client.on('error', (e: Error) => {
    if (down) return;
    down = true;
    log(`redis (${name}) unavailable: ${e.message}; retrying in the background`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log(`redis (${name}) reconnected`);
  });
}
