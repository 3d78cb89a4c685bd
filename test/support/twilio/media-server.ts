import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MediaFile = { contentType: string; data: Buffer; /** Answer with a redirect to a storage URL (as Twilio does). */ redirect?: boolean };

/**
 * Stands in for Twilio's media API: /2010-04-01/Accounts/<sid>/Messages/<sid>/Media/<name> serves
 * a file only with the account's basic-auth credentials (or redirects to /storage/<name>, which
 * needs none, as Twilio redirects to signed storage). Every request is recorded with the
 * Authorization it carried; `fetches` counts API fetches by name (a re-delivery must not fetch again).
 */
export async function startMediaServer(credentials: { username: string; password: string }, files: Record<string, MediaFile> = {}, accountSid = 'AC'.padEnd(34, '0')) {
  const fetches: string[] = [];
  const requests: { path: string; authorization: string | null }[] = [];
  const served = { ...files };
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '';
    requests.push({ path, authorization: req.headers.authorization ?? null });
    const storage = /^\/storage\/([A-Za-z0-9]+)$/.exec(path);
    if (storage) {
      const file = served[storage[1]!];
      if (!file) return void res.writeHead(404).end('no such object');
      return void res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.data.byteLength) }).end(file.data);
    }
    const name = /\/Media\/([A-Za-z0-9]+)$/.exec(path)?.[1] ?? path;
    fetches.push(name);
    if (req.headers.authorization !== expected) return void res.writeHead(401).end('credentials required');
    const file = served[name];
    if (!file) return void res.writeHead(404).end('no such media');
    if (file.redirect) return void res.writeHead(307, { location: `/storage/${name}` }).end();
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.data.byteLength) }).end(file.data);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    /** The MediaUrl Twilio would send for the file `name` (a media sid). */
    url: (name: string) => `${base}/2010-04-01/Accounts/${accountSid}/Messages/MM${randomBytes(16).toString('hex')}/Media/${name}`,
    serve: (more: Record<string, MediaFile>) => void Object.assign(served, more),
    fetches,
    requests,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export type MediaServer = Awaited<ReturnType<typeof startMediaServer>>;
