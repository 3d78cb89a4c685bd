import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { recipientResults } from '@cc/db/repositories/campaign-recipients';
import { getCampaign } from '@cc/db/repositories/campaigns';
import { logger } from '@cc/core/logger';
import type { ApiServices } from '../context';
import { signedInCaller } from '../http/signed-in-caller';
import { replyText } from '../webhooks/http';
import { requestHeaders } from '../http/request-headers';

const resultsPath = /^\/campaigns\/([0-9a-f-]{36})\/results\.csv$/;

export function campaignResultsPath(campaignId: string): string {
  return `/campaigns/${campaignId}/results.csv`;
}

export function isCampaignResultsPath(path: string): boolean {
  return resultsPath.test(path);
}

const columns = [
  'customer_id',
  'name',
  'phone',
  'state',
  'skip_reason',
  'delivery_status',
  'error_code',
  'sent_at',
  'replied_at',
  'link_opens',
];

/** The recipients' rows page by page (keyset), so a campaign of any size streams in bounded memory. */
async function* rows(services: ApiServices, campaignId: string) {
  for (let after: string | null = null; ;) {
    const page = await recipientResults(services.db, campaignId, after, 1000);
    for (const r of page) {
      yield [
        r.customer_id,
        r.display_name ?? '',
        r.to_number,
        r.state,
        r.skip_reason ?? '',
        r.delivery_status ?? '',
        r.error_code ?? '',
        r.sent_at?.toISOString() ?? '',
        r.replied_at?.toISOString() ?? '',
        r.link_opens ?? 0,
      ];
    }
    if (page.length < 1000) return;
    after = page[page.length - 1]!.id;
  }
}

/**
 * GET /campaigns/<id>/results.csv: per-recipient results (RFC 4180 via csv-stringify), streamed.
 * Supervisors and administrators, by bearer token or the console's session cookie.
 */
export async function handleCampaignResults(
  services: ApiServices,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const id = resultsPath.exec(path)?.[1];
  if (!id) return replyText(res, 404, 'no such campaign');
  if (req.method !== 'GET')
    return replyText(res, 405, 'results are read with GET', { allow: 'GET' });
  const principal = await signedInCaller(services, requestHeaders(req), res, 'sign in to read campaign results');
  if (!principal) return;
  if (principal.kind !== 'user' || (principal.role !== 'supervisor' && principal.role !== 'admin'))
    return replyText(res, 403, 'campaign results are for supervisors');
  const campaign = await getCampaign(services.db, id).catch(() => undefined);
  if (!campaign) return replyText(res, 404, 'no such campaign');
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="campaign-${id}-results.csv"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  try {
    await pipeline(Readable.from(rows(services, id)), stringify({ header: true, columns }), res);
  } catch (e) {
    // Headers are gone: the download ends short, and the log says why.
    logger({ campaignId: id }).error({ err: e }, 'campaign results export failed');
    res.destroy();
  }
}
