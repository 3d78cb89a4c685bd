import { sql, type RawBuilder } from 'kysely';
import { channels, type Channel } from '@cc/core/channels';
import { countsAgainstCapacity, interactionStatuses, type Load } from '@cc/core/routing';
import type { Db } from '../database';

/** (status, channel) pairs of assigned work that hold a slot, derived from the one rule in core. */
const heldPairs = interactionStatuses
  .filter((s) => s !== 'offered')
  .flatMap((status) => channels.filter((channel) => countsAgainstCapacity(status, channel)).map((channel) => [status, channel] as const));

/** SQL: the (status, channel) pairs of heldPairs, as a list for `IN`. */
const heldPairsSql = () => sql.join(heldPairs.map(([s, c]) => sql`(${s}, ${c})`));

/** SQL: how many contacts the agents row `agent` may hold at once on `channel` (none when unset). */
export function capacityOnSql(agent: RawBuilder<unknown>, channel: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`coalesce((${agent}.capacity ->> ${channel})::int, 0)`;
}

/**
 * SQL: whether `agent` has a free slot on `channel` (capacity above what they hold: open offers
 * plus slot-holding assigned work) — `agentLoads` + `freeSlots` for one agent and channel, for
 * statements that rank or re-check agents without loading every load. `agent` is an agents row.
 */
export function hasFreeSlotSql(agent: RawBuilder<unknown>, channel: RawBuilder<unknown>): RawBuilder<boolean> {
  const pairs = heldPairsSql();
  return sql<boolean>`${capacityOnSql(agent, channel)} > (
    (SELECT count(*) FROM offers ho WHERE ho.outcome IS NULL AND ho.agent_id = ${agent}.user_id AND ho.channel = ${channel})
    + (SELECT count(*) FROM interactions hi WHERE hi.assigned_agent_id = ${agent}.user_id AND hi.channel = ${channel} AND (hi.status, hi.channel) IN (${pairs})))`;
}

/**
 * SQL (rows `agent_id`, `n`): what each agent of `among` (a subquery of agent ids) holds on
 * `channel` — `hasFreeSlotSql`'s two counts for many agents at once, one grouped pass over their
 * open offers and held work (both indexed by agent), for statements that rank a queue's members:
 * joined once instead of two subqueries per member (with 1,000 members, 2,000 probes per arrival).
 * Offers carry their channel, so the open ones are counted from their (agent, channel) index alone.
 */
export function heldOnChannelSql(channel: RawBuilder<unknown>, among: RawBuilder<unknown>): RawBuilder<unknown> {
  const pairs = heldPairsSql();
  const statuses = sql.join([...new Set(heldPairs.map(([s]) => s))].map((s) => sql`${s}`));
  return sql`SELECT agent_id, count(*)::int AS n FROM (
      SELECT ho.agent_id FROM offers ho WHERE ho.outcome IS NULL AND ho.agent_id IN (${among}) AND ho.channel = ${channel}
      UNION ALL
      SELECT hi.assigned_agent_id FROM interactions hi
      WHERE hi.assigned_agent_id IN (${among}) AND hi.status IN (${statuses}) AND hi.channel = ${channel} AND (hi.status, hi.channel) IN (${pairs})
    ) held GROUP BY agent_id`;
}

/** SQL: `hasRequiredSkills` — the agents row `agent` has every skill the queues row `queue` requires, at its level. */
export function hasRequiredSkillsSql(agent: RawBuilder<unknown>, queue: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`NOT EXISTS (SELECT 1 FROM jsonb_each_text(${queue}.required_skills) rs WHERE coalesce((${agent}.skills ->> rs.key)::int, 0) < rs.value::int)`;
}

/**
 * What each agent holds per channel: open offers plus assigned work that occupies a slot (see
 * `countsAgainstCapacity`). Only exact while the caller holds the agents' presence locks.
 */
export async function agentLoads(db: Db, agentIds: readonly string[]): Promise<Map<string, Load>> {
  const loads = new Map<string, Load>(agentIds.map((id) => [id, {}]));
  if (agentIds.length === 0) return loads;
  const pairs = sql.join(heldPairs.map(([s, c]) => sql`(${s}, ${c})`));
  const { rows } = await sql<{ agent_id: string; channel: Channel; n: number }>`
    SELECT agent_id, channel, count(*)::int AS n FROM (
      SELECT o.agent_id, o.channel FROM offers o WHERE o.outcome IS NULL AND o.agent_id = ANY(${[...agentIds]}::uuid[])
      UNION ALL
      SELECT i.assigned_agent_id, i.channel FROM interactions i
      WHERE i.assigned_agent_id = ANY(${[...agentIds]}::uuid[]) AND (i.status, i.channel) IN (${pairs})
    ) held GROUP BY agent_id, channel`.execute(db);
  for (const r of rows) {
    const load = loads.get(r.agent_id);
    if (load) load[r.channel] = r.n;
  }
  return loads;
}

/**
 * Every (agent, channel) above capacity right now, in one snapshot; for audits and tests. Matching
 * never causes one; lowering an agent's capacity below what they already hold does, until it ends.
 */
export async function capacityViolations(db: Db): Promise<{ agent_id: string; channel: Channel; held: number; capacity: number }[]> {
  const pairs = sql.join(heldPairs.map(([s, c]) => sql`(${s}, ${c})`));
  const { rows } = await sql<{ agent_id: string; channel: Channel; held: number; capacity: number }>`
    SELECT held.agent_id, held.channel, count(*)::int AS held, coalesce((a.capacity ->> held.channel)::int, 0) AS capacity
    FROM (
      SELECT o.agent_id, o.channel FROM offers o WHERE o.outcome IS NULL
      UNION ALL
      SELECT i.assigned_agent_id, i.channel FROM interactions i WHERE (i.status, i.channel) IN (${pairs})
    ) held JOIN agents a ON a.user_id = held.agent_id
    GROUP BY held.agent_id, held.channel, a.capacity
    HAVING count(*) > coalesce((a.capacity ->> held.channel)::int, 0)`.execute(db);
  return rows;
}

/**
 * Every waiting (queued) interaction that an agent could take right now — available, a member of
 * its queue, skilled enough, with a free slot on its channel — in one snapshot; for audits and
 * tests. Routing's promise is that none stays so once matching has run (repositories/matching.ts).
 */
export async function strandedInteractions(db: Db): Promise<{ interaction_id: string; agent_id: string }[]> {
  const pairs = sql.join(heldPairs.map(([s, c]) => sql`(${s}, ${c})`));
  const { rows } = await sql<{ interaction_id: string; agent_id: string }>`
    WITH held AS (
      SELECT agent_id, channel, count(*)::int AS n FROM (
        SELECT o.agent_id, o.channel FROM offers o WHERE o.outcome IS NULL
        UNION ALL
        SELECT i.assigned_agent_id, i.channel FROM interactions i WHERE (i.status, i.channel) IN (${pairs})
      ) h GROUP BY agent_id, channel
    )
    SELECT i.id AS interaction_id, a.user_id AS agent_id
    FROM interactions i
    JOIN queues q ON q.id = i.queue_id
    JOIN agent_queues aq ON aq.queue_id = i.queue_id
    JOIN agent_presence p ON p.agent_id = aq.agent_id AND p.status = 'available'
    JOIN agents a ON a.user_id = aq.agent_id
    LEFT JOIN held ON held.agent_id = a.user_id AND held.channel = i.channel
    WHERE i.status = 'queued'
      AND coalesce((a.capacity ->> i.channel)::int, 0) > coalesce(held.n, 0)
      AND ${hasRequiredSkillsSql(sql`a`, sql`q`)}
    ORDER BY i.id, a.user_id`.execute(db);
  return rows;
}
