import { sql } from 'kysely';
import { channels, type Channel } from '@cc/core/channels';
import { freeSlots, hasRequiredSkills, rankEligibleAgents, type RoutingCandidate } from '@cc/core/routing';
import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import type { Offer } from '../tables/offers';
import { agentLoads } from './agent-load';
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
  const interaction = await trx
    .selectFrom('interactions')
    .selectAll()
    .where('id', '=', interactionId)
    .where('status', '=', 'queued')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!interaction) {
    const exists = await trx.selectFrom('interactions').select('status').where('id', '=', interactionId).executeTakeFirst();
    return { ok: false, reason: exists?.status === 'queued' ? 'busy' : 'not_waiting' };
  }
  const queue = await trx.selectFrom('queues').select(['required_skills', 'offer_timeout_seconds']).where('id', '=', interaction.queue_id).executeTakeFirstOrThrow();
  const request = {
    channel: interaction.channel,
    queueId: interaction.queue_id,
    requiredSkills: queue.required_skills,
    passedOver: await passedOver(trx, interaction.id, passedSince(now, policy)),
  };
  // Rank without locks, then take the best agent whose presence row is free right now (SKIP
  // LOCKED: never wait, so matchers cannot deadlock or queue up behind each other), and decide
  // again under that lock, where the load is exact.
  const plausible = rankEligibleAgents(request, await candidates(trx, interaction.queue_id, []));
  if (plausible.length === 0) return { ok: false, reason: 'no_eligible_agent' };
  // Those who have not passed on it first; if one of them is being matched elsewhere right now
  // (`busy`), try again shortly rather than going back to an agent who already passed.
  const preferred = plausible.filter((c) => !request.passedOver.has(c.agentId)).map((c) => c.agentId);
  const fallback = plausible.filter((c) => request.passedOver.has(c.agentId)).map((c) => c.agentId);
  for (const group of [preferred, fallback]) {
    let remaining = group;
    let contended = false;
    while (remaining.length > 0) {
      // One statement: the best-ranked agent of `remaining` whose presence row nobody holds.
      const locked = await trx
        .selectFrom('agent_presence')
        .select('agent_id')
        .where('agent_id', '=', sql<string>`any(${remaining}::uuid[])`)
        .orderBy(sql`array_position(${remaining}::uuid[], agent_id)`)
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!locked) return { ok: false, reason: 'busy' };
      const [fresh] = rankEligibleAgents(request, await candidates(trx, interaction.queue_id, [locked.agent_id]));
      if (fresh) {
        const again = request.passedOver.has(fresh.agentId);
        return { ok: true, ...(await makeOffer(trx, interaction, fresh.agentId, queue.offer_timeout_seconds, now, systemActor, 'interaction', again)) };
      }
      // Better-ranked agents were skipped: someone else holds them.
      if (locked.agent_id !== remaining[0]) contended = true;
      // No longer eligible under the lock (its load moved): the agents ranked below it remain.
      remaining = remaining.slice(remaining.indexOf(locked.agent_id) + 1);
    }
    if (contended) return { ok: false, reason: 'busy' };
  }
  return { ok: false, reason: 'no_eligible_agent' };
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
    const queue = await trx.selectFrom('queues').select('required_skills').where('id', '=', interaction.queue_id).executeTakeFirstOrThrow();
    const request = {
      channel: interaction.channel,
      queueId: interaction.queue_id,
      requiredSkills: queue.required_skills,
      passedOver: await passedOver(trx, interaction.id, since),
    };
    const [best] = rankEligibleAgents(request, await candidates(trx, interaction.queue_id, []));
    if (best && !request.passedOver.has(best.agentId)) {
      passedOn.push(interaction.id);
      continue;
    }
    return offer(interaction, request.passedOver.has(agentId));
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

/**
 * Available members of the queue (or just `onlyAgentIds`) with their current load. The load is
 * exact only for agents whose presence row the caller holds locked.
 */
async function candidates(trx: Db, queueId: string, onlyAgentIds: readonly string[]): Promise<RoutingCandidate[]> {
  const query = trx
    .selectFrom('agent_presence as p')
    .innerJoin('agents as a', 'a.user_id', 'p.agent_id')
    .innerJoin('agent_queues as aq', (j) => j.onRef('aq.agent_id', '=', 'p.agent_id').on('aq.queue_id', '=', queueId))
    .select(['p.agent_id', 'p.status', 'p.idle_since', 'a.skills', 'a.capacity'])
    .where('p.status', '=', 'available')
    .$if(onlyAgentIds.length > 0, (qb) => qb.where('p.agent_id', 'in', onlyAgentIds))
    .orderBy('p.agent_id');
  const rows = await query.execute();
  const loads = await agentLoads(
    trx,
    rows.map((r) => r.agent_id),
  );
  return rows.map((r) => ({
    agentId: r.agent_id,
    status: r.status,
    idleSince: r.idle_since,
    skills: r.skills,
    capacity: r.capacity,
    load: loads.get(r.agent_id) ?? {},
    queueIds: [queueId],
  }));
}

/**
 * Creates the offer; the caller holds the interaction's row lock (status 'queued') and the agent's
 * presence lock, and has checked the agent's free slot. Moves the agent to the back of the idle line.
 */
export async function makeOffer(
  trx: Db,
  interaction: Interaction,
  agentId: string,
  timeoutSeconds: number,
  now: Date,
  actor: Actor,
  matchedBy: 'interaction' | 'agent' | 'transfer' | 'supervisor',
  /** Offered again to an agent who recently passed on it, because no one else eligible was free. */
  again = false,
): Promise<{ offer: Offer; interaction: Interaction }> {
  const offer = await trx
    .insertInto('offers')
    .values({
      interaction_id: interaction.id,
      agent_id: agentId,
      created_at: now,
      expires_at: new Date(now.getTime() + timeoutSeconds * 1000),
      outcome: null,
      decided_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const updated = await trx
    .updateTable('interactions')
    .set({ status: 'offered', offered_at: now })
    .where('id', '=', interaction.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.updateTable('agent_presence').set({ idle_since: now }).where('agent_id', '=', agentId).execute();
  await recordInteractionEvent(trx, {
    interactionId: interaction.id,
    type: 'offered',
    actor,
    data: { offerId: offer.id, agentId, expiresAt: offer.expires_at.toISOString(), matchedBy, ...(again ? { again: true } : {}) },
    at: now,
  });
  return { offer, interaction: updated };
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
