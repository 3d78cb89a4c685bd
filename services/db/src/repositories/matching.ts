import { sql, type RawBuilder } from 'kysely';
import { channels, type Channel } from '@cc/core/channels';
import { freeSlots, hasRequiredSkills } from '@cc/core/routing';
import type { Db } from '../database';
import { preparedStatement } from '../prepared';
import { qualified } from '../tables/columns';
import { interactionColumns, type Interaction } from '../tables/interactions';
import { offerColumns, type Offer } from '../tables/offers';
import { agentLoads, capacityOnSql, hasFreeSlotSql, hasRequiredSkillsSql, heldOnChannelSql } from './agent-load';
import { recordInteractionEvent, systemActor, type Actor } from './interaction-events';
import { inTransaction, type Refusal } from './transaction';

/*
 * Matching under concurrency. Offers are the only thing that raise an agent's load, and every
 * offer is made while holding two row locks:
 *   - the interaction row (status 'queued' → 'offered'), so it gets one open offer at a time;
 *   - the agent's agent_presence row, so capacity is counted and reserved by one transaction at a
 *     time (READ COMMITTED: the count runs after the lock is granted and sees the previous holder's
 *     committed offer).
 * Lock order never cycles: interactions are taken with SKIP LOCKED (never waited on) by matching;
 * presence rows are either taken alone first (agent-driven) or one at a time with SKIP LOCKED in
 * ranked order (interaction-driven: the best agent not being matched by someone else this
 * instant). Because SKIP LOCKED passes over rows someone else is matching, two calls racing can
 * each miss the other's pair (`busy`); callers retry waiting interactions on a timer (the
 * interaction workflow) and after any event that frees an agent.
 *
 * An agent who passed on an interaction (declined, let the offer expire, had it withdrawn) comes
 * after every other eligible agent for it during `passedOverSeconds`, but is never excluded: when
 * nobody else eligible is free, they are offered it again. So no interaction waits while an
 * eligible agent is available with a free slot on its channel.
 */

export interface MatchPolicy {
  /** How long an agent who passed on an interaction is tried only after everyone else (ROUTING_PASSED_OVER_SECONDS). */
  passedOverSeconds: number;
}

export const defaultMatchPolicy: MatchPolicy = { passedOverSeconds: 60 };

export type MatchTarget = { interactionId: string } | { agentId: string };

export type MatchResult =
  | { ok: true; offer: Offer; interaction: Interaction }
  | Refusal<'not_waiting' | 'busy' | 'no_eligible_agent' | 'agent_unavailable' | 'no_waiting_interaction'>;

/**
 * Makes the next offer. For `{ interactionId }` (it was just enqueued, or an offer of it ended):
 * offers it to the longest-idle eligible agent who has not recently passed on it, else to one who
 * has. For `{ agentId }` (they became available or freed a slot): offers them the first waiting
 * interaction (priority, then FIFO) of their queues that they are skilled for and have a free slot
 * on its channel for, not counting those they recently passed on; failing that, the first of those
 * that no other eligible agent is free for.
 * Refusals: `not_waiting` (not queued), `busy` (another call is matching it right now),
 * `no_eligible_agent`, `agent_unavailable` (not available or no free slot), `no_waiting_interaction`.
 */
export function matchNext(db: Db, target: MatchTarget, now: Date, policy: MatchPolicy = defaultMatchPolicy): Promise<MatchResult> {
  return inTransaction(db, (trx) =>
    'interactionId' in target ? matchInteraction(trx, target.interactionId, now, policy) : matchAgent(trx, target.agentId, now, policy),
  );
}

async function matchInteraction(trx: Db, interactionId: string, now: Date, policy: MatchPolicy): Promise<MatchResult> {
  // One statement in the common case: the interaction, locked unless someone else is matching it
  // right now (SKIP LOCKED); its queue's offer timeout; its eligible agents ranked (without locks);
  // and the first lock attempt: the best-ranked agent of the first group whose presence row
  // nobody holds. The chosen agent's eligibility is checked again under that lock, where the load
  // is exact, by the statement that makes the offer.
  const { rows } = await sql<Interaction & { offer_timeout_seconds: number; locked_agent_id: string | null } & RankedAgents>`${preparedStatement}
    WITH i AS (
      SELECT * FROM interactions WHERE id = ${interactionId} AND status = 'queued' FOR UPDATE SKIP LOCKED
    ), r AS (
      SELECT q.offer_timeout_seconds, ranking.* FROM i JOIN queues q ON q.id = i.queue_id
      CROSS JOIN LATERAL (${rankedAgentsSql(sql`i`, sql`q`, passedSince(now, policy))}) ranking
    ), first_group AS MATERIALIZED (
      -- Apart, so the locking query below carries (for its re-check) these small rows, not r's arrays.
      SELECT g.agent_id, g.n FROM r, unnest(r.first_group) WITH ORDINALITY g(agent_id, n)
    ), first_lock AS (
      SELECT p.agent_id FROM first_group g JOIN agent_presence p ON p.agent_id = g.agent_id
      ORDER BY g.n LIMIT 1
      FOR UPDATE OF p SKIP LOCKED
    )
    SELECT ${qualified('i', interactionColumns)}, r.offer_timeout_seconds, array_to_string(r.ranked_ids, ',') AS ranked, r.preferred, (SELECT agent_id FROM first_lock) AS locked_agent_id
    FROM i, r`.execute(trx);
  const row = rows[0];
  if (!row) {
    const exists = await trx.selectFrom('interactions').select('status').where('id', '=', interactionId).executeTakeFirst();
    return { ok: false, reason: exists?.status === 'queued' ? 'busy' : 'not_waiting' };
  }
  const { offer_timeout_seconds: timeoutSeconds, ranked: rankedIds, preferred: preferredCount, locked_agent_id: firstLock, ...interaction } = row;
  const ranked = rankedIds ? rankedIds.split(',') : [];
  if (ranked.length === 0) return { ok: false, reason: 'no_eligible_agent' };
  // Those who have not passed on it first; if one of them is being matched elsewhere right now
  // (`busy`), try again shortly rather than going back to an agent who already passed.
  const preferred = ranked.slice(0, preferredCount);
  const fallback = ranked.slice(preferredCount);
  let prelocked: string | null | undefined = firstLock;
  /** The best-ranked agent of `remaining` whose presence row nobody holds, now locked (the first attempt was made above). */
  const lockBest = async (remaining: string[]): Promise<string | null> => {
    if (prelocked !== undefined) {
      const id = prelocked;
      prelocked = undefined;
      return id;
    }
    // In the array's order by its ordinality (array_position per row is quadratic in the agents).
    const { rows: locked } = await sql<{ agent_id: string }>`
      SELECT p.agent_id FROM unnest(${remaining}::uuid[]) WITH ORDINALITY g(agent_id, n)
      JOIN agent_presence p ON p.agent_id = g.agent_id
      ORDER BY g.n LIMIT 1
      FOR UPDATE OF p SKIP LOCKED`.execute(trx);
    return locked[0]?.agent_id ?? null;
  };
  for (const group of [preferred, fallback].filter((g) => g.length > 0)) {
    let remaining = group;
    let contended = false;
    while (remaining.length > 0) {
      const locked = await lockBest(remaining);
      if (!locked) return { ok: false, reason: 'busy' };
      // Decided again under that lock, where the load is exact: made only if they still may take it.
      const made = await insertOffer(trx, { interaction, agentId: locked, timeoutSeconds, now, actor: systemActor, matchedBy: 'interaction', again: group === fallback }, true);
      if (made) return { ok: true, ...made };
      // Better-ranked agents were skipped: someone else holds them.
      if (locked !== remaining[0]) contended = true;
      // No longer eligible under the lock (its load moved): the agents ranked below it remain.
      remaining = remaining.slice(remaining.indexOf(locked) + 1);
    }
    if (contended) return { ok: false, reason: 'busy' };
  }
  return { ok: false, reason: 'no_eligible_agent' };
}

/**
 * Eligible agents best first (`rankEligibleAgents`' order), comma-separated (cheaper to read back
 * than an array); the first `preferred` of them have not recently passed on the interaction.
 */
interface RankedAgents {
  ranked: string | null;
  preferred: number;
}

/**
 * SQL (one row: `ranked_ids` uuid[], `preferred` int, `first_group` uuid[]: the preferred agents,
 * or all when none is): `rankEligibleAgents` for the interactions row `i` of the queues row `q`,
 * in the database — only the queue's available members are read, each with their load on that
 * channel, instead of every candidate's load brought back to be filtered here. Takes no locks:
 * exact only for an agent whose presence row the caller holds.
 */
function rankedAgentsSql(i: RawBuilder<unknown>, q: RawBuilder<unknown>, passedSince: Date): RawBuilder<unknown> {
  return sql`
    SELECT ranked_ids, preferred, CASE WHEN preferred > 0 THEN ranked_ids[1:preferred] ELSE ranked_ids END AS first_group
    FROM (
      SELECT coalesce(array_agg(c.agent_id ORDER BY c.passed_at IS NOT NULL, c.passed_at, c.idle_since, c.agent_id), '{}') AS ranked_ids,
             (count(*) FILTER (WHERE c.passed_at IS NULL))::int AS preferred
      FROM (
        SELECT p.agent_id, p.idle_since, po.at AS passed_at
        FROM agent_queues aq
        JOIN agent_presence p ON p.agent_id = aq.agent_id AND p.status = 'available'
        JOIN agents a ON a.user_id = aq.agent_id
        LEFT JOIN (${heldOnChannelSql(sql`${i}.channel`, sql`SELECT agent_id FROM agent_queues WHERE queue_id = ${i}.queue_id`)}) held ON held.agent_id = aq.agent_id
        LEFT JOIN (
          SELECT agent_id, max(coalesce(decided_at, created_at)) AS at FROM offers
          WHERE interaction_id = ${i}.id AND outcome IN ('declined', 'expired', 'cancelled') AND coalesce(decided_at, created_at) > ${passedSince}
          GROUP BY agent_id
        ) po ON po.agent_id = aq.agent_id
        WHERE aq.queue_id = ${i}.queue_id AND ${hasRequiredSkillsSql(sql`a`, q)}
          AND ${capacityOnSql(sql`a`, sql`${i}.channel`)} > coalesce(held.n, 0)
      ) c
    ) agg`;
}

async function matchAgent(trx: Db, agentId: string, now: Date, policy: MatchPolicy): Promise<MatchResult> {
  const presence = await trx.selectFrom('agent_presence').selectAll().where('agent_id', '=', agentId).forUpdate().executeTakeFirst();
  if (!presence || presence.status !== 'available') return { ok: false, reason: 'agent_unavailable' };
  const agent = await trx.selectFrom('agents').select(['skills', 'capacity']).where('user_id', '=', agentId).executeTakeFirstOrThrow();
  const load = (await agentLoads(trx, [agentId])).get(agentId) ?? {};
  const open: Channel[] = channels.filter((c) => freeSlots(agent.capacity, load, c) > 0);
  if (open.length === 0) return { ok: false, reason: 'agent_unavailable' };
  const memberships = await trx
    .selectFrom('agent_queues as aq')
    .innerJoin('queues as q', 'q.id', 'aq.queue_id')
    .select(['q.id', 'q.required_skills', 'q.offer_timeout_seconds'])
    .where('aq.agent_id', '=', agentId)
    .execute();
  const queues = memberships.filter((q) => hasRequiredSkills(agent.skills, q.required_skills));
  if (queues.length === 0) return { ok: false, reason: 'no_waiting_interaction' };
  const since = passedSince(now, policy);
  const offer = async (interaction: Interaction, again: boolean): Promise<MatchResult> => {
    const queue = queues.find((q) => q.id === interaction.queue_id);
    if (!queue) throw new Error(`queue ${interaction.queue_id} vanished from the agent's memberships`);
    return { ok: true, ...(await makeOffer(trx, interaction, agentId, queue.offer_timeout_seconds, now, systemActor, 'agent', again)) };
  };
  /** The first waiting interaction (priority, then FIFO) for this agent that they did, or did not, recently pass on. */
  const next = (recentlyPassed: boolean, skipped: readonly string[]) =>
    trx
      .selectFrom('interactions as i')
      .selectAll()
      .where('i.status', '=', 'queued')
      .where(
        'i.queue_id',
        'in',
        queues.map((q) => q.id),
      )
      .where('i.channel', 'in', open)
      .where(({ not, exists, selectFrom }) => {
        const passed = exists(
          selectFrom('offers as o')
            .select(sql`1`.as('x'))
            .whereRef('o.interaction_id', '=', 'i.id')
            .where('o.agent_id', '=', agentId)
            .where('o.outcome', 'in', ['declined', 'expired', 'cancelled'])
            .where(sql<Date>`coalesce(o.decided_at, o.created_at)`, '>', since),
        );
        return recentlyPassed ? passed : not(passed);
      })
      .$if(skipped.length > 0, (qb) => qb.where('i.id', 'not in', skipped))
      .orderBy('i.priority', 'desc')
      .orderBy('i.enqueued_at')
      .orderBy('i.id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();

  const skipped: string[] = [];
  // A few rounds at most: a row re-checked under its lock may turn out to be one this agent passed on.
  for (let round = 0; round < 5; round++) {
    const interaction = await next(false, skipped);
    if (!interaction) break;
    // Fresh statement: sees offers committed after the search's snapshot, before we got the lock.
    if ((await passedOver(trx, interaction.id, since)).has(agentId)) {
      skipped.push(interaction.id);
      continue;
    }
    return offer(interaction, false);
  }
  // Nothing new for them: what they passed on comes back to them when no one else eligible is free for it.
  const passedOn: string[] = [];
  for (let round = 0; round < 5; round++) {
    const interaction = await next(true, passedOn);
    if (!interaction) break;
    const { rows } = await sql<{ best_not_passed: boolean }>`
      SELECT r.preferred > 0 AS best_not_passed FROM interactions i JOIN queues q ON q.id = i.queue_id
      CROSS JOIN LATERAL (${rankedAgentsSql(sql`i`, sql`q`, since)}) r WHERE i.id = ${interaction.id}`.execute(trx);
    // The best eligible agent has not passed on it: it is theirs to take, not this agent's.
    if (rows[0]!.best_not_passed) {
      passedOn.push(interaction.id);
      continue;
    }
    return offer(interaction, (await passedOver(trx, interaction.id, since)).has(agentId));
  }
  return { ok: false, reason: 'no_waiting_interaction' };
}

/** Passes (declines, expiries, withdrawals) older than this no longer put an agent at the back. */
function passedSince(now: Date, policy: MatchPolicy): Date {
  return new Date(now.getTime() - policy.passedOverSeconds * 1000);
}

/** Agents who passed on this interaction after `since`, each with their latest pass (open and accepted offers are not passes). */
async function passedOver(trx: Db, interactionId: string, since: Date): Promise<Map<string, Date>> {
  const rows = await trx
    .selectFrom('offers')
    .select(['agent_id', sql<Date>`max(coalesce(decided_at, created_at))`.as('at')])
    .where('interaction_id', '=', interactionId)
    .where('outcome', 'in', ['declined', 'expired', 'cancelled'])
    .where(sql<Date>`coalesce(decided_at, created_at)`, '>', since)
    .groupBy('agent_id')
    .execute();
  return new Map(rows.map((r) => [r.agent_id, new Date(r.at)]));
}

/** What an offer is made of (see `makeOffer`). */
interface OfferToMake {
  interaction: Interaction;
  agentId: string;
  timeoutSeconds: number;
  now: Date;
  actor: Actor;
  matchedBy: 'interaction' | 'agent' | 'transfer' | 'supervisor';
  /** Offered again to an agent who recently passed on it, because no one else eligible was free. */
  again: boolean;
}

/**
 * Creates the offer and moves the agent to the back of the idle line, in one statement (offer,
 * interaction status, presence, timeline event). The caller holds the interaction's row lock
 * (status 'queued') and the agent's presence lock, and has checked the agent's free slot.
 */
export async function makeOffer(
  trx: Db,
  interaction: Interaction,
  agentId: string,
  timeoutSeconds: number,
  now: Date,
  actor: Actor,
  matchedBy: OfferToMake['matchedBy'],
  again = false,
): Promise<{ offer: Offer; interaction: Interaction }> {
  const made = await insertOffer(trx, { interaction, agentId, timeoutSeconds, now, actor, matchedBy, again }, false);
  if (!made) throw new Error(`offer of ${interaction.id} to ${agentId} was not made`);
  return made;
}

/**
 * `makeOffer`; with `ifEligible`, the agent's eligibility (available, a member of the queue,
 * skilled enough, a free slot on its channel) is checked in the same statement — exact, as it runs
 * under the agent's lock — and nothing happens (null) if it fails.
 */
async function insertOffer(trx: Db, o: OfferToMake, ifEligible: boolean): Promise<{ offer: Offer; interaction: Interaction } | null> {
  const { interaction, agentId, timeoutSeconds, now, actor, matchedBy, again } = o;
  const expiresAt = new Date(now.getTime() + timeoutSeconds * 1000);
  const eligible = ifEligible
    ? sql`SELECT 1 FROM agent_presence p
        JOIN agents a ON a.user_id = p.agent_id
        JOIN agent_queues aq ON aq.agent_id = p.agent_id AND aq.queue_id = ${interaction.queue_id}
        JOIN queues q ON q.id = aq.queue_id
        WHERE p.agent_id = ${agentId} AND p.status = 'available'
          AND ${hasRequiredSkillsSql(sql`a`, sql`q`)} AND ${hasFreeSlotSql(sql`a`, sql`${interaction.channel}::text`)}`
    : sql`SELECT 1`;
  const data = JSON.stringify({ agentId, expiresAt: expiresAt.toISOString(), matchedBy, ...(again ? { again: true } : {}) });
  const { rows } = await sql<Offer>`${preparedStatement}
    WITH o AS (
      INSERT INTO offers (interaction_id, agent_id, channel, created_at, expires_at, outcome, decided_at)
      SELECT ${interaction.id}, ${agentId}, ${interaction.channel}, ${now}, ${expiresAt}, NULL, NULL FROM (${eligible}) eligible
      RETURNING *
    ), i AS (
      UPDATE interactions SET status = 'offered', offered_at = ${now} WHERE id = ${interaction.id} AND EXISTS (SELECT 1 FROM o)
    ), p AS (
      UPDATE agent_presence SET idle_since = ${now} WHERE agent_id = ${agentId} AND EXISTS (SELECT 1 FROM o)
    ), e AS (
      INSERT INTO interaction_events (interaction_id, type, actor_type, actor_id, data, created_at)
      SELECT o.interaction_id, 'offered', ${actor.type}, ${actor.id}, jsonb_build_object('offerId', o.id) || ${data}::jsonb, ${now} FROM o
    )
    SELECT ${qualified('o', offerColumns)} FROM o`.execute(trx);
  const offer = rows[0];
  if (!offer) return null;
  // What the UPDATE above wrote (the caller holds the row, so nothing else changed it).
  return { offer, interaction: { ...interaction, status: 'offered', offered_at: now } };
}

export type SupervisorOfferResult =
  | { ok: true; offer: Offer; interaction: Interaction; withdrawn: Offer | null }
  | Refusal<'not_found' | 'wrong_status' | 'not_an_agent' | 'agent_unavailable' | 'no_free_slot' | 'already_offered'>;

/**
 * A supervisor puts a waiting interaction to a chosen agent: an offer the agent accepts like any
 * other (the customer is never pushed onto someone who is not looking), made at once. A queued
 * interaction is offered directly; one being offered to someone else has that offer withdrawn
 * (`withdrawn`) first. The agent must be available with a free slot on its channel (queue
 * membership and skills are the supervisor's call). Locks the interaction, then the agent's
 * presence: the order transfers use, so the two never wait on each other in a cycle.
 */
export function offerToAgent(db: Db, change: { interactionId: string; agentId: string; actor: Actor; now: Date }): Promise<SupervisorOfferResult> {
  return inTransaction(db, async (trx) => {
    const interaction = await trx.selectFrom('interactions').selectAll().where('id', '=', change.interactionId).forUpdate().executeTakeFirst();
    if (!interaction) return { ok: false, reason: 'not_found' };
    if (interaction.status !== 'queued' && interaction.status !== 'offered') return { ok: false, reason: 'wrong_status' };
    const agent = await trx.selectFrom('agents').select('capacity').where('user_id', '=', change.agentId).executeTakeFirst();
    if (!agent) return { ok: false, reason: 'not_an_agent' };
    const open = await trx.selectFrom('offers').selectAll().where('interaction_id', '=', interaction.id).where('outcome', 'is', null).forUpdate().executeTakeFirst();
    if (open?.agent_id === change.agentId) return { ok: false, reason: 'already_offered' };
    const presence = await trx.selectFrom('agent_presence').select('status').where('agent_id', '=', change.agentId).forUpdate().executeTakeFirst();
    if (presence?.status !== 'available') return { ok: false, reason: 'agent_unavailable' };
    const load = (await agentLoads(trx, [change.agentId])).get(change.agentId) ?? {};
    if (freeSlots(agent.capacity, load, interaction.channel) === 0) return { ok: false, reason: 'no_free_slot' };
    let withdrawn: Offer | null = null;
    let waiting = interaction;
    if (open) {
      withdrawn = await trx.updateTable('offers').set({ outcome: 'cancelled', decided_at: change.now }).where('id', '=', open.id).returningAll().executeTakeFirstOrThrow();
      waiting = await trx.updateTable('interactions').set({ status: 'queued' }).where('id', '=', interaction.id).returningAll().executeTakeFirstOrThrow();
      await recordInteractionEvent(trx, {
        interactionId: interaction.id,
        type: 'offer_cancelled',
        actor: change.actor,
        data: { offerId: open.id, agentId: open.agent_id },
        at: change.now,
      });
    }
    const queue = await trx.selectFrom('queues').select('offer_timeout_seconds').where('id', '=', interaction.queue_id).executeTakeFirstOrThrow();
    const made = await makeOffer(trx, waiting, change.agentId, queue.offer_timeout_seconds, change.now, change.actor, 'supervisor');
    return { ok: true, ...made, withdrawn };
  });
}

/**
 * Waiting interactions (queued, no open offer), up to `perQueue` of each queue in serving order
 * (priority, then FIFO): what the periodic safety sweep tries to match again.
 */
export async function listWaitingHeads(db: Db, input: { perQueue: number }): Promise<Pick<Interaction, 'id' | 'queue_id' | 'channel'>[]> {
  const ranked = db
    .selectFrom('interactions')
    .select(['id', 'queue_id', 'channel', sql<number>`row_number() over (partition by queue_id order by priority desc, enqueued_at, id)`.as('rank')])
    .where('status', '=', 'queued')
    .as('w');
  return db.selectFrom(ranked).select(['w.id', 'w.queue_id', 'w.channel']).where('w.rank', '<=', input.perQueue).orderBy('w.queue_id').orderBy('w.rank').execute();
}
