import type { PresenceReason, PresenceStatus } from '@cc/core/routing';
import type { Db } from '../database';
import type { AgentPresence } from '../tables/agent-presence';
import { inTransaction } from './transaction';

/**
 * Sets an agent's presence. Becoming available restarts their idle time. Work already offered or
 * assigned stays with them: open offers run to their expiry, so going away never strands a caller
 * between two agents. `reason` is set only when routing makes the change (the agent sees why);
 * an agent's or supervisor's change clears it. Returns undefined for an unknown agent.
 */
export function setPresence(
  db: Db,
  change: { agentId: string; status: PresenceStatus; now: Date; reason?: PresenceReason | null },
): Promise<{ presence: AgentPresence; changed: boolean } | undefined> {
  return inTransaction(db, async (trx) => {
    // The presence row is also the agent's matching lock: wait for any offer being made to them.
    const current = await trx.selectFrom('agent_presence').selectAll().where('agent_id', '=', change.agentId).forUpdate().executeTakeFirst();
    if (!current) return undefined;
    const reason = change.reason ?? null;
    if (current.status === change.status) {
      // Choosing the status routing set (e.g. away) acknowledges it: the notice goes.
      if (current.reason === null || reason !== null) return { presence: current, changed: false };
      const presence = await trx.updateTable('agent_presence').set({ reason: null }).where('agent_id', '=', change.agentId).returningAll().executeTakeFirstOrThrow();
      return { presence, changed: true };
    }
    // Two changes racing for the lock each read the clock before waiting: the one that waited may
    // carry the earlier time. It takes effect when the state it replaces began, never before it
    // (a period cannot end before it started).
    const at = current.since > change.now ? current.since : change.now;
    const presence = await trx
      .updateTable('agent_presence')
      .set({ status: change.status, since: at, reason, ...(change.status === 'available' ? { idle_since: at } : {}) })
      .where('agent_id', '=', change.agentId)
      .returningAll()
      .executeTakeFirstOrThrow();
    // History for occupancy, in the same transaction: close the open period, open the new one.
    await trx.updateTable('agent_presence_periods').set({ ended_at: at }).where('agent_id', '=', change.agentId).where('ended_at', 'is', null).execute();
    await trx.insertInto('agent_presence_periods').values({ agent_id: change.agentId, status: change.status, started_at: at, ended_at: null, reason }).execute();
    return { presence, changed: true };
  });
}

export function getPresence(db: Db, agentIds: readonly string[]): Promise<AgentPresence[]> {
  if (agentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('agent_presence').selectAll().where('agent_id', 'in', agentIds).execute();
}
