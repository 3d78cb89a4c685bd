import type { EventType } from './history';
import type { Matching } from './matching';
import type { RunState } from './model';
import type { Msg } from './proto';

/** A run in memory: persisted state plus its history and what only lives in this process. */
export interface Run extends RunState {
  history: Msg[];
  /** How many history events the store already has. */
  saved: number;
  timer?: NodeJS.Timeout;
  timerAt?: number;
  /** History long polls waiting for this run to change. */
  waiters: Set<() => void>;
  queries: PendingQuery[];
  updateWaiters: Set<() => void>;
}

export interface PendingQuery {
  id: string;
  query: Msg;
  /** waiting: for a moment with no workflow task in flight; attached: inside a workflow task; sent: legacy task. */
  state: 'waiting' | 'attached' | 'sent';
  resolve: (r: Msg) => void;
  reject: (e: Error) => void;
}

/** What a task queue holds: a pointer to state, turned into a task only when a poller takes it. */
export type TaskRef =
  | { kind: 'wft'; runId: string }
  | { kind: 'query'; runId: string; queryId: string }
  | { kind: 'act'; runId: string; scheduledEventId: number };

/** What the engine's parts (activities, queries, updates) use of it. */
export interface RunOps {
  readonly runs: Map<string, Run>;
  readonly matching: Matching<TaskRef>;
  readonly longPollMs: number;
  readonly closed: boolean;
  checkNamespace(ns: string | undefined): string;
  resolveRun(ns: string, execution: Msg | undefined): Run;
  runningRun(ns: string, execution: Msg | undefined): Run;
  /** Writes an event now; returns its id. */
  append(run: Run, ev: Msg): number;
  /** Writes an event now, or after the running workflow task (then returns undefined). */
  addEvent(run: Run, type: EventType, attrs: Msg): number | undefined;
  /** Schedules a workflow task unless one is already scheduled or running. */
  scheduleWft(run: Run): void;
  /** Marks the run changed: stored at the next commit, deadline timer moved, watchers woken. */
  touch(run: Run): void;
  commit(): Promise<void>;
}
