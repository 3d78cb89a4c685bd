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
 */

export type MatchTarget = { interactionId: string } | { agentId: string };

export type MatchResult =
  | { ok: true; offer: Offer; interaction: Interaction }
  | Refusal<'not_waiting' | 'busy' | 'no_eligible_agent' | 'agent_unavailable' | 'no_waiting_interaction'>;

/**
 * Makes the next offer. For `{ interactionId }` (it was just enqueued, or an offer of it ended):
 * offers it to the longest-idle eligible agent. For `{ agentId }` (they became available or freed
 * a slot): offers them the first waiting interaction (priority, then FIFO) of their queues that
 * they are skilled for, have a free slot on its channel for and have not passed on.
 * Refusals: `not_waiting` (not queued), `busy` (another call is matching it right now),
 * `no_eligible_agent`, `agent_unavailable` (not available or no free slot), `no_waiting_interaction`.
 */
export function matchNext(db: Db, target: MatchTarget, now: Date): Promise<MatchResult> {
  return inTransaction(db, (trx) => ('interactionId' in target ? matchInteraction(trx, target.interactionId, now) : matchAgent(trx, target.agentId, now)));
}

async function matchInteraction(trx: Db, interactionId: string, now: Date): Promise<MatchResult> {
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
    excludedAgentIds: await passedOver(trx, interaction.id),
  };
  // Rank without locks, then take the best agent whose presence row is free right now (SKIP
  // LOCKED: never wait, so matchers cannot deadlock or queue up behind each other), and decide
  // again under that lock, where the load is exact.
  const plausible = rankEligibleAgents(request, await candidates(trx, interaction.queue_id, []));
  if (plausible.length === 0) return { ok: false, reason: 'no_eligible_agent' };
  let contended = false;
  for (const candidate of plausible.slice(0, maxLockAttempts)) {
    const locked = await trx
      .selectFrom('agent_presence')
      .select('agent_id')
      .where('agent_id', '=', candidate.agentId)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!locked) {
      contended = true;
      continue;
    }
    const [fresh] = rankEligibleAgents(request, await candidates(trx, interaction.queue_id, [candidate.agentId]));
    if (fresh) return { ok: true, ...(await makeOffer(trx, interaction, fresh.agentId, queue.offer_timeout_seconds, now, systemActor, 'interaction')) };
  }
  return { ok: false, reason: contended ? 'busy' : 'no_eligible_agent' };
}

/** Agents tried per match before giving up for now (the caller retries; see the header comment). */
const maxLockAttempts = 20;

async function matchAgent(trx: Db, agentId: string, now: Date): Promise<MatchResult> {
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
  const skipped: string[] = [];
  // A few rounds at most: a row re-checked under its lock may turn out to be one this agent passed on.
  for (let round = 0; round < 5; round++) {
    const interaction = await trx
      .selectFrom('interactions as i')
      .selectAll()
      .where('i.status', '=', 'queued')
      .where(
        'i.queue_id',
        'in',
        queues.map((q) => q.id),
      )
      .where('i.channel', 'in', open)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('offers as o').select(sql`1`.as('x')).whereRef('o.interaction_id', '=', 'i.id').where('o.agent_id', '=', agentId))),
      )
      .$if(skipped.length > 0, (qb) => qb.where('i.id', 'not in', skipped))
      .orderBy('i.priority', 'desc')
      .orderBy('i.enqueued_at')
      .orderBy('i.id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!interaction) return { ok: false, reason: 'no_waiting_interaction' };
    // Fresh statement: sees offers committed after the search's snapshot, before we got the lock.
    if ((await passedOver(trx, interaction.id)).has(agentId)) {
      skipped.push(interaction.id);
      continue;
    }
    const queue = queues.find((q) => q.id === interaction.queue_id);
    if (!queue) throw new Error(`queue ${interaction.queue_id} vanished from the agent's memberships`);
    return { ok: true, ...(await makeOffer(trx, interaction, agentId, queue.offer_timeout_seconds, now, systemActor, 'agent')) };
  }
  return { ok: false, reason: 'no_waiting_interaction' };
}

/** Agents already offered this interaction (declined, expired, cancelled): not offered it again. */
async function passedOver(trx: Db, interactionId: string): Promise<Set<string>> {
  const rows = await trx.selectFrom('offers').select('agent_id').where('interaction_id', '=', interactionId).execute();
  return new Set(rows.map((r) => r.agent_id));
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
  matchedBy: 'interaction' | 'agent' | 'transfer',
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
    data: { offerId: offer.id, agentId, expiresAt: offer.expires_at.toISOString(), matchedBy },
    at: now,
  });
  return { offer, interaction: updated };
}
