// Benchmarks' stand-in for api.twilio.com on loopback: answers every Messages create 201 queued,
// as Twilio would, and hands the SDK a RequestClient pointed at it (as tests point it at Prism).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/** The SDK's seam, with every request sent to `base` instead of Twilio. */
class LocalRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const target = new URL(opts.uri);
    return super.request({ ...opts, uri: `${this.base}${target.pathname}${target.search}` });
  }
}

/**
 * Listens on loopback; `onCreate` sees each request's form before its answer. `keepAliveMs` keeps
 * idle connections open longer than Node's default (a bench that pauses between bursts).
 */
export async function startTwilioWire(opts: {
  accountSid: string;
  onCreate: (form: URLSearchParams) => void;
  keepAliveMs?: number;
}) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      opts.onCreate(form);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          sid: `SM${randomBytes(16).toString('hex')}`,
          status: 'queued',
          to: form.get('To'),
          from: form.get('From'),
          body: form.get('Body'),
          account_sid: opts.accountSid,
        }),
      );
    });
  });
  if (opts.keepAliveMs !== undefined) server.keepAliveTimeout = opts.keepAliveMs;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    requestClient: () => new LocalRequestClient(url),
    close: () => new Promise<void>((ok, fail) => server.close((e) => (e ? fail(e) : ok()))),
  };
}
