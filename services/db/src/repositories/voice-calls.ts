import { sql } from 'kysely';
import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import { recordInteractionEvent, type Actor } from './interaction-events';

/** The first interaction of a call (the one its voice webhook created). */
export function findCallInteraction(db: Db, callSid: string): Promise<Interaction | undefined> {
  return db
    .selectFrom('interactions')
    .selectAll()
    .where('channel', '=', 'voice')
    .where('transferred_from_id', 'is', null)
    .where(sql<string>`context->>'callSid'`, '=', callSid)
    .executeTakeFirst();
}

/** The call's newest interaction (after transfers, the one the caller is in now). */
export function findCurrentCallInteraction(db: Db, callSid: string): Promise<Interaction | undefined> {
  return db
    .selectFrom('interactions')
    .selectAll()
    .where('channel', '=', 'voice')
    .where(sql<string>`context->>'callSid'`, '=', callSid)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Adds channel details (recording URL, callback request) to an interaction's context, with a timeline event. */
export async function mergeInteractionContext(
  db: Db,
  change: { interactionId: string; patch: Record<string, unknown>; event: string; actor: Actor; now: Date },
): Promise<Interaction | undefined> {
  const updated = await db
    .updateTable('interactions')
    .set({ context: sql`context || ${JSON.stringify(change.patch)}::jsonb` })
    .where('id', '=', change.interactionId)
    .returningAll()
    .executeTakeFirst();
  if (updated) await recordInteractionEvent(db, { interactionId: updated.id, type: change.event, actor: change.actor, data: change.patch, at: change.now });
  return updated;
}
