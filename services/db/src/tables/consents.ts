import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Channel } from '@cc/core/channels';

/** `all` is what an opt-out keyword withdraws: every purpose on that channel. */
export type ConsentPurpose = 'service' | 'marketing' | 'all';

/**
 * Append-only record of consents given and withdrawn, with their evidence (who, when, through
 * which channel, what wording). The newest row per (customer, channel, purpose) is the state.
 */
export interface ConsentsTable {
  id: Generated<string>;
  customer_id: string;
  channel: Channel;
  purpose: ConsentPurpose;
  granted: boolean;
  /** How it was recorded, e.g. `whatsapp_keyword`, `agent_verbal`. */
  source: string;
  evidence: ColumnType<Record<string, unknown>, string, string>;
  recorded_by_user_id: string | null;
  message_id: string | null;
  interaction_id: string | null;
  created_at: Generated<Date>;
}

export type Consent = Selectable<ConsentsTable>;
