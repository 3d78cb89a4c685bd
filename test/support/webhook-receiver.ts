import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** 1 for the first request carrying this webhook-id at this path, 2 for the next… */
  nth: number;
}

/** How the receiver answers one request: a status, or `hang` (never answers; the sender's timeout ends it). */
export type Answer = number | 'hang';

/**
 * A real HTTP receiver on loopback, as an integrator would run one: records every request, and
 * "processes" each event once — by its webhook-id — whatever the retries and replays (`processed`).
 * `answer` decides each response (per path and per repeat of the same id).
 */
export async function startWebhookReceiver(answer: (req: ReceivedWebhook) => Answer) {
  const received: ReceivedWebhook[] = [];
  const processed = new Map<string, ReceivedWebhook>();
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      const path = req.url ?? '/';
      const id = headers['webhook-id'] ?? '';
      const nth = received.filter((r) => r.path === path && r.headers['webhook-id'] === id).length + 1;
      const hook: ReceivedWebhook = { path, headers, body: Buffer.concat(chunks).toString('utf8'), nth };
      received.push(hook);
      // Deduplicated by id: a retry or replay of an event already handled is acknowledged, not handled again.
      if (!processed.has(id)) processed.set(id, hook);
      const a = answer(hook);
      if (a === 'hang') return;
      res.writeHead(a, { 'content-type': 'text/plain' }).end(a >= 200 && a < 300 ? 'ok' : `status ${a}`);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    processed,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
