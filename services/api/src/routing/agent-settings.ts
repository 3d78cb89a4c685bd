import type { Capacity, PresenceStatus, Skills } from '@cc/core/routing';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { createAgent, getAgent, listAgentQueueIds, setAgentQueues, updateAgentRouting } from '@cc/db/repositories/agents';
import { setPresence as setPresenceRow } from '@cc/db/repositories/presence';
import { getQueues } from '@cc/db/repositories/queues';
import { inTransaction } from '@cc/db/repositories/transaction';
import { getUser } from '@cc/db/repositories/users';
import type { Agent } from '@cc/db/tables/agents';
import type { RoutingDeps } from './deps';
import { asSettingError, NotAnAgentError, NotFoundError } from './errors';
import { agentFreed } from './offers';

/**
 * Sets an agent's presence: their console and the supervisors' lists hear of a change, and going
 * available offers them waiting work at once. Throws NotAnAgentError.
 */
export async function setPresence(deps: RoutingDeps, input: { agentId: string; status: PresenceStatus }): Promise<{ agent: Agent }> {
  const { agentId, status } = input;
  const agent = await getAgent(deps.db, agentId);
  const changed = agent && (await setPresenceRow(deps.db, { agentId, status, now: deps.clock() }));
  if (!agent || !changed) throw new NotAnAgentError();
  if (changed.changed) {
    await deps.notify.presenceChanged(agentId, await listAgentQueueIds(deps.db, agentId));
    // Available again: waiting work may now be offered to this agent.
    if (status === 'available') await agentFreed(deps, agentId);
  }
  return { agent };
}

/** A supervisor sets an agent's presence (e.g. signs out one who left); audited. Throws NotAnAgentError. */
export async function setAgentPresence(deps: RoutingDeps, input: { agentId: string; status: PresenceStatus; actorId: string | null }): Promise<{ agent: Agent }> {
  const { agent } = await setPresence(deps, input);
  await recordAuditEvent(deps.db, { actorType: 'user', actorId: input.actorId, action: 'agent.presence_set', subjectType: 'agent', subjectId: agent.user_id, data: { status: input.status } });
  return { agent };
}

/**
 * Makes a user an agent, or replaces an agent's skills, capacity and queues, in one transaction (audited).
 * Throws NotFoundError (the user or a queue) | InvalidRoutingSettingError (skill levels, slots).
 */
export async function saveAgent(deps: RoutingDeps, input: { userId: string; skills: Skills; capacity: Capacity; queueIds: readonly string[]; actorId?: string | null }): Promise<{ agent: Agent }> {
  const { userId } = input;
  const queueIds = [...input.queueIds];
  if (!(await getUser(deps.db, userId))) throw new NotFoundError('User');
  const known = queueIds.length ? await getQueues(deps.db, queueIds) : [];
  if (known.length !== new Set(queueIds).size) throw new NotFoundError('One of the queues');
  const routing = { skills: input.skills, capacity: input.capacity };
  try {
    const agent = await inTransaction(deps.db, async (trx) => {
      const existing = await getAgent(trx, userId);
      const row = existing ? await updateAgentRouting(trx, userId, routing) : await createAgent(trx, { userId, ...routing, queueIds }, deps.clock());
      if (existing) await setAgentQueues(trx, userId, queueIds);
      await recordAuditEvent(trx, { actorType: 'user', actorId: input.actorId ?? null, action: existing ? 'agent.updated' : 'agent.created', subjectType: 'agent', subjectId: userId, data: { ...routing, queueIds } });
      return row!;
    });
    deps.settingsEvents.agentChanged(userId);
    return { agent };
  } catch (e) {
    throw asSettingError(e);
  }
}
