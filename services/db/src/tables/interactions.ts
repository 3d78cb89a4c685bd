import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { InteractionStatus } from '@cc/core/routing';
import { columnsOf } from './columns';

/**
 * One customer contact from entering a queue to its end. An interaction is assigned at most once:
 * a transfer ends it as `transferred` and starts a new one (`transferred_from_id`).
 */
export interface InteractionsTable {
  id: Generated<string>;
  channel: Channel;
  customer_id: string;
  queue_id: string;
  /** Higher is served first; defaults to the queue's priority. */
  priority: number;
  status: InteractionStatus;
  /** The agent it was assigned to; set on accept and kept after it ends. */
  assigned_agent_id: string | null;
  transferred_from_id: string | null;
  subject: string | null;
  /** Channel details (call sid, email thread ids, widget session…). */
  context: ColumnType<Record<string, unknown>, string, string>;
  enqueued_at: Date;
  /** When the current or last offer was made. */
  offered_at: Date | null;
  assigned_at: Date | null;
  wrap_up_at: Date | null;
  closed_at: Date | null;
  abandoned_at: Date | null;
  /** The wrap-up code (disposition) the agent chose; optional on insert. */
  disposition_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

export type Interaction = Selectable<InteractionsTable>;

/** Every Interaction column, for statements that must name their result columns (prepared.ts). */
export const interactionColumns = columnsOf<Interaction>({
  id: true,
  channel: true,
  customer_id: true,
  queue_id: true,
  priority: true,
  status: true,
  assigned_agent_id: true,
  transferred_from_id: true,
  subject: true,
  context: true,
  enqueued_at: true,
  offered_at: true,
  assigned_at: true,
  wrap_up_at: true,
  closed_at: true,
  abandoned_at: true,
  disposition_id: true,
  created_at: true,
});
