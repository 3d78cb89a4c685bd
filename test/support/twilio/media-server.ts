import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for Twilio's media store: serves files only with the account's basic-auth credentials,
 * and counts fetches (a re-delivered webhook must not fetch again).
 */
export async function startMediaServer(credentials: { username: string; password: string }, files: Record<string, { contentType: string; data: Buffer }>) {
  const fetches: string[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    fetches.push(req.url ?? '');
    if (req.headers.authorization !== expected) {
      res.writeHead(401).end('credentials required');
      return;
    }
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end('no such media');
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.data.byteLength) }).end(file.data);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    fetches,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
