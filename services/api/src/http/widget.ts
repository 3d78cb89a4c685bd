import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const siteKeyPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** The embeddable scripts: the chat widget, and co-browsing (which the widget loads when needed). */
export const scripts = new Set(['/widget.js', '/widget.js.map', '/cobrowse.js', '/cobrowse.js.map']);

/**
 * GET /widget.js: the embeddable chat widget (built by web/vite.widget.config.ts into
 * <webDist>/widget/), loadable from any site; GET /cobrowse.js likewise (co-browsing, built by
 * web/vite.cobrowse.config.ts). GET /widget-demo?site=KEY: a demo shop page with hostile styles
 * of its own, embedding the widget with a cart as context, and a checkout form (name, password,
 * card number, an opted-in field, a masked paragraph) to co-browse.
 */
export async function handleWidget(req: IncomingMessage, res: ServerResponse, path: string, webDist: string | undefined): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('read with GET');
  }
  if (scripts.has(path)) {
    const file = webDist ? await readFile(join(webDist, 'widget', path.slice(1))).catch(() => null) : null;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('The chat widget scripts are not built: run npm run build -w @cc/web.');
    }
    res.writeHead(200, {
      'content-type': path.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
    });
    return void res.end(req.method === 'HEAD' ? undefined : file);
  }
  const site = new URL(req.url ?? '/', 'http://x').searchParams.get('site') ?? 'demo';
  if (!siteKeyPattern.test(site)) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('site must be a chat site key (lower-case letters, digits, dashes)');
  }
  const cart = JSON.stringify({ cart: [{ sku: 'KETTLE-1', qty: 1, price: 39.9 }], orderId: 'DEMO-1001' }).replace(/"/g, '&quot;');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo shop – checkout</title>
<style>
  /* The shop's own aggressive styles: the widget must look the same regardless. */
  * { font-family: Georgia, serif !important; color: #7a1f1f; }
  div, button { border: 3px dashed hotpink !important; background: #ffe !important; }
  body { margin: 40px; }
</style></head>
<body>
  <h1>Demo shop</h1>
  <p>Your cart: 1 × Kettle (39.90 €). Order DEMO-1001.</p>
  <form id="checkout" action="#" style="display:grid;gap:8px;max-width:360px">
    <label>Full name <input name="fullName" autocomplete="name"></label>
    <label>Password <input type="password" name="password" autocomplete="current-password"></label>
    <!-- Opted in by mistake: a card number is never shared, whatever the markup. -->
    <label>Card number <input name="cardNumber" inputmode="numeric" autocomplete="cc-number" data-cc-unmask></label>
    <label>Gift message (shown to the agent) <input name="giftMessage" data-cc-unmask></label>
    <p data-cc-unmask style="margin:0"><label>Delivery notes (shown to the agent) <textarea name="deliveryNotes"></textarea></label></p>
  </form>
  <p id="account" data-cc-mask>Account holder: María López · IBAN ES91 2100 0418 4502 0005 1332</p>
  <script src="/widget.js" data-site="${site}" data-context="${cart}" async></script>
</body></html>`);
}
