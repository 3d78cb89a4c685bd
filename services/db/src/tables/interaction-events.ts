import type { ColumnType, Generated, Selectable } from 'kysely';

export type InteractionActorType = 'user' | 'api_key' | 'customer' | 'system';

/** The interaction's timeline, append-only, written in the transaction of the change it records. */
export interface InteractionEventsTable {
  /** A sequence, so events recorded in one transaction keep their order. */
  id: Generated<string>;
  interaction_id: string;
  type: string;
  actor_type: InteractionActorType;
  actor_id: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

export type InteractionEvent = Selectable<InteractionEventsTable>;
