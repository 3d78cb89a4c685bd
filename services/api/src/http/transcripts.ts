import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiServices } from '../context';
import { signedInCaller } from './signed-in-caller';
import { buildTranscript } from '../archive/transcript';
import { transcriptHtml, type TranscriptLanguage } from '../archive/transcript-html';

const route = /^\/archive\/transcripts\/(interaction|customer)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(html|json)$/i;

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(message);
}

function languageOf(params: URLSearchParams, headers: Headers): TranscriptLanguage {
  const asked = params.get('lang') ?? headers.get('accept-language') ?? '';
  return asked.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function timeZoneOf(params: URLSearchParams): string {
  const zone = params.get('timeZone') ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/**
 * `GET /archive/transcripts/{interaction|customer}/<uuid>.{html|json}`: the transcript of one
 * interaction or one customer, as a printable page (the browser prints it to PDF) or JSON. Whoever
 * authorization/policy.ts lets read it (bearer token, API key or the console's cookie: a read, so no
 * CSRF header); `?lang=es|en` and `?timeZone=` for the page.
 */
export async function handleTranscript(services: ApiServices, req: IncomingMessage, res: ServerResponse, path: string, headers: Headers): Promise<void> {
  if (req.method !== 'GET') return reply(res, 405, 'Use GET.');
  const match = route.exec(path);
  if (!match) return reply(res, 404, 'Not found');
  const principal = await signedInCaller(services, headers, res, 'Sign in (or send a valid API key) to read transcripts.');
  if (!principal) return;
  const [, scope, id, format] = match;
  const outcome = await buildTranscript({ db: services.db, now: () => new Date() }, principal, { scope: scope!.toLowerCase() as 'interaction' | 'customer', id: id!.toLowerCase() });
  // Not found and not yours answer alike: a transcript's existence is itself customer data.
  if (!outcome.ok) return reply(res, 404, 'No such transcript, or not one you may read.');
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const name = `transcript-${scope}-${id}`;
  if (format!.toLowerCase() === 'json') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${name}.json"` });
    return void res.end(JSON.stringify(outcome.transcript, null, 2));
  }
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page runs no script but its print button's; nothing it shows may load or run anything.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-hashes' 'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='",
    'x-content-type-options': 'nosniff',
  });
  res.end(transcriptHtml(outcome.transcript, languageOf(params, headers), timeZoneOf(params)));
}
