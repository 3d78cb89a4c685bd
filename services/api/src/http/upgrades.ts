import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';

/**
 * WebSocket upgrades by path, each to its own server (ws' `path` option lets only one server
 * listen on an HTTP server: the others' paths would be refused); any other path is refused (400).
 */
export function routeUpgrades(server: Server, routes: Record<string, WebSocketServer>): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const wss = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!wss) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
}
