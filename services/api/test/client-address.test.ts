import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../src/http/client-address';

const req = (forwarded: string | string[] | undefined, peer = '10.0.0.2') =>
  ({ headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }, socket: { remoteAddress: peer } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('is the socket peer unless a proxy is trusted', () => {
    expect(clientAddress(req('203.0.113.7'), false)).toBe('10.0.0.2');
    expect(clientAddress(req(undefined), true)).toBe('10.0.0.2');
  });

  it('behind a trusted proxy, takes the entry the proxy appended (the last), not what the client sent', () => {
    // The client forged "1.2.3.4"; the proxy appended the real peer.
    expect(clientAddress(req('1.2.3.4, 198.51.100.9'), true)).toBe('198.51.100.9');
    expect(clientAddress(req('198.51.100.9'), true)).toBe('198.51.100.9');
    expect(clientAddress(req(['1.2.3.4', '198.51.100.9 ']), true)).toBe('198.51.100.9');
    expect(clientAddress(req(' , '), true)).toBe('10.0.0.2');
  });
});
