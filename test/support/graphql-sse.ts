/**
 * A GraphQL subscription over SSE (yoga's `text/event-stream` transport), as a browser's
 * EventSource would use it: collects every `next` payload until `close()`.
 */
export interface SseSubscription<T> {
  events: T[];
  /** Resolves with the first collected event matching `predicate` (waiting up to `timeoutMs`). */
  next(predicate?: (e: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

export async function subscribeSse<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  /** Called as each event arrives (benchmarks take their timestamp here). */
  onEvent?: (event: T) => void,
  /** Called once when the stream ends by itself (the server closed it, or sent an error), not on `close()`. */
  onEnd?: (error?: unknown) => void,
): Promise<SseSubscription<T>> {
  const controller = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`subscription refused: ${res.status} ${await res.text()}`);
  const events: T[] = [];
  const waiters: (() => void)[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          if (!data) continue;
          const parsed = JSON.parse(data) as { data?: T; errors?: unknown };
          if (parsed.errors) throw new Error(`subscription error: ${JSON.stringify(parsed.errors)}`);
          if (parsed.data) {
            events.push(parsed.data);
            onEvent?.(parsed.data);
          }
          waiters.splice(0).forEach((w) => w());
        }
      }
      if (!controller.signal.aborted) onEnd?.();
    } catch (e) {
      if (controller.signal.aborted) return;
      if (onEnd) onEnd(e);
      else console.error(e);
    }
  })();
  return {
    events,
    next: (predicate = () => true, timeoutMs = 10_000) =>
      new Promise<T>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
        const check = () => {
          const found = events.find(predicate);
          if (found) {
            clearTimeout(timer);
            ok(found);
          } else waiters.push(check);
        };
        check();
      }),
    close: () => controller.abort(),
  };
}
