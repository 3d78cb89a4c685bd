import type { ColumnType, Generated, Selectable } from 'kysely';

export type CobrowseStatus = 'waiting' | 'invited' | 'pending_consent' | 'active' | 'ended';
export type CobrowseEndReason = 'customer_stopped' | 'agent_ended' | 'call_ended' | 'expired' | 'limit_exceeded';

/** A customer's page shared with the agent on their call (code read over the phone, or an invitation pushed). */
export interface CobrowseSessionsTable {
  id: Generated<string>;
  /** The chat site whose widget runs on the shared pages (allowed origins, retention). */
  site_id: string;
  /** The call; null while a shared page waits for an agent to type its code. */
  interaction_id: string | null;
  /** The agent who asked (invited, or typed the code). */
  agent_id: string | null;
  status: CobrowseStatus;
  via: 'code' | 'invite';
  /** 6 digits while waiting for an agent; cleared when used (single use). */
  code: string | null;
  code_expires_at: Date | null;
  /** sha256 of the invitation's token (the token travels only in the pushed link). */
  invite_token_hash: string | null;
  invite_expires_at: Date | null;
  push_id: string | null;
  current_url: string | null;
  pages_visited: ColumnType<string[], string[] | undefined, string[]>;
  /** The last batch of events accepted, in the widget's numbering. */
  last_seq: Generated<number>;
  bytes_received: ColumnType<string, number | undefined, number | string>;
  consent_evidence: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  consented_at: Date | null;
  started_at: Generated<Date>;
  ended_at: Date | null;
  end_reason: CobrowseEndReason | null;
}

/** Packed events (one row per batch) of a site that keeps them; purged after keep_until. */
export interface CobrowseRecordingsTable {
  session_id: string;
  seq: number;
  url: string | null;
  /** One @rrweb/packer string per event, as its latin1 bytes (it holds NULs, which text refuses). */
  packed: Buffer[];
  bytes: number;
  created_at: Generated<Date>;
  keep_until: Date;
}

export type CobrowseSession = Selectable<CobrowseSessionsTable>;
export type CobrowseRecording = Selectable<CobrowseRecordingsTable>;
