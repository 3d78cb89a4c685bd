import { sql } from 'kysely';
import type { Db } from '../database';
import type { ChatTriggerRule, WebchatSite, WebchatVisitor } from '../tables/webchat';

/** A visit counts as new after this much inactivity (the usual analytics session). */
const sessionGapMinutes = 30;

export function getWebchatSiteByKey(db: Db, key: string): Promise<WebchatSite | undefined> {
  return db.selectFrom('webchat_sites').selectAll().where('key', '=', key).executeTakeFirst();
}

export function getWebchatSite(db: Db, id: string): Promise<WebchatSite | undefined> {
  return db.selectFrom('webchat_sites').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listWebchatSites(db: Db): Promise<WebchatSite[]> {
  return db.selectFrom('webchat_sites').selectAll().orderBy('created_at').execute();
}

/** The origins chat widgets may run on: `any` when some site sets no allowed origins (runs anywhere). */
export async function webchatOrigins(db: Db): Promise<{ any: boolean; origins: string[] }> {
  const rows = await db.selectFrom('webchat_sites').select('allowed_origins').execute();
  return { any: rows.some((r) => r.allowed_origins.length === 0), origins: [...new Set(rows.flatMap((r) => r.allowed_origins))] };
}

/** Creates the site with this key or replaces its settings. */
export function saveWebchatSite(
  db: Db,
  site: { key: string; name: string; queueId: string; allowedOrigins: string[]; triggers: ChatTriggerRule[]; proactiveCooldownSeconds: number; cobrowseRetentionDays?: number | null },
): Promise<WebchatSite> {
  const values = {
    name: site.name,
    queue_id: site.queueId,
    allowed_origins: site.allowedOrigins,
    triggers: JSON.stringify(site.triggers),
    proactive_cooldown_seconds: site.proactiveCooldownSeconds,
    // Left as it is when not given (older clients of saveChatSite).
    ...(site.cobrowseRetentionDays != null ? { cobrowse_retention_days: site.cobrowseRetentionDays } : {}),
  };
  return db
    .insertInto('webchat_sites')
    .values({ key: site.key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records a page view: a new visit after `sessionGapMinutes` of inactivity. */
export function touchWebchatVisitor(db: Db, siteId: string, visitorId: string, now: Date): Promise<WebchatVisitor> {
  return db
    .insertInto('webchat_visitors')
    .values({ site_id: siteId, visitor_id: visitorId, first_seen_at: now, last_seen_at: now })
    .onConflict((oc) =>
      oc.columns(['site_id', 'visitor_id']).doUpdateSet({
        visits: sql`webchat_visitors.visits + (case when webchat_visitors.last_seen_at < ${now}::timestamptz - make_interval(mins => ${sessionGapMinutes}) then 1 else 0 end)`,
        last_seen_at: now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Claims the visitor's proactive approach: true (and recorded) unless one was made within the
 * site's cooldown. Atomic, so two tabs firing at once approach the visitor once.
 */
export async function claimProactiveApproach(db: Db, site: WebchatSite, visitorId: string, now: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('webchat_visitors')
    .set({ last_proactive_at: now })
    .where('site_id', '=', site.id)
    .where('visitor_id', '=', visitorId)
    .where((eb) => eb.or([eb('last_proactive_at', 'is', null), eb('last_proactive_at', '<=', new Date(now.getTime() - site.proactive_cooldown_seconds * 1000))]))
    .returning('visitor_id')
    .executeTakeFirst();
  return !!claimed;
}

/** Whether any agent of the queue is available now (the widget offers leaving an email otherwise). */
export async function queueHasAvailableAgent(db: Db, queueId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agent_queues')
    .innerJoin('agent_presence', 'agent_presence.agent_id', 'agent_queues.agent_id')
    .select('agent_queues.agent_id')
    .where('agent_queues.queue_id', '=', queueId)
    .where('agent_presence.status', '=', 'available')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
