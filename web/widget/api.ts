/** The widget's GraphQL client: plain fetch for operations, fetch-streamed SSE for live events. */

export class UnauthenticatedError extends Error {}

export interface GraphQLClient {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Streams one subscription until it ends or `signal` aborts; resolves when the stream closes. */
  subscribe<T>(query: string, onNext: (data: T) => void, signal: AbortSignal, variables?: Record<string, unknown>): Promise<void>;
}

export function createClient(endpoint: string, token: () => string | null): GraphQLClient {
  const headers = (accept: string) => {
    const t = token();
    return { 'content-type': 'application/json', accept, ...(t ? { authorization: `Bearer ${t}` } : {}) };
  };
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}) {
      const res = await fetch(endpoint, { method: 'POST', headers: headers('application/graphql-response+json, application/json'), body: JSON.stringify({ query, variables }) });
      const json = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      if (json.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) throw new UnauthenticatedError(json.errors[0]!.message);
      if (!json.data) throw new Error(json.errors?.[0]?.message ?? `HTTP ${res.status}`);
      return json.data;
    },
    async subscribe<T>(query: string, onNext: (data: T) => void, signal: AbortSignal, variables?: Record<string, unknown>) {
      const res = await fetch(endpoint, { method: 'POST', headers: headers('text/event-stream'), body: JSON.stringify({ query, variables }), signal });
      if (res.status === 401) throw new UnauthenticatedError('visitor token refused');
      if (!res.ok || !res.body) throw new Error(`subscription failed: HTTP ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          if (event === 'complete') return;
          if (event === 'next' && data) {
            const payload = JSON.parse(data) as { data?: T; errors?: unknown[] };
            if (payload.data) onNext(payload.data);
          }
        }
      }
    },
  };
}
