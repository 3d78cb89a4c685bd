import type { Db } from '../database';

/** Whether the interaction was ever offered to the agent (they may see what they were asked to take). */
export async function wasOfferedTo(db: Db, interactionId: string, agentId: string): Promise<boolean> {
  const row = await db.selectFrom('offers').select('id').where('interaction_id', '=', interactionId).where('agent_id', '=', agentId).limit(1).executeTakeFirst();
  return row !== undefined;
}
