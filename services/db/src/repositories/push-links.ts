import type { Db } from '../database';
import type { PushLink } from '../tables/push-links';
import { recordInteractionEvent } from './interaction-events';
import { inTransaction } from './transaction';

/** Records one open of a short link (with a timeline event); undefined when the token is unknown. */
export function recordLinkOpen(db: Db, open: { token: string; userAgent: string | null; now: Date }): Promise<{ link: PushLink; interactionId: string; first: boolean } | undefined> {
  return inTransaction(db, async (trx) => {
    const link = await trx.selectFrom('push_links').selectAll().where('token', '=', open.token).executeTakeFirst();
    if (!link) return undefined;
    const push = await trx.selectFrom('pushes').select(['interaction_id']).where('id', '=', link.push_id).executeTakeFirstOrThrow();
    const before = await trx.selectFrom('push_link_opens').select('id').where('token', '=', open.token).limit(1).executeTakeFirst();
    await trx.insertInto('push_link_opens').values({ token: open.token, user_agent: open.userAgent?.slice(0, 512) ?? null, opened_at: open.now }).execute();
    await recordInteractionEvent(trx, { interactionId: push.interaction_id, type: 'push_link_opened', actor: { type: 'customer', id: null }, data: { pushId: link.push_id, userAgent: open.userAgent?.slice(0, 512) ?? null }, at: open.now });
    return { link, interactionId: push.interaction_id, first: !before };
  });
}

/** A push's links with their open counts and first/last open. */
export async function pushLinkStats(db: Db, pushId: string): Promise<{ token: string; url: string; opens: number; firstOpenedAt: Date | null; lastOpenedAt: Date | null; lastUserAgent: string | null }[]> {
  const links = await db.selectFrom('push_links').selectAll().where('push_id', '=', pushId).orderBy('created_at').execute();
  return Promise.all(
    links.map(async (l) => {
      const opens = await db.selectFrom('push_link_opens').select(['opened_at', 'user_agent']).where('token', '=', l.token).orderBy('opened_at').orderBy('id').execute();
      return { token: l.token, url: l.url, opens: opens.length, firstOpenedAt: opens[0]?.opened_at ?? null, lastOpenedAt: opens.at(-1)?.opened_at ?? null, lastUserAgent: opens.at(-1)?.user_agent ?? null };
    }),
  );
}
