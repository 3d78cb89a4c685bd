import { beforeEach, describe, expect, it, vi } from 'vitest';
import { UnauthenticatedError, type GraphQLClient } from '../api';

// The socket as graphql-ws would behave: each test says how it answers.
type Sink = { next(v: unknown): void; error(e: unknown): void; complete(): void };
const socket = { answer: (_sink: Sink) => {}, opened: [] as unknown[], disposed: 0 };
vi.mock('graphql-ws', () => ({
  createClient: (options: unknown) => {
    socket.opened.push(options);
    return { subscribe: (_req: unknown, sink: Sink) => (socket.answer(sink), () => {}), dispose: () => void socket.disposed++ };
  },
}));
const { createBatchTransport } = await import('./transport');

const http = (answer: unknown = { sendCobrowseEvents: { __typename: 'SendCobrowseEventsPayload', accepted: true } }) => ({ request: vi.fn(async () => answer), subscribe: vi.fn() }) as unknown as GraphQLClient & { request: ReturnType<typeof vi.fn> };

describe('co-browse batch transport', () => {
  beforeEach(() => {
    socket.opened = [];
    socket.disposed = 0;
  });

  it('sends over the socket, with the token in connectionParams and no HTTP request', async () => {
    socket.answer = (sink) => (sink.next({ data: { sendCobrowseEvents: { accepted: true, seq: 3 } } }), sink.complete());
    const fallback = http();
    const t = createBatchTransport('https://api.example/graphql', () => 'ccb_a', fallback);
    expect(await t.request('mutation', { input: {} })).toEqual({ sendCobrowseEvents: { accepted: true, seq: 3 } });
    expect(socket.opened).toEqual([expect.objectContaining({ url: 'wss://api.example/graphql', connectionParams: { authorization: 'Bearer ccb_a' } })]);
    expect(fallback.request).not.toHaveBeenCalled();
  });

  it('falls back to HTTP when the socket fails, and keeps to HTTP for a while', async () => {
    socket.answer = (sink) => sink.error(new Error('closed 1006'));
    const fallback = http();
    const t = createBatchTransport('http://api.example/graphql', () => 'ccb_a', fallback);
    await t.request('mutation', { input: { seq: 1 } });
    await t.request('mutation', { input: { seq: 2 } });
    expect(fallback.request).toHaveBeenCalledTimes(2);
    expect(socket.opened).toHaveLength(1);
    expect(socket.disposed).toBe(1);
  });

  it('a refused token over the socket ends the session as over HTTP', async () => {
    socket.answer = (sink) => sink.error([{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }]);
    const t = createBatchTransport('http://api.example/graphql', () => 'ccb_a', http());
    await expect(t.request('mutation', {})).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('a new session token opens a new socket', async () => {
    socket.answer = (sink) => (sink.next({ data: {} }), sink.complete());
    let token = 'ccb_a';
    const t = createBatchTransport('http://api.example/graphql', () => token, http());
    await t.request('mutation', {});
    token = 'ccb_b';
    await t.request('mutation', {});
    expect(socket.opened).toHaveLength(2);
    expect(socket.disposed).toBe(1);
  });
});
