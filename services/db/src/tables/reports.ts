import type { Generated, Selectable } from 'kysely';
import type { Channel } from '@cc/core/channels';

/** A wrap-up code (disposition) a queue offers its agents; one per code and queue. */
export interface DispositionsTable {
  id: Generated<string>;
  queue_id: string;
  /** Stable code integrations read (e.g. `SALE`); unique within the queue. */
  code: string;
  label: string;
  /** Retired codes stay on the interactions that have them but are no longer offered. */
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

/** The one row of thresholds the report facts are computed with. */
export interface ReportSettingsTable {
  id: Generated<boolean>;
  short_abandon_seconds: Generated<number>;
  fcr_window_hours: Generated<number>;
  updated_at: Generated<Date>;
}

/** The facts of one ended interaction, written by a trigger when it ends (migration 2026-12-05T0500). */
export interface InteractionOutcomesTable {
  interaction_id: string;
  /** The 15-minute interval its wait began in (enqueued_at). */
  bucket_start: Date;
  queue_id: string;
  channel: Channel;
  /** The agent who answered it; null when nobody did. */
  agent_id: string | null;
  customer_id: string;
  status: 'closed' | 'abandoned' | 'transferred';
  enqueued_at: Date;
  answered_at: Date | null;
  ended_at: Date;
  /** Enqueued → answered, or → abandoned; null for one closed unanswered. */
  wait_ms: string | null;
  answered: boolean;
  abandoned: boolean;
  short_abandon: boolean;
  counts_wait: boolean;
  sla_seconds: number;
  in_sla: boolean;
  abandoned_after_sla: boolean;
  talk_ms: string;
  hold_ms: string;
  wrap_ms: string;
  transferred: boolean;
  transferred_in: boolean;
  fcr_eligible: boolean;
  /** The customer's next contact within the window, if any: then it was not resolved at first contact. */
  repeat_contact_id: string | null;
  disposition_id: string | null;
  with_push: boolean;
  with_cobrowse: boolean;
}

/** Additive figures per 15 minutes (see the migration for their definitions). */
export interface ReportRollupsTable {
  /** false: every interaction of the queue/channel (agent_id null); true: one agent's answered ones. */
  by_agent: boolean;
  /** false: 15-minute rows; true: the same figures per UTC hour (read for long ranges in whole-hour zones). */
  hourly: boolean;
  bucket_start: Date;
  queue_id: string;
  channel: Channel;
  agent_id: string | null;
  with_push: boolean;
  with_cobrowse: boolean;
  offered: number;
  answered: number;
  abandoned: number;
  short_abandoned: number;
  unanswered_closed: number;
  answered_in_sla: number;
  abandoned_after_sla: number;
  answer_wait_ms: string;
  wait_count: number;
  wait_ms: string;
  talk_ms: string;
  hold_ms: string;
  wrap_ms: string;
  transfers: number;
  transfers_in: number;
  fcr_eligible: number;
  fcr_resolved: number;
  overflows_out: number;
  h00: number;
  h01: number;
  h02: number;
  h03: number;
  h04: number;
  h05: number;
  h06: number;
  h07: number;
  h08: number;
  h09: number;
  h10: number;
  h11: number;
  h12: number;
  h13: number;
  h14: number;
  h15: number;
}

export interface ReportDispositionRollupsTable {
  by_agent: boolean;
  bucket_start: Date;
  queue_id: string;
  channel: Channel;
  agent_id: string | null;
  disposition_id: string;
  count: number;
}

export interface ReportAgentActivityTable {
  bucket_start: Date;
  agent_id: string;
  /** Time holding at least one interaction (concurrent ones once). */
  busy_ms: string;
  /** Every interaction's own time (concurrent ones each). */
  handle_ms: string;
}

export type Disposition = Selectable<DispositionsTable>;
export type InteractionOutcome = Selectable<InteractionOutcomesTable>;
