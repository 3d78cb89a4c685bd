import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../schema';
import type { Db } from '../database';

/**
 * Whether an agent took part in an interaction they do not hold: it was offered to them (they may
 * see what they were asked to take), or they handed it on (it was transferred from one of theirs).
 */
export async function agentWasInvolved(db: Db, interaction: { id: string; transferred_from_id: string | null }, agentId: string): Promise<boolean> {
  const offered = await db.selectFrom('offers').select('id').where('interaction_id', '=', interaction.id).where('agent_id', '=', agentId).limit(1).executeTakeFirst();
  if (offered) return true;
  if (!interaction.transferred_from_id) return false;
  const from = await db.selectFrom('interactions').select('assigned_agent_id').where('id', '=', interaction.transferred_from_id).executeTakeFirst();
  return from?.assigned_agent_id === agentId;
}

/** The same rule as `agentWasInvolved`, as a filter on `interactions` queries (the agent holds it too). */
export function involvesAgent(eb: ExpressionBuilder<Database, 'interactions'>, agentId: string) {
  return eb.or([
    eb('interactions.assigned_agent_id', '=', agentId),
    eb('interactions.id', 'in', eb.selectFrom('offers').select('offers.interaction_id').where('offers.agent_id', '=', agentId)),
    eb('interactions.transferred_from_id', 'in', eb.selectFrom('interactions as f').select('f.id').where('f.assigned_agent_id', '=', agentId)),
  ]);
}
