import { sql } from 'kysely';
import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import { recordInteractionEvent, type Actor } from './interaction-events';

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

/**
 * Claims a call for the delivery that will create its interaction. `claimed: false` when another
 * delivery got there first; `interactionId` is then its interaction, or null while it is being made.
 */
export async function claimInboundCall(db: Db, callSid: string): Promise<{ claimed: true } | { claimed: false; interactionId: string | null }> {
  const inserted = await db.insertInto('inbound_calls').values({ call_sid: callSid, interaction_id: null }).onConflict((oc) => oc.column('call_sid').doNothing()).returning('call_sid').executeTakeFirst();
  if (inserted) return { claimed: true };
  const existing = await db.selectFrom('inbound_calls').select('interaction_id').where('call_sid', '=', callSid).executeTakeFirst();
  return { claimed: false, interactionId: existing?.interaction_id ?? null };
}

export async function completeInboundCall(db: Db, callSid: string, interactionId: string): Promise<void> {
  await db.updateTable('inbound_calls').set({ interaction_id: interactionId }).where('call_sid', '=', callSid).execute();
}

/** The claiming delivery failed before creating anything: a retry may claim the call again. */
export async function releaseInboundCall(db: Db, callSid: string): Promise<void> {
  await db.deleteFrom('inbound_calls').where('call_sid', '=', callSid).where('interaction_id', 'is', null).execute();
}

/**
 * Marks an agent's call on hold (or resumed) if it is theirs, assigned and not already so; undefined
 * otherwise. The conditional update makes two concurrent hold requests act once.
 */
export function setCallHold(db: Db, change: { interactionId: string; agentId: string; onHold: boolean }): Promise<Interaction | undefined> {
  return db
    .updateTable('interactions')
    .set({ context: sql`context || ${JSON.stringify({ onHold: change.onHold })}::jsonb` })
    .where('id', '=', change.interactionId)
    .where('channel', '=', 'voice')
    .where('status', '=', 'assigned')
    .where('assigned_agent_id', '=', change.agentId)
    .where(sql<boolean>`coalesce((context->>'onHold')::boolean, false)`, '=', !change.onHold)
    .returningAll()
    .executeTakeFirst();
}
