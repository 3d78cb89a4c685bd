import type { IncomingMessage, ServerResponse } from 'node:http';
import { channels, type Channel } from '@cc/core/channels';
import { logger } from '@cc/core/logger';
import { scopeAllows } from '@cc/core/roles';
import type { ReportFigure, ReportGrouping, ReportInterval } from '@cc/db/repositories/reports';
import type { ApiServices } from '../context';
import { signedInCaller } from './signed-in-caller';
import { writeInteractionsCsv, writeReportCsv } from '../reports/csv';
import { InvalidReportError } from '../reports/errors';
import { parseReportQuery, parseReportScope } from '../reports/report-query';

const intervals: ReportInterval[] = ['fifteen_minutes', 'hour', 'day', 'week'];
const groupings: ReportGrouping[] = ['none', 'queue', 'channel', 'agent'];
const figures: ReportFigure[] = [
  'offered', 'answered', 'abandoned', 'short_abandoned', 'answered_in_sla', 'answered_after_sla', 'abandoned_after_sla',
  'transferred', 'transferred_in', 'resolved', 'not_resolved', 'with_push', 'with_cobrowse',
];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID, or the GraphQL global id of a Queue / User (what the console holds). */
function idOf(value: string, type: 'Queue' | 'User'): string {
  if (uuid.test(value)) return value;
  const [typename, id] = Buffer.from(value, 'base64').toString().split(':');
  if (typename === type && id && uuid.test(id)) return id;
  throw new InvalidReportError(`"${value}" is not a ${type} id.`);
}

function dateOf(params: URLSearchParams, name: string): Date {
  const d = new Date(params.get(name) ?? '');
  if (Number.isNaN(d.getTime())) throw new InvalidReportError(`Give ${name} as an ISO 8601 instant, e.g. 2026-12-01T00:00:00Z.`);
  return d;
}

function oneOf<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], fallback: T | null): T | null {
  const v = params.get(name);
  if (v === null || v === '') return fallback;
  const lower = v.toLowerCase() as T;
  if (!allowed.includes(lower)) throw new InvalidReportError(`${name} is one of ${allowed.join(', ')}.`);
  return lower;
}

function scopeOf(params: URLSearchParams) {
  const list = (name: string) => (params.getAll(name).length ? params.getAll(name) : null);
  return parseReportScope({
    from: dateOf(params, 'from'),
    to: dateOf(params, 'to'),
    queueIds: list('queueId')?.map((v) => idOf(v, 'Queue')),
    agentIds: list('agentId')?.map((v) => idOf(v, 'User')),
    channels: list('channel')?.map((v) => oneOf(new URLSearchParams({ channel: v }), 'channel', channels, null) as Channel),
  });
}

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(message);
}

/**
 * `GET /reports/report.csv` (the report's rows) and `GET /reports/interactions.csv` (one row per
 * ended interaction, streamed): the `report` query's filter as query parameters (from, to,
 * timeZone, interval, groupBy, queueId…, channel…, agentId…, figure). Supervisors (bearer token or
 * the console's cookie: a read, so no CSRF header is needed) and keys with reports:read.
 */
export async function handleReportCsv(services: ApiServices, req: IncomingMessage, res: ServerResponse, path: string, headers: Headers): Promise<void> {
  const log = logger({ component: 'reports-csv' });
  if (req.method !== 'GET') return reply(res, 405, 'Use GET.');
  if (path !== '/reports/report.csv' && path !== '/reports/interactions.csv') return reply(res, 404, 'Not found');
  const principal = await signedInCaller(services, headers, res, 'Sign in (or send a valid API key) to export reports.');
  if (!principal) return;
  const allowed =
    (principal.kind === 'user' && (principal.role === 'supervisor' || principal.role === 'admin')) ||
    (principal.kind === 'apiKey' && scopeAllows(principal.scopes, 'reports:read'));
  if (!allowed) return reply(res, 403, 'Reports are for supervisors and keys with reports:read.');

  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  let write: (out: ServerResponse) => Promise<void>;
  let name: string;
  try {
    if (path === '/reports/report.csv') {
      const q = parseReportQuery({
        ...scopeOf(params),
        timeZone: params.get('timeZone') || 'UTC',
        interval: oneOf(params, 'interval', intervals, 'hour')!,
        groupBy: oneOf(params, 'groupBy', groupings, 'none')!,
      });
      write = (out) => writeReportCsv(services, q, out);
      name = 'report';
    } else {
      const scope = { ...scopeOf(params), figure: oneOf(params, 'figure', figures, null) };
      write = (out) => writeInteractionsCsv(services.db, scope, out);
      name = 'interactions';
    }
  } catch (e) {
    if (e instanceof InvalidReportError) return reply(res, 400, e.message);
    throw e;
  }
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}-${params.get('from')?.slice(0, 10) ?? ''}.csv"`,
    'cache-control': 'no-store',
  });
  try {
    await write(res);
    log.info({ export: name, by: principal.kind }, 'report csv exported');
  } catch (e) {
    // Headers are gone: a cut connection is the only way left to say the file is incomplete.
    log.error({ err: e, export: name }, 'report csv failed');
    res.destroy();
  }
}
