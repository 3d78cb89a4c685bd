import type { RunState, RunStatus } from './model';
import { invalidArgument } from './errors';
import { duration, timestamp, type Msg } from './proto';

/** A run with its history (its length is part of what describe and list show). */
export type VisibleRun = RunState & { history: readonly unknown[] };

/** DescribeWorkflowExecution's answer for a run. */
export function describeRun(run: VisibleRun): Msg {
  return {
    executionConfig: {
      taskQueue: { name: run.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
      workflowExecutionTimeout: duration(run.executionTimeoutMs),
      workflowRunTimeout: duration(run.runTimeoutMs),
      defaultWorkflowTaskTimeout: duration(run.taskTimeoutMs),
    },
    workflowExecutionInfo: executionInfo(run),
    pendingActivities: Object.values(run.activities).map((a) => ({
      activityId: a.activityId,
      activityType: { name: a.activityType },
      state: a.cancelRequested ? 'PENDING_ACTIVITY_STATE_CANCEL_REQUESTED' : a.state === 'started' ? 'PENDING_ACTIVITY_STATE_STARTED' : 'PENDING_ACTIVITY_STATE_SCHEDULED',
      heartbeatDetails: a.heartbeatDetails,
      lastHeartbeatTime: a.lastHeartbeatTime ? timestamp(a.lastHeartbeatTime) : undefined,
      lastStartedTime: a.startedTime ? timestamp(a.startedTime) : undefined,
      attempt: a.attempt,
      maximumAttempts: a.retry.maxAttempts,
      scheduledTime: timestamp(a.readyAt ?? a.attemptScheduledTime),
      expirationTime: a.scheduleToCloseMs > 0 ? timestamp(a.firstScheduledTime + a.scheduleToCloseMs) : undefined,
      lastFailure: a.lastFailure,
      lastWorkerIdentity: a.startedIdentity,
    })),
    pendingChildren: Object.values(run.children).map((c) => ({
      workflowId: c.workflowId,
      runId: c.runId,
      workflowTypeName: c.workflowType,
      initiatedId: c.initiatedEventId,
      parentClosePolicy: c.parentClosePolicy,
    })),
    pendingWorkflowTask: run.wft
      ? {
          state: run.wft.startedEventId !== undefined ? 'PENDING_WORKFLOW_TASK_STATE_STARTED' : 'PENDING_WORKFLOW_TASK_STATE_SCHEDULED',
          scheduledTime: timestamp(run.wft.scheduledTime),
          startedTime: run.wft.startedTime ? timestamp(run.wft.startedTime) : undefined,
          attempt: run.wft.attempt,
        }
      : undefined,
  };
}

export function executionInfo(run: VisibleRun): Msg {
  return {
    execution: { workflowId: run.workflowId, runId: run.runId },
    type: { name: run.workflowType },
    startTime: timestamp(run.startTime),
    closeTime: run.closeTime ? timestamp(run.closeTime) : undefined,
    status: `WORKFLOW_EXECUTION_STATUS_${run.status}`,
    historyLength: run.history.length,
    parentNamespaceId: run.parent?.namespace,
    parentExecution: run.parent ? { workflowId: run.parent.workflowId, runId: run.parent.runId } : undefined,
    executionTime: timestamp(run.startTime),
    memo: run.memo,
    searchAttributes: run.searchAttributes,
    taskQueue: run.taskQueue,
    firstRunId: run.firstExecutionRunId,
  };
}

/** `ListWorkflowExecutions` filter: `Key = 'value'` (or `!=`) clauses joined by AND. */
export function parseListQuery(query: string): (r: RunState) => boolean {
  const clauses = query.trim() === '' ? [] : query.split(/\s+AND\s+/i);
  const tests = clauses.map((c) => {
    const m = /^\s*\(?\s*(\w+)\s*(=|!=)\s*['"]([^'"]*)['"]\s*\)?\s*$/.exec(c);
    if (!m) throw invalidArgument(`invalid query: unsupported clause "${c}" (temporal-dev supports Key = 'value' joined by AND)`);
    const [, key, op, value] = m as unknown as [string, string, string, string];
    const get = (r: RunState): string | undefined => {
      switch (key) {
        case 'WorkflowType': return r.workflowType;
        case 'WorkflowId': return r.workflowId;
        case 'RunId': return r.runId;
        case 'TaskQueue': return r.taskQueue;
        case 'ExecutionStatus': return STATUS_NAMES[r.status];
        default: throw invalidArgument(`invalid query: unknown search attribute ${key}`);
      }
    };
    return (r: RunState) => (get(r) === value) === (op === '=');
  });
  return (r) => tests.every((t) => t(r));
}

const STATUS_NAMES: Record<RunStatus, string> = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
  TERMINATED: 'Terminated',
  CONTINUED_AS_NEW: 'ContinuedAsNew',
  TIMED_OUT: 'TimedOut',
};
