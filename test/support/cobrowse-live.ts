/**
 * The API's co-browse live socket (/cobrowse/live) as the console and the widget use it: the
 * agent's view (frames in, as sent) and the widget's batches (answered one by one).
 */
import { WebSocket } from 'ws';
import type { RrwebEvent } from './cobrowse';

export type LiveFrame = { kind: 'STATUS'; seq: number } | { kind: 'EVENTS'; seq: number; url: string | null; events: RrwebEvent[] };

const liveUrl = (apiUrl: string) => `${apiUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/cobrowse/live`;

function opened(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => ok(ws));
    ws.once('error', fail);
  });
}
const closing = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((ok) => ws.once('close', (code, reason) => ok({ code, reason: String(reason) })));

export interface LiveView {
  /** Every message, as the bytes arrived. */
  raw: string[];
  frames: LiveFrame[];
  closed: Promise<{ code: number; reason: string }>;
  /** The first frame (already here or coming) that matches. */
  next(match: (f: LiveFrame) => boolean, timeoutMs?: number): Promise<LiveFrame>;
  close(): void;
}

/** Watches a session: `authorization` in the first message, or the upgrade's cookie and Origin. */
export async function watchLive(apiUrl: string, sessionId: string, credential: { authorization?: string; cookie?: string; origin?: string }): Promise<LiveView> {
  const ws = await opened(liveUrl(apiUrl), { ...(credential.cookie ? { cookie: credential.cookie } : {}), ...(credential.origin ? { origin: credential.origin } : {}) });
  const raw: string[] = [];
  const frames: LiveFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    raw.push(String(data));
    frames.push(JSON.parse(String(data)) as LiveFrame);
    for (const w of [...waiters]) w();
  });
  const closed = closing(ws);
  ws.send(JSON.stringify({ watch: sessionId, ...(credential.authorization ? { authorization: credential.authorization } : {}) }));
  return {
    raw,
    frames,
    closed,
    next: (match, timeoutMs = 10_000) =>
      new Promise((ok, fail) => {
        const check = () => {
          const found = frames.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          ok(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`no such frame; got ${JSON.stringify(frames.map((f) => [f.kind, f.seq]))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => ws.close(),
  };
}

export type BatchAnswer = { ack: number | null; __typename: string; accepted?: boolean; seq?: number; masked?: number; message?: string };

/** The widget's batches over the live socket, from its page's Origin; each answered in turn. */
export async function shareLive(apiUrl: string, sessionId: string, token: string, origin: string) {
  const ws = await opened(liveUrl(apiUrl), { origin });
  const answers: ((a: BatchAnswer) => void)[] = [];
  ws.on('message', (data) => answers.shift()?.(JSON.parse(String(data)) as BatchAnswer));
  const closed = closing(ws);
  ws.send(JSON.stringify({ share: sessionId, authorization: `Bearer ${token}` }));
  return {
    closed,
    send: (seq: number, url: string, events: unknown[]) =>
      new Promise<BatchAnswer>((ok, fail) => {
        answers.push(ok);
        void closed.then((c) => fail(new Error(`closed ${c.code} ${c.reason}`)));
        ws.send(JSON.stringify({ seq, url, events }));
      }),
    close: () => ws.close(),
  };
}
