import type { IncomingMessage } from 'node:http';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { DomainError } from '@cc/core/errors';
import { logger } from '@cc/core/logger';
import { getCobrowseSession } from '@cc/db/repositories/cobrowse';
import { authenticate, type ApiServices, type Principal } from '../context';
import { statusFrame } from '../cobrowse/frames';
import { mayWatchCobrowseSession, receiveEvents, type AgentEvent } from '../cobrowse/service';
import { consoleCookieHeaders } from './websocket';

/** Co-browse's data path, beside /graphql: the widget's batches in, the agent's live view out. */
export const cobrowseSocketPath = '/cobrowse/live';

/**
 * Why a socket was closed (4xxx as graphql-ws: the console tells "sign in again" and "not yours"
 * from a broken connection, which it retries).
 */
export const cobrowseSocketClose = { badRequest: 4400, unauthorized: 4401, forbidden: 4403, tooSlow: 4408, ended: 1000 } as const;

/** The first message (who is there, for which session), within this long of opening. */
const HELLO_MS = 10_000;
/** A viewer that has this much unsent is too slow to follow: closed; it reconnects from a fresh snapshot. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

type Hello = { watch?: unknown; share?: unknown; authorization?: unknown };
/** One batch from the widget: sendCobrowseEvents' input, its session named by the hello. */
type BatchMessage = { seq?: unknown; url?: unknown; events?: unknown };

/**
 * Co-browse's data path without GraphQL per batch, one socket per session and side; the first
 * message says which.
 *
 * The widget (`{"share": <CobrowseSession id>, "authorization": "Bearer ccb_…"}`, from the page
 * origin its token was issued to) then sends sendCobrowseEvents' input as messages, `{"seq","url",
 * "events"}`, and is answered each with the mutation's payload or refusal and `ack` (the seq):
 * `{"ack","__typename":"SendCobrowseEventsPayload","accepted","seq","masked"}` or `{"ack",
 * "__typename":"…Error","message"}` — receiveEvents, the mutation's use case: the same checks,
 * limits, masking and order. A token that no longer verifies closes it (4401).
 *
 * The agent's view, what `cobrowseEvents` delivers: the viewer sends `{"watch": <CobrowseSession id>, "authorization"?: "Bearer
 * <token>"}`; without a token the console's session cookie of the upgrade counts, only from the
 * console's origin (as on /graphql). The caller must be one who may watch the session — its agent
 * holding the call, or a supervisor (mayWatchCobrowse, the subscription's rule) — else the socket
 * closes with 4403, an unknown session alike. Then one JSON text per message, in the session's
 * order: `{"kind":"STATUS","seq"}` first, on every status change and after a batch of a new page (read
 * the session again),
 * `{"kind":"EVENTS","seq","url","events"}` per batch, each sent as published (frames.ts). The end
 * closes it (1000). Who the caller is, and that they may still watch, is checked again every
 * SESSION_STATE_CACHE_SECONDS (at least 5 s), as graphql-ws sockets are.
 */
export function createCobrowseSocket(deps: ApiServices): WebSocketServer {
  const log = logger({ component: 'cobrowse' });
  // A batch as big as the mutation's body may be (a bigger one closes the socket, 1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.env.GRAPHQL_MAX_BODY_BYTES });
  const watching = new Map<WebSocket, { principal: Principal; headers: Headers; sessionId: string }>();

  async function allowed(headers: Headers, sessionId: string): Promise<{ principal: Principal } | { refuse: number }> {
    const principal = await authenticate(deps, headers).catch(() => null);
    if (!principal || principal.kind !== 'user') return { refuse: cobrowseSocketClose.unauthorized };
    const session = await getCobrowseSession(deps.db, sessionId);
    if (!session || !(await mayWatchCobrowseSession(deps.db, principal, session))) return { refuse: cobrowseSocketClose.forbidden };
    return { principal };
  }

  async function watch(socket: WebSocket, upgrade: IncomingMessage, hello: Hello): Promise<void> {
    const sessionId = typeof hello.watch === 'string' ? rawSessionId(hello.watch) : null;
    if (!sessionId) return socket.close(cobrowseSocketClose.badRequest, 'Bad request');
    const headers = new Headers(typeof hello.authorization === 'string' ? { authorization: hello.authorization } : consoleCookieHeaders(deps.env, upgrade));
    const verdict = await allowed(headers, sessionId);
    if ('refuse' in verdict) return socket.close(verdict.refuse, verdict.refuse === cobrowseSocketClose.forbidden ? 'Forbidden' : 'Unauthorized');
    if (socket.readyState !== socket.OPEN) return;
    // Subscribed before the status is read: nothing published in between is missed.
    const live = deps.pubsub.subscribe('cobrowseAgent', sessionId);
    socket.once('close', () => {
      watching.delete(socket);
      void live.return?.();
    });
    watching.set(socket, { principal: verdict.principal, headers, sessionId });
    const row = await getCobrowseSession(deps.db, sessionId);
    socket.send(statusFrame(Math.max(row?.last_seq ?? 0, deps.cobrowse.ledger.lastSeq(sessionId) ?? 0)));
    if (!row || row.status === 'ended') return socket.close(cobrowseSocketClose.ended, 'Ended');
    for await (const payload of live) {
      const e = payload as AgentEvent;
      if (socket.readyState !== socket.OPEN) break;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return socket.close(cobrowseSocketClose.tooSlow, 'Too slow');
      // The hot path: the frame as published, unparsed.
      socket.send(e.kind === 'EVENTS' ? e.frame : statusFrame(e.seq));
      // A new page is a change of the session too (its current page, the pages visited).
      if (e.kind === 'EVENTS' && e.pageChanged) socket.send(statusFrame(e.seq));
      if (e.kind === 'STATUS' && (await getCobrowseSession(deps.db, sessionId))?.status === 'ended') return socket.close(cobrowseSocketClose.ended, 'Ended');
    }
  }

  /** The widget's side: its batches (sent right behind the hello, so taken in before it is checked), one after another in order. */
  function share(socket: WebSocket, upgrade: IncomingMessage, hello: Hello): void {
    const sessionId = typeof hello.share === 'string' ? rawSessionId(hello.share) : null;
    const token = typeof hello.authorization === 'string' ? hello.authorization.replace(/^Bearer\s+/i, '') : '';
    const refuse = (code: number, reason: string) => {
      socket.close(code, reason);
      return false;
    };
    let queue: Promise<boolean> = (async () => {
      if (!sessionId) return refuse(cobrowseSocketClose.badRequest, 'Bad request');
      const claims = await deps.cobrowse.tokens.verify(token);
      if (!claims) return refuse(cobrowseSocketClose.unauthorized, 'Unauthorized');
      // The token's own session, from the origin it was issued to (as the mutation checks).
      if (claims.sessionId !== sessionId || claims.origin !== (upgrade.headers.origin ?? null)) return refuse(cobrowseSocketClose.forbidden, 'Forbidden');
      return true;
    })();
    socket.on('message', (data: RawData) => {
      queue = queue
        .then(async (allowed) => allowed && socket.readyState === socket.OPEN && (await batch(socket, token, sessionId!, data), true))
        .catch((e: unknown) => {
          log.error({ err: e, sessionId }, 'co-browse batch over the live socket failed');
          socket.close(1011, 'Internal error');
          return false;
        });
    });
  }

  async function batch(socket: WebSocket, token: string, sessionId: string, data: RawData): Promise<void> {
    let input: BatchMessage = {};
    try {
      input = (JSON.parse(String(data)) as BatchMessage) ?? {};
    } catch {
      // Refused below.
    }
    const { seq, url, events } = input;
    const reply = (answer: Record<string, unknown>) => socket.readyState === socket.OPEN && socket.send(JSON.stringify({ ack: typeof seq === 'number' ? seq : null, ...answer }));
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || typeof url !== 'string' || url.length > 2000 || events === undefined) {
      return void reply({ __typename: 'InputValidationError', message: 'A batch is {"seq": 1, 2, 3…, "url": the page (2,000 characters at most), "events": rrweb events}.' });
    }
    // Remembered once verified: expiry is what this catches.
    if (!(await deps.cobrowse.tokens.verify(token))) return socket.close(cobrowseSocketClose.unauthorized, 'Unauthorized');
    try {
      const outcome = await receiveEvents(deps, { sessionId, seq, url, events });
      reply({ __typename: 'SendCobrowseEventsPayload', accepted: outcome.accepted, seq: outcome.seq, masked: outcome.accepted ? outcome.masked : 0 });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      reply({ __typename: e.name, message: e.message });
    }
  }

  wss.on('connection', (socket: WebSocket, upgrade: IncomingMessage) => {
    const timer = setTimeout(() => socket.close(cobrowseSocketClose.badRequest, 'Say what to watch'), HELLO_MS);
    socket.once('message', (data: RawData) => {
      clearTimeout(timer);
      let hello: Hello = {};
      try {
        hello = (JSON.parse(String(data)) as Hello) ?? {};
      } catch {
        // An empty hello: refused below.
      }
      if (hello.share !== undefined) return share(socket, upgrade, hello);
      watch(socket, upgrade, hello).catch((e: unknown) => {
        log.error({ err: e }, 'co-browse live socket failed');
        socket.close(1011, 'Internal error');
      });
    });
    socket.once('close', () => clearTimeout(timer));
  });

  // A viewer who signed out, lost their role or the call is no longer let watch.
  const recheck = setInterval(() => {
    for (const [socket, w] of watching) {
      void allowed(w.headers, w.sessionId).then((verdict) => {
        if (watching.get(socket) !== w) return;
        if ('refuse' in verdict) socket.close(verdict.refuse, 'No longer allowed');
        else if (JSON.stringify(verdict.principal) !== JSON.stringify(w.principal)) socket.close(cobrowseSocketClose.unauthorized, 'Unauthorized');
      }, () => undefined);
    }
  }, Math.max(5, deps.env.SESSION_STATE_CACHE_SECONDS) * 1000);
  recheck.unref();
  wss.on('close', () => clearInterval(recheck));
  return wss;
}

/** A CobrowseSession global id (as the console holds it) to the session's row id; null for anything else. */
function rawSessionId(globalId: string): string | null {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    return typename === 'CobrowseSession' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
  } catch {
    return null;
  }
}
