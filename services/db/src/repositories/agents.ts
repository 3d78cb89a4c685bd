import { channels } from '@cc/core/channels';
import type { Capacity, Skills } from '@cc/core/routing';
import type { Db } from '../database';
import type { Agent } from '../tables/agents';
import { assertSkillLevels } from './queues';
import { inTransaction } from './transaction';

export interface NewAgent {
  userId: string;
  skills: Skills;
  capacity: Capacity;
  queueIds: readonly string[];
}

function assertCapacity(capacity: Capacity): void {
  for (const [channel, n] of Object.entries(capacity)) {
    if (!(channels as readonly string[]).includes(channel)) throw new RangeError(`"${channel}" is not a channel; use ${channels.join(', ')}.`);
    if (!Number.isInteger(n) || (n as number) < 0) throw new RangeError(`Capacity for ${channel} is ${n}; use a whole number, 0 or more.`);
  }
}

/** Makes a user an agent in the given queues, offline until they set their presence. */
export async function createAgent(db: Db, agent: NewAgent, now: Date): Promise<Agent> {
  assertSkillLevels(agent.skills);
  assertCapacity(agent.capacity);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('agents')
      .values({ user_id: agent.userId, skills: JSON.stringify(agent.skills), capacity: JSON.stringify(agent.capacity) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('agent_presence').values({ agent_id: agent.userId, status: 'offline', since: now, idle_since: now }).execute();
    await trx.insertInto('agent_presence_periods').values({ agent_id: agent.userId, status: 'offline', started_at: now, ended_at: null }).execute();
    await setAgentQueues(trx, agent.userId, agent.queueIds);
    return row;
  });
}

/** Replaces the agent's queue memberships. */
export function setAgentQueues(db: Db, agentId: string, queueIds: readonly string[]): Promise<void> {
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom('agent_queues').where('agent_id', '=', agentId).execute();
    if (queueIds.length > 0) {
      await trx.insertInto('agent_queues').values([...new Set(queueIds)].map((queue_id) => ({ agent_id: agentId, queue_id }))).execute();
    }
  });
}

/** Changes skills and capacity; lowering capacity never takes work away, it only stops new offers. */
export async function updateAgentRouting(db: Db, agentId: string, routing: { skills: Skills; capacity: Capacity }): Promise<Agent | undefined> {
  assertSkillLevels(routing.skills);
  assertCapacity(routing.capacity);
  return db
    .updateTable('agents')
    .set({ skills: JSON.stringify(routing.skills), capacity: JSON.stringify(routing.capacity) })
    .where('user_id', '=', agentId)
    .returningAll()
    .executeTakeFirst();
}

export function getAgent(db: Db, agentId: string): Promise<Agent | undefined> {
  return db.selectFrom('agents').selectAll().where('user_id', '=', agentId).executeTakeFirst();
}

/** Agents by user id, in no particular order; ids that are not agents are left out. */
export function getAgents(db: Db, agentIds: readonly string[]): Promise<Agent[]> {
  if (agentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('agents').selectAll().where('user_id', 'in', agentIds).execute();
}

/** Every agent, oldest first (the supervisors' agent list). */
export function listAgents(db: Db): Promise<Agent[]> {
  return db.selectFrom('agents').selectAll().orderBy('created_at').execute();
}

/** Every agent's id, oldest first (the supervisors' agent list order). */
export async function listAgentIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('agents').select('user_id').orderBy('created_at').execute();
  return rows.map((r) => r.user_id);
}

/** The queues an agent is a member of (whose figures move when their presence does). */
export async function listAgentQueueIds(db: Db, agentId: string): Promise<string[]> {
  const rows = await db.selectFrom('agent_queues').select('queue_id').where('agent_id', '=', agentId).execute();
  return rows.map((r) => r.queue_id);
}
