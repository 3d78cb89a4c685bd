import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UnauthenticatedError, type GraphQLClient } from '../api';
import { createBatchTransport } from './transport';

/** A browser WebSocket as the API's co-browse socket would behave: each test says how it answers a batch. */
class FakeSocket {
  static opened: FakeSocket[] = [];
  static answer: (socket: FakeSocket, message: { seq: number }) => void = () => {};
  static failToOpen = false;
  sent: unknown[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
    queueMicrotask(() => {
      if (FakeSocket.failToOpen) {
        this.onerror?.();
        this.onclose?.({ code: 1006, reason: '' });
      } else this.onopen?.();
    });
  }
  send(text: string) {
    const message = JSON.parse(text) as { seq: number };
    this.sent.push(message);
    if ('seq' in message) queueMicrotask(() => FakeSocket.answer(this, message));
  }
  reply(answer: unknown) {
    this.onmessage?.({ data: JSON.stringify(answer) });
  }
  close(code = 1000) {
    this.closed = true;
    this.onclose?.({ code, reason: '' });
  }
}

const payload = (seq: number) => ({ __typename: 'SendCobrowseEventsPayload', accepted: true, seq });
const http = () => ({ request: vi.fn(async () => ({ sendCobrowseEvents: payload(9) })), subscribe: vi.fn() }) as unknown as GraphQLClient & { request: ReturnType<typeof vi.fn> };
const batch = (seq: number, sessionId = 'U2Vzc2lvbjox') => ({ sessionId, seq, url: 'https://shop.example/cart', events: [{ type: 3 }] });

describe('co-browse batch transport', () => {
  beforeEach(() => {
    FakeSocket.opened = [];
    FakeSocket.failToOpen = false;
    FakeSocket.answer = (socket, m) => socket.reply({ ack: m.seq, ...payload(m.seq) });
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('names the session and its token first, then sends each batch as one message answered by its seq, with no HTTP request', async () => {
    const fallback = http();
    const t = createBatchTransport('https://api.example/graphql', () => 'ccb_a', fallback);
    expect(await t.send(batch(3))).toEqual(payload(3));
    expect(await t.send(batch(4))).toEqual(payload(4));
    expect(FakeSocket.opened.map((s) => s.url)).toEqual(['wss://api.example/cobrowse/live']);
    expect(FakeSocket.opened[0]!.sent).toEqual([
      { share: 'U2Vzc2lvbjox', authorization: 'Bearer ccb_a' },
      { seq: 3, url: 'https://shop.example/cart', events: [{ type: 3 }] },
      { seq: 4, url: 'https://shop.example/cart', events: [{ type: 3 }] },
    ]);
    expect(fallback.request).not.toHaveBeenCalled();
  });

  it('a refusal is an answer, not a failure', async () => {
    FakeSocket.answer = (socket, m) => socket.reply({ ack: m.seq, __typename: 'TooManyRequestsError', message: 'slow down' });
    const fallback = http();
    const t = createBatchTransport('http://api.example/graphql', () => 'ccb_a', fallback);
    expect(await t.send(batch(1))).toEqual({ __typename: 'TooManyRequestsError', message: 'slow down' });
    expect(fallback.request).not.toHaveBeenCalled();
  });

  it('falls back to the mutation over HTTP when the socket cannot open, and keeps to HTTP for a while', async () => {
    FakeSocket.failToOpen = true;
    const fallback = http();
    const t = createBatchTransport('http://api.example/graphql', () => 'ccb_a', fallback);
    expect(await t.send(batch(1))).toEqual(payload(9));
    await t.send(batch(2));
    expect(fallback.request).toHaveBeenCalledTimes(2);
    expect(fallback.request.mock.calls[0]![1]).toEqual({ input: batch(1) });
    expect(FakeSocket.opened).toHaveLength(1);
  });

  it('a batch in flight when the socket breaks goes again over HTTP with the same seq', async () => {
    FakeSocket.answer = (socket) => socket.close(1006);
    const fallback = http();
    const t = createBatchTransport('http://api.example/graphql', () => 'ccb_a', fallback);
    await t.send(batch(5));
    expect(fallback.request.mock.calls[0]![1]).toEqual({ input: batch(5) });
  });

  it('a token the API no longer accepts (4401) ends the session as over HTTP', async () => {
    FakeSocket.answer = (socket) => socket.close(4401);
    const fallback = http();
    const t = createBatchTransport('http://api.example/graphql', () => 'ccb_a', fallback);
    await expect(t.send(batch(1))).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(fallback.request).not.toHaveBeenCalled();
  });

  it('a new session token opens a new socket and closes the old one', async () => {
    let token = 'ccb_a';
    const t = createBatchTransport('http://api.example/graphql', () => token, http());
    await t.send(batch(1));
    token = 'ccb_b';
    await t.send(batch(1));
    expect(FakeSocket.opened).toHaveLength(2);
    expect(FakeSocket.opened[0]!.closed).toBe(true);
    expect(FakeSocket.opened[1]!.sent[0]).toEqual({ share: 'U2Vzc2lvbjox', authorization: 'Bearer ccb_b' });
  });
});
