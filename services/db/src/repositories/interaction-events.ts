import type { Db } from '../database';
import type { InteractionActorType, InteractionEvent } from '../tables/interaction-events';

/** Who caused a change: a user (agent, supervisor), an integrator's key, the customer, or the system. */
export interface Actor {
  type: InteractionActorType;
  id: string | null;
}

export const systemActor: Actor = { type: 'system', id: null };

/** Appends to the timeline; pass the transaction that made the change so both commit together. */
export async function recordInteractionEvent(
  db: Db,
  event: { interactionId: string; type: string; actor: Actor; data?: Record<string, unknown>; at: Date },
): Promise<void> {
  await db
    .insertInto('interaction_events')
    .values({
      interaction_id: event.interactionId,
      type: event.type,
      actor_type: event.actor.type,
      actor_id: event.actor.id,
      data: JSON.stringify(event.data ?? {}),
      created_at: event.at,
    })
    .execute();
}

/** The timeline of one interaction in the order it happened. */
export function listInteractionEvents(db: Db, interactionId: string): Promise<InteractionEvent[]> {
  return db.selectFrom('interaction_events').selectAll().where('interaction_id', '=', interactionId).orderBy('id').execute();
}
