import type { ColumnType, Generated, Selectable } from 'kysely';
import type { BusinessHours } from '@cc/core/business-hours';
import type { Channel } from '@cc/core/channels';
import type { RequiredSkills } from '@cc/core/routing';

type Json<T> = ColumnType<T, string, string>;

/** Where interactions wait for an agent. */
export interface QueuesTable {
  id: Generated<string>;
  name: string;
  /** Non-empty subset of the channels; an interaction's channel must be one of them. */
  channels: Channel[];
  /** Minimum level per skill an agent needs to be offered this queue's interactions. */
  required_skills: Json<RequiredSkills>;
  /** Default priority of interactions enqueued here; higher is served first. */
  priority: Generated<number>;
  /** Service-level threshold T: answered within this many seconds counts as in time. */
  sla_target_seconds: Generated<number>;
  offer_timeout_seconds: Generated<number>;
  overflow_queue_id: string | null;
  /** Set exactly when `overflow_queue_id` is. */
  overflow_after_seconds: number | null;
  /** Null means always open. */
  business_hours: ColumnType<BusinessHours | null, string | null, string | null>;
  /** IANA zone the business hours and daily figures are read in. */
  timezone: Generated<string>;
  closed_auto_reply: string | null;
  /** Short code a click-to-WhatsApp prefill carries; the first message containing it lands here. */
  whatsapp_ref: Generated<string>;
  created_at: Generated<Date>;
}

export type Queue = Selectable<QueuesTable>;
