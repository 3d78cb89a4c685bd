import { sql } from 'kysely';
import { startOfLocalDay } from '@cc/core/business-hours';
import { serviceLevelFigures, type ServiceLevelFigures } from '@cc/core/service-level';
import type { Db } from '../database';

export interface QueueStats extends ServiceLevelFigures {
  queueId: string;
  since: Date;
  now: Date;
  slaTargetSeconds: number;
  /** Queued or offered, not yet assigned. */
  waiting: number;
  /** Of those, how many have waited longer than the queue's service-level target. */
  waitingPastTarget: number;
  /** now − enqueued_at of the oldest waiting interaction; 0 when none waits. */
  longestWaitSeconds: number;
  /** Members whose presence is `available` (whether or not they have a free slot). */
  agentsAvailable: number;
  /** Members not offline. */
  agentsStaffed: number;
}

/**
 * Real-time figures of a queue (contact-center-metrics.md). Waiting and longest wait are now;
 * service level, ASA and abandonment cover interactions answered or abandoned in [since, now],
 * `since` defaulting to the start of today in the queue's time zone. Service level excludes
 * abandons before the threshold (see core/service-level.ts); short abandons (< 5 s) are left out
 * of the abandonment rate. Returns undefined for an unknown queue.
 */
export async function queueStats(db: Db, queueId: string, now: Date, since?: Date): Promise<QueueStats | undefined> {
  const queue = await db.selectFrom('queues').select(['sla_target_seconds', 'timezone']).where('id', '=', queueId).executeTakeFirst();
  if (!queue) return undefined;
  const from = since ?? startOfLocalDay(now, queue.timezone);
  const targetPassedAt = new Date(now.getTime() - queue.sla_target_seconds * 1000);
  const waiting = await db
    .selectFrom('interactions')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('enqueued_at').as('oldest'),
      sql<number>`count(*) filter (where enqueued_at < ${targetPassedAt})::int`.as('pastTarget'),
    ])
    .where('queue_id', '=', queueId)
    .where('status', 'in', ['queued', 'offered'])
    .executeTakeFirstOrThrow();
  const timings = await db
    .selectFrom('interactions')
    .select(['enqueued_at', 'assigned_at', 'abandoned_at'])
    .where('queue_id', '=', queueId)
    .where((eb) =>
      eb.or([
        eb.and([eb('assigned_at', '>=', from), eb('assigned_at', '<=', now)]),
        eb.and([eb('abandoned_at', '>=', from), eb('abandoned_at', '<=', now)]),
      ]),
    )
    .execute();
  const agents = await db
    .selectFrom('agent_queues as aq')
    .innerJoin('agent_presence as p', 'p.agent_id', 'aq.agent_id')
    .select([sql<number>`count(*) filter (where p.status = 'available')::int`.as('available'), sql<number>`count(*) filter (where p.status <> 'offline')::int`.as('staffed')])
    .where('aq.queue_id', '=', queueId)
    .executeTakeFirstOrThrow();
  const oldest = waiting.oldest ? new Date(waiting.oldest) : null;
  return {
    queueId,
    since: from,
    now,
    slaTargetSeconds: queue.sla_target_seconds,
    waiting: Number(waiting.n),
    waitingPastTarget: waiting.pastTarget,
    longestWaitSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    agentsAvailable: agents.available,
    agentsStaffed: agents.staffed,
    ...serviceLevelFigures(
      timings.map((t) => ({ enqueuedAt: t.enqueued_at, assignedAt: t.assigned_at, abandonedAt: t.abandoned_at })),
      queue.sla_target_seconds,
    ),
  };
}
