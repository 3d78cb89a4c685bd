import type { Generated, Selectable } from 'kysely';

/** Each Twilio call the voice webhook took, once: re-deliveries find its interaction here. */
export interface InboundCallsTable {
  call_sid: string;
  /** Null while the first delivery is still creating the interaction. */
  interaction_id: string | null;
  created_at: Generated<Date>;
}

export type InboundCall = Selectable<InboundCallsTable>;
