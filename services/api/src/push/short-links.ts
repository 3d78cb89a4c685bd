import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '@cc/db/database';
import { recordLinkOpen } from '@cc/db/repositories/push-links';
import { recordCampaignLinkOpen } from '@cc/db/repositories/campaign-recipients';
import { replyText } from '../webhooks/http';
import { logger } from '@cc/core/logger';

const linkPath = /^\/l\/([A-Za-z0-9_-]{16,64})$/;

/** 128 random bits, URL-safe: the token is the capability, so it must not be guessable. */
export function newLinkToken(): string {
  return randomBytes(16).toString('base64url');
}

export function shortUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/l/${token}`;
}

/**
 * GET /l/<token>: records the open (time, user agent), tells the agent's console, and redirects.
 * Link previews (WhatsApp fetches the page to draw a card) count as opens too; their user agent
 * tells them apart in the record.
 */
export async function handleShortLink(
  deps: { db: Db; clock: () => Date; opened(pushId: string, interactionId: string): void; campaignOpened?(campaignId: string): void },
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const token = linkPath.exec(path)?.[1];
  if (!token) return replyText(res, 404, 'no such link');
  if (req.method !== 'GET' && req.method !== 'HEAD') return replyText(res, 405, 'links are opened with GET', { allow: 'GET, HEAD' });
  try {
    const open = await recordLinkOpen(deps.db, { token, userAgent: req.headers['user-agent'] ?? null, now: deps.clock() });
    if (!open) {
      // A campaign message's link (campaign_links): counted for the campaign's progress.
      const campaignLink = deps.campaignOpened ? await recordCampaignLinkOpen(deps.db, token, deps.clock()) : undefined;
      if (!campaignLink) return replyText(res, 404, 'no such link');
      deps.campaignOpened?.(campaignLink.campaign_id);
      res.writeHead(302, { location: campaignLink.url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      return void res.end();
    }
    deps.opened(open.link.push_id, open.interactionId);
    res.writeHead(302, { location: open.link.url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.end();
  } catch (e) {
    logger().error({ err: e }, 'short link failed');
    replyText(res, 500, 'the link could not be opened; try again');
  }
}
