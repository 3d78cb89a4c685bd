import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../src/webhooks/address-guard';
import { postWebhook } from '../src/webhooks/sender';

describe('outbound webhooks reach only public addresses unless allowed (SSRF guard)', () => {
  it('tells public addresses from private, loopback, link-local, reserved and mapped ones', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    expect(isPublicAddress('172.32.0.1')).toBe(true);
  });

  let server: Server;
  let port = 0;
  let received = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      received += 1;
      req.resume();
      req.on('end', () => res.writeHead(200).end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (url: string, allowPrivateAddresses: boolean) =>
    postWebhook({ url, headers: { 'webhook-id': 'msg_1' }, body: '{"a":1}', timeoutMs: 5000, userAgent: 'test', allowPrivateAddresses });

  it('refuses a literal private address and a name resolving to one, without connecting', async () => {
    const before = received;
    const literal = await post(`http://127.0.0.1:${port}/hook`, false);
    const named = await post(`http://localhost:${port}/hook`, false);
    expect(literal).toMatchObject({ kind: 'unreachable', error: expect.stringContaining('not a public address') });
    expect(named).toMatchObject({ kind: 'unreachable', error: expect.stringContaining('ADDRESS_NOT_ALLOWED') });
    expect(received).toBe(before);
  });

  it('delivers to the same receiver when private addresses are allowed (development, tests, internal receivers)', async () => {
    const before = received;
    const answer = await post(`http://localhost:${port}/hook`, true);
    expect(answer).toMatchObject({ kind: 'answered', status: 200, body: 'ok' });
    expect(received).toBe(before + 1);
  });
});
