import { onScopeDispose, watch, type Ref } from 'vue';

/** One message of the API's co-browse live socket: the session changed (read it again), or a batch of the customer's rrweb events. */
export type LiveFrame = { kind: 'STATUS'; seq: number } | { kind: 'EVENTS'; seq: number; url: string | null; events: unknown[] };

/** Closed by the API for good: the session ended (1000), a bad request, signed out, or not allowed to watch. */
const FINAL_CLOSES = new Set([1000, 4400, 4401, 4403]);
const RETRY_MS = [500, 1000, 2000, 5000, 10_000];

function liveSocketUrl(): string | null {
  if (typeof window === 'undefined' || typeof WebSocket === 'undefined') return null;
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/cobrowse/live`;
}

/**
 * The live view of one co-browse session: the API's co-browse socket (/cobrowse/live), where each
 * batch arrives as the API let it through, with no GraphQL per batch. The browser sends the
 * console's session cookie with the upgrade; the API lets through only who may watch (the agent
 * holding the call, supervisors). A broken socket is opened again (`interrupted` first: batches
 * may have been missed meanwhile); one closed for good is not.
 */
export function useCobrowseLive(sessionId: Ref<string | null>, on: { frame(frame: LiveFrame): void; interrupted(): void }): void {
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  function stop(): void {
    clearTimeout(retry);
    retry = undefined;
    const s = socket;
    socket = null;
    s?.close(1000);
  }

  function start(id: string): void {
    const url = liveSocketUrl();
    if (!url) return;
    const s = new WebSocket(url);
    socket = s;
    s.onopen = () => s.send(JSON.stringify({ watch: id }));
    s.onmessage = (m: MessageEvent) => {
      if (socket !== s) return;
      attempt = 0;
      on.frame(JSON.parse(String(m.data)) as LiveFrame);
    };
    s.onclose = (e: CloseEvent) => {
      if (socket !== s) return;
      socket = null;
      if (FINAL_CLOSES.has(e.code)) return;
      on.interrupted();
      retry = setTimeout(() => sessionId.value === id && start(id), RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
    };
  }

  watch(
    sessionId,
    (id) => {
      stop();
      if (id) start(id);
    },
    { immediate: true },
  );
  onScopeDispose(stop);
}
