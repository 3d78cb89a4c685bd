import { createServer, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectWorker, isLoopback } from '../src/connection';
import { parseTemporalEnv } from '../src/env';

/** The headers of each gRPC request the worker's connection sends to a stand-in on loopback (answered "unavailable"). */
async function requestHeaders(connect: (address: string) => Promise<unknown>): Promise<IncomingHttpHeaders[]> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/grpc' });
    res.addTrailers({ 'grpc-status': '14', 'grpc-message': 'stand-in' });
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    await connect(`127.0.0.1:${(server.address() as AddressInfo).port}`).catch(() => {});
  } finally {
    await new Promise((ok) => server.close(ok));
  }
  return seen;
}

describe('the worker’s connection', () => {
  it('sends its requests uncompressed to a server on this host', async () => {
    const headers = await requestHeaders((address) => connectWorker(parseTemporalEnv({}), address));
    expect(headers.length).toBeGreaterThan(0);
    // The SDK's default would say gzip here on every request.
    for (const h of headers) expect(h['grpc-encoding'] ?? 'identity').toBe('identity');
  });

  it('knows which addresses are this host', () => {
    for (const a of ['127.0.0.1:7233', '127.1.2.3:1', 'localhost:7233', 'LOCALHOST:1', '[::1]:7233']) expect(isLoopback(a), a).toBe(true);
    for (const a of ['temporal.internal:7233', 'my-ns.tmprl.cloud:7233', '10.0.0.7:7233', '128.0.0.1:7233', 'localhost.example.com:7233']) expect(isLoopback(a), a).toBe(false);
  });
});
