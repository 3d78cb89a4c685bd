import { sql } from 'kysely';
import type { Db } from '../database';

export async function recordPushRefusal(db: Db, refusal: { interactionId: string | null; agentId: string | null; reason: string; now: Date }): Promise<void> {
  await db.insertInto('push_refusals').values({ interaction_id: refusal.interactionId, agent_id: refusal.agentId, reason: refusal.reason, created_at: refusal.now }).execute();
}

export interface PushFigures {
  pushes: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  linkPushes: number;
  linkOpened: number;
  /** Median seconds from the call's start (enqueue) to the push. */
  medianSecondsCallToPush: number | null;
  refusals: { reason: string; count: number }[];
}

/**
 * Push figures (contact-center-metrics.md) since `since`: sent counts what Twilio accepted;
 * delivered includes read (a read message was delivered).
 */
export async function pushFigures(db: Db, since: Date): Promise<PushFigures> {
  const [row, links, refusals] = await Promise.all([
    db
      .selectFrom('pushes as p')
      .innerJoin('interactions as i', 'i.id', 'p.interaction_id')
      .select([
        sql<number>`count(*)::int`.as('pushes'),
        sql<number>`count(*) filter (where p.status in ('queued','sending','sent','delivered','read') or (p.status in ('failed','undelivered') and exists (select 1 from messages m where m.id = p.message_id and m.provider_message_id is not null)))::int`.as('sent'),
        sql<number>`count(*) filter (where p.status in ('delivered','read'))::int`.as('delivered'),
        sql<number>`count(*) filter (where p.status = 'read')::int`.as('read'),
        sql<number>`count(*) filter (where p.status in ('failed','undelivered'))::int`.as('failed'),
        sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from p.created_at - i.enqueued_at))`.as('median'),
      ])
      .where('p.created_at', '>=', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('pushes as p')
      .select([
        sql<number>`count(*) filter (where exists (select 1 from push_links l where l.push_id = p.id))::int`.as('linkPushes'),
        sql<number>`count(*) filter (where exists (select 1 from push_links l join push_link_opens o on o.token = l.token where l.push_id = p.id))::int`.as('linkOpened'),
      ])
      .where('p.created_at', '>=', since)
      .executeTakeFirstOrThrow(),
    db.selectFrom('push_refusals').select(['reason', sql<number>`count(*)::int`.as('count')]).where('created_at', '>=', since).groupBy('reason').orderBy('reason').execute(),
  ]);
  return {
    pushes: row.pushes,
    sent: row.sent,
    delivered: row.delivered,
    read: row.read,
    failed: row.failed,
    linkPushes: links.linkPushes,
    linkOpened: links.linkOpened,
    medianSecondsCallToPush: row.median === null ? null : Number(row.median),
    refusals,
  };
}
