import type { Msg } from './proto';

/** Execution status names as in temporal.api.enums.v1.WorkflowExecutionStatus, without the prefix. */
export type RunStatus =
  | 'RUNNING'
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELED'
  | 'TERMINATED'
  | 'CONTINUED_AS_NEW'
  | 'TIMED_OUT';

export interface RetryPolicy {
  initialMs: number;
  coefficient: number;
  maxIntervalMs: number;
  maxAttempts: number; // 0 = unlimited
  nonRetryable: string[];
}

export interface ActivityState {
  scheduledEventId: number;
  activityId: string;
  activityType: string;
  taskQueue: string;
  scheduleToCloseMs: number;
  scheduleToStartMs: number;
  startToCloseMs: number;
  heartbeatMs: number;
  retry: RetryPolicy;
  attempt: number;
  /** scheduled: waiting in the task queue; backoff: waiting for `readyAt` before the next attempt. */
  state: 'scheduled' | 'started' | 'backoff';
  firstScheduledTime: number;
  attemptScheduledTime: number;
  readyAt?: number;
  startedTime?: number;
  startedIdentity?: string;
  lastHeartbeatTime?: number;
  heartbeatDetails?: Msg;
  cancelRequested: boolean;
  cancelRequestedEventId?: number;
  lastFailure?: Msg;
}

export interface TimerState {
  timerId: string;
  startedEventId: number;
  fireAt: number;
}

export interface ChildState {
  initiatedEventId: number;
  namespace: string;
  workflowId: string;
  workflowType: string;
  runId?: string;
  startedEventId?: number;
  parentClosePolicy: string;
}

export interface UpdateState {
  updateId: string;
  request: Msg; // temporal.api.update.v1.Request
  /** admitted: waiting for a workflow task; sent: in a running task; then accepted / completed. */
  stage: 'admitted' | 'sent' | 'accepted' | 'completed';
  acceptedEventId?: number;
  outcome?: Msg;
}

export interface WorkflowTaskState {
  scheduledEventId: number;
  attempt: number;
  scheduledTime: number;
  /** Not before this time (backoff after repeated failures). */
  readyAt?: number;
  startedEventId?: number;
  startedTime?: number;
  deadline?: number;
  /**
   * Retried attempts (2+) are transient, as on the real server: their scheduled and started events
   * go to the worker but are written to history only if the attempt completes.
   */
  transient?: Msg[];
}

/** One workflow run: its persisted mutable state (history is stored beside it). */
export interface RunState {
  namespace: string;
  workflowId: string;
  runId: string;
  firstExecutionRunId: string;
  workflowType: string;
  taskQueue: string;
  status: RunStatus;
  startTime: number;
  closeTime?: number;
  requestId: string;
  taskTimeoutMs: number;
  runTimeoutMs: number;
  executionTimeoutMs: number;
  runDeadline?: number;
  executionDeadline?: number;
  /** The run's first workflow task waited this long (workflowStartDelay, or a cron schedule's wait). */
  startDelayMs?: number;
  /** Set for cron workflows: closing this run starts the next one on schedule. */
  cronSchedule?: string;
  wft: WorkflowTaskState | null;
  /** Events that arrived while a workflow task ran: written after its completion. */
  buffered: Msg[];
  lastCompletedStartedEventId: number;
  activities: Record<string, ActivityState>;
  timers: Record<string, TimerState>;
  children: Record<string, ChildState>;
  updates: Record<string, UpdateState>;
  parent?: { namespace: string; workflowId: string; runId: string; initiatedEventId: number };
  cancelRequested: boolean;
  memo?: Msg;
  searchAttributes?: Msg;
  /** Request ids of signals already applied (signal dedup across client retries). */
  signalRequestIds: string[];
}
