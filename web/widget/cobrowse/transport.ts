import { UnauthenticatedError, type GraphQLClient } from '../api';
import { sendEvents, type Refusal } from './operations';

/** After the socket failed, batches go over HTTP this long before the socket is tried again. */
const SOCKET_RETRY_MS = 30_000;
/** An idle socket is closed after this long (a page with nothing changing sends nothing). */
const SOCKET_IDLE_MS = 60_000;
/** The API closes the socket with this when the token no longer verifies. */
const CLOSE_UNAUTHORIZED = 4401;

export interface Batch {
  sessionId: string;
  seq: number;
  url: string;
  events: unknown[];
}
/** sendCobrowseEvents' answer: the payload, or a refusal (`…Error` and its message). */
export type BatchAnswer = Refusal & { accepted?: boolean; seq?: number };

interface Open {
  socket: WebSocket;
  key: string;
  ready: Promise<void>;
  /** The batch waiting for its answer (one at a time: the widget sends them in order). */
  waiting: { seq: number; ok(a: BatchAnswer): void; fail(e: Error): void } | null;
  idle?: ReturnType<typeof setTimeout>;
}

/**
 * The event batches' way to the API: the API's co-browse socket (/cobrowse/live), kept open while
 * sharing — each batch one message, answered with sendCobrowseEvents' payload, no GraphQL per
 * batch — named for the session and its token in the first message, from the page's Origin (the
 * token is bound to it). Where the socket cannot open or breaks (a proxy, an old browser), the
 * batch goes by the sendCobrowseEvents mutation over HTTP POST and the socket is tried again later.
 * A batch the socket may have delivered before it broke is sent again over HTTP with the same seq:
 * the API drops the repeat (accepted: false), never delivers it twice.
 */
export function createBatchTransport(graphqlUrl: string, token: () => string | null, http: GraphQLClient) {
  let open: Open | null = null;
  let socketBrokenUntil = 0;
  const socketUrl = graphqlUrl.replace(/^http/, 'ws').replace(/\/graphql$/, '/cobrowse/live');

  function connect(sessionId: string, current: string): Open {
    const key = `${sessionId} ${current}`;
    // Another session or token needs another socket (the first message names them).
    if (open && open.key !== key) close();
    if (open) return open;
    const socket = new WebSocket(socketUrl);
    const o: Open = {
      socket,
      key,
      waiting: null,
      ready: new Promise<void>((ok, fail) => {
        socket.onopen = () => {
          socket.send(JSON.stringify({ share: sessionId, authorization: `Bearer ${current}` }));
          ok();
        };
        socket.onerror = () => fail(new Error('co-browse socket failed'));
      }),
    };
    socket.onmessage = (m: MessageEvent) => {
      const answer = JSON.parse(String(m.data)) as BatchAnswer & { ack: number | null };
      if (o.waiting && answer.ack === o.waiting.seq) {
        const { ack: _ack, ...rest } = answer;
        o.waiting.ok(rest);
        o.waiting = null;
      }
    };
    socket.onclose = (e: CloseEvent) => {
      if (open === o) open = null;
      o.waiting?.fail(e.code === CLOSE_UNAUTHORIZED ? new UnauthenticatedError(e.reason || 'co-browse token refused') : new Error(`co-browse socket closed (${e.code})`));
      o.waiting = null;
    };
    open = o;
    return o;
  }

  async function overSocket(o: Open, batch: Batch): Promise<BatchAnswer> {
    await o.ready;
    clearTimeout(o.idle);
    const answer = await new Promise<BatchAnswer>((ok, fail) => {
      o.waiting = { seq: batch.seq, ok, fail };
      o.socket.send(JSON.stringify({ seq: batch.seq, url: batch.url, events: batch.events }));
    });
    o.idle = setTimeout(() => (open === o ? close() : undefined), SOCKET_IDLE_MS);
    return answer;
  }

  function close() {
    const o = open;
    open = null;
    if (!o) return;
    clearTimeout(o.idle);
    o.socket.close(1000);
  }

  return {
    async send(batch: Batch): Promise<BatchAnswer> {
      const current = token();
      if (current && typeof WebSocket !== 'undefined' && Date.now() >= socketBrokenUntil) {
        try {
          return await overSocket(connect(batch.sessionId, current), batch);
        } catch (e) {
          if (e instanceof UnauthenticatedError) throw e;
          socketBrokenUntil = Date.now() + SOCKET_RETRY_MS;
          close();
        }
      }
      return (await http.request<{ sendCobrowseEvents: BatchAnswer }>(sendEvents, { input: batch })).sendCobrowseEvents;
    },
    close,
  };
}
