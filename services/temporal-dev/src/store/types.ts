import type { RunState } from '../model';
import type { Msg } from '../proto';
import type { ScheduleRecord } from '../schedules';

/** Schedules written or deleted since the last save. */
export interface ScheduleChanges {
  upsert: ScheduleRecord[];
  deleted: { namespace: string; scheduleId: string }[];
}

/** One run's changes since its last save: the whole mutable state plus the events appended. */
export interface RunChange {
  state: RunState;
  /** Events with ids firstEventId.. in order. */
  newEvents: Msg[];
}

export interface StoredRun {
  state: RunState;
  history: Msg[];
}

/** Where runs live between restarts. `save` is atomic over all changes passed to it. */
export interface Store {
  load(): Promise<StoredRun[]>;
  loadSchedules(): Promise<ScheduleRecord[]>;
  /** Writes run and schedule changes and forgets `deleted` runs (past retention), in one transaction. */
  save(changes: RunChange[], deleted?: string[], schedules?: ScheduleChanges): Promise<void>;
  close(): Promise<void>;
  /** Whether writes can go through now (the database connection is up and, for PostgreSQL, locked). */
  healthy(): boolean;
  /** False for the in-memory store: the engine then skips the commit round trip entirely. */
  readonly durable: boolean;
}
