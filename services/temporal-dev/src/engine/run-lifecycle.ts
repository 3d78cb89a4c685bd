import { randomUUID } from 'node:crypto';
import type { Children } from '../children';
import { cronBackoffMs, parseCronSchedule } from '../cron';
import { alreadyStarted, invalidArgument } from '../errors';
import { attrKey, event } from '../history';
import type { RunState, RunStatus } from '../model';
import { duration, durationMs, timestamp, type Msg } from '../proto';
import type { Queries } from '../queries';
import type { Run, RunOps } from '../run';
import type { Schedules } from '../schedules';
import type { Updates } from '../updates';

const DEFAULT_TASK_TIMEOUT_MS = 10_000;

export interface StartParams {
  namespace: string;
  workflowId: string;
  workflowType: string;
  taskQueue: string;
  input?: Msg;
  executionTimeoutMs: number;
  runTimeoutMs: number;
  taskTimeoutMs: number;
  identity?: string;
  requestId: string;
  header?: Msg;
  memo?: Msg;
  searchAttributes?: Msg;
  retryPolicy?: Msg;
  startDelayMs?: number;
  parent?: RunState['parent'];
  firstExecutionRunId?: string;
  continuedExecutionRunId?: string;
  initiator?: string;
  executionDeadline?: number;
  lastCompletionResult?: Msg;
  continuedFailure?: Msg;
  /** A cron workflow: each run closing starts the next at the schedule's next time. */
  cronSchedule?: string;
  signal?: { name: string; input?: Msg; header?: Msg; identity?: string; requestId?: string };
}

/** What starting and closing runs use of the engine. */
export interface LifecycleOps extends RunOps {
  readonly queries: Queries;
  readonly updates: Updates;
  readonly children: Children;
  readonly schedules: Schedules;
  currentRun(ns: string, workflowId: string): Run | undefined;
  /** Makes the run the newest of its workflow id. */
  setCurrent(run: Run): void;
  /** Writes the events held back while a workflow task ran; true if there were any. */
  flushBuffered(run: Run): boolean;
  scheduleWft(run: Run, attempt?: number, delayMs?: number): void;
  deliverSignal(run: Run, s: NonNullable<StartParams['signal']> & { external?: Msg }, schedule?: boolean): void;
  terminateRun(run: Run, reason: string, details: Msg | undefined, identity: string): void;
}

/**
 * A run's life: starting one (id reuse and conflict policies, cron first time), closing one
 * (settling what depended on it), and the next run of a chain (continue-as-new, cron).
 */
export class RunLifecycle {
  constructor(private readonly k: LifecycleOps) {}

  start(req: Msg, signal?: StartParams['signal'], parent?: StartParams['parent']): { runId: string; started: boolean } {
    const ns = this.k.checkNamespace(req.namespace);
    const p = this.startParams(ns, req);
    p.signal = signal;
    p.parent = parent;
    const cur = this.k.currentRun(ns, p.workflowId);
    const reuse: string = req.workflowIdReusePolicy ?? 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE';
    let conflict: string = req.workflowIdConflictPolicy ?? 'WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED';
    if (conflict === 'WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED') {
      conflict = signal
        ? 'WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING'
        : reuse === 'WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING'
          ? 'WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING'
          : 'WORKFLOW_ID_CONFLICT_POLICY_FAIL';
    }
    if (cur && cur.requestId === p.requestId) return { runId: cur.runId, started: true };
    if (cur && cur.status === 'RUNNING') {
      if (conflict === 'WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING') {
        if (signal) this.k.deliverSignal(cur, signal);
        this.k.touch(cur);
        return { runId: cur.runId, started: false };
      }
      if (conflict === 'WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING') {
        this.k.terminateRun(cur, 'terminated by a start with WorkflowIdConflictPolicy TERMINATE_EXISTING', undefined, req.identity ?? '');
        this.k.touch(cur);
      } else {
        throw alreadyStarted(`Workflow execution is already running. WorkflowId: ${p.workflowId}, RunId: ${cur.runId}.`, cur.requestId, cur.runId);
      }
    } else if (cur) {
      const failedOnly = ['FAILED', 'CANCELED', 'TERMINATED', 'TIMED_OUT'].includes(cur.status);
      if (reuse === 'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE' || (reuse === 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY' && !failedOnly)) {
        throw alreadyStarted(`Workflow execution already finished and WorkflowIdReusePolicy does not allow a new run. WorkflowId: ${p.workflowId}, RunId: ${cur.runId}.`, cur.requestId, cur.runId);
      }
    }
    const run = this.createRun(p);
    return { runId: run.runId, started: true };
  }

  private startParams(ns: string, req: Msg): StartParams {
    const workflowId: string | undefined = req.workflowId;
    if (!workflowId) throw invalidArgument('WorkflowId is not set on request.');
    if (workflowId.length > 1000) throw invalidArgument('WorkflowId exceeds length limit.');
    const workflowType: string | undefined = req.workflowType?.name;
    if (!workflowType) throw invalidArgument('WorkflowType is not set on request.');
    const taskQueue: string | undefined = req.taskQueue?.name;
    if (!taskQueue) throw invalidArgument('TaskQueue is not set on request.');
    for (const f of ['workflowExecutionTimeout', 'workflowRunTimeout', 'workflowTaskTimeout']) {
      if (durationMs(req[f]) < 0) throw invalidArgument(`Invalid ${f}.`);
    }
    const executionTimeoutMs = durationMs(req.workflowExecutionTimeout);
    let runTimeoutMs = durationMs(req.workflowRunTimeout);
    if (executionTimeoutMs > 0 && (runTimeoutMs === 0 || runTimeoutMs > executionTimeoutMs)) runTimeoutMs = executionTimeoutMs;
    return {
      namespace: ns,
      workflowId,
      workflowType,
      taskQueue,
      input: req.input,
      executionTimeoutMs,
      runTimeoutMs,
      taskTimeoutMs: Math.min(durationMs(req.workflowTaskTimeout) || DEFAULT_TASK_TIMEOUT_MS, 120_000),
      identity: req.identity,
      requestId: req.requestId || randomUUID(),
      header: req.header,
      memo: req.memo,
      searchAttributes: req.searchAttributes,
      retryPolicy: req.retryPolicy,
      startDelayMs: durationMs(req.workflowStartDelay),
      lastCompletionResult: req.lastCompletionResult,
      continuedFailure: req.continuedFailure,
      ...this.cronStart(req),
    };
  }

  /** A cron start waits for the schedule's first time (and refuses a start delay, as the real server does). */
  private cronStart(req: Msg): Partial<StartParams> {
    const cronSchedule: string = req.cronSchedule ?? '';
    if (!cronSchedule) return {};
    parseCronSchedule(cronSchedule); // INVALID_ARGUMENT for a schedule the real server refuses
    if (durationMs(req.workflowStartDelay) > 0) throw invalidArgument('CronSchedule and WorkflowStartDelay may not be used together.');
    const now = Date.now();
    return { cronSchedule, initiator: 'CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE', startDelayMs: cronBackoffMs(cronSchedule, now, now) };
  }

  createRun(p: StartParams, runId: string = randomUUID()): Run {
    const now = Date.now();
    const executionDeadline = p.executionDeadline ?? (p.executionTimeoutMs > 0 ? now + p.executionTimeoutMs : undefined);
    const run: Run = {
      namespace: p.namespace,
      workflowId: p.workflowId,
      runId,
      firstExecutionRunId: p.firstExecutionRunId ?? runId,
      workflowType: p.workflowType,
      taskQueue: p.taskQueue,
      status: 'RUNNING',
      startTime: now,
      startDelayMs: p.startDelayMs || undefined,
      requestId: p.requestId,
      taskTimeoutMs: p.taskTimeoutMs,
      runTimeoutMs: p.runTimeoutMs,
      executionTimeoutMs: p.executionTimeoutMs,
      cronSchedule: p.cronSchedule,
      runDeadline: p.runTimeoutMs > 0 ? now + p.runTimeoutMs : undefined,
      executionDeadline,
      wft: null,
      buffered: [],
      lastCompletedStartedEventId: 0,
      activities: {},
      timers: {},
      children: {},
      updates: {},
      parent: p.parent,
      cancelRequested: false,
      memo: p.memo,
      searchAttributes: p.searchAttributes,
      signalRequestIds: [],
      history: [],
      saved: 0,
      waiters: new Set(),
      queries: [],
      updateWaiters: new Set(),
    };
    this.k.runs.set(runId, run);
    this.k.setCurrent(run);
    this.k.append(
      run,
      event('WORKFLOW_EXECUTION_STARTED', {
        workflowType: { name: p.workflowType },
        taskQueue: { name: p.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
        input: p.input,
        workflowExecutionTimeout: duration(p.executionTimeoutMs),
        workflowRunTimeout: duration(p.runTimeoutMs),
        workflowTaskTimeout: duration(p.taskTimeoutMs),
        identity: p.identity,
        originalExecutionRunId: runId,
        firstExecutionRunId: run.firstExecutionRunId,
        continuedExecutionRunId: p.continuedExecutionRunId,
        initiator: p.initiator,
        lastCompletionResult: p.lastCompletionResult,
        continuedFailure: p.continuedFailure,
        cronSchedule: p.cronSchedule,
        attempt: 1,
        header: p.header,
        memo: p.memo,
        searchAttributes: p.searchAttributes,
        retryPolicy: p.retryPolicy,
        workflowExecutionExpirationTime: executionDeadline ? timestamp(executionDeadline) : undefined,
        firstWorkflowTaskBackoff: p.startDelayMs ? duration(p.startDelayMs) : undefined,
        parentWorkflowNamespace: p.parent?.namespace,
        parentWorkflowExecution: p.parent ? { workflowId: p.parent.workflowId, runId: p.parent.runId } : undefined,
        parentInitiatedEventId: p.parent?.initiatedEventId,
        workflowId: p.workflowId,
      }),
    );
    if (p.signal) this.k.deliverSignal(run, p.signal, false);
    this.k.scheduleWft(run, 1, p.startDelayMs ?? 0);
    this.k.touch(run);
    return run;
  }

  /** Writes the close event and settles everything that depended on the run being open. */
  closeRun(run: Run, status: RunStatus, closeEvent: Msg, opts: { nextRun?: boolean } = {}): void {
    if (run.wft?.startedEventId !== undefined && !run.wft.transient && !closeEvent[attrKey(closeEvent.eventType)]?.workflowTaskCompletedEventId) {
      // Forced close while a task runs (terminate, timeout): the task can no longer complete.
      this.k.append(run, event('WORKFLOW_TASK_FAILED', { scheduledEventId: run.wft.scheduledEventId, startedEventId: run.wft.startedEventId, cause: 'WORKFLOW_TASK_FAILED_CAUSE_FORCE_CLOSE_COMMAND' }));
    }
    run.wft = null;
    this.k.flushBuffered(run);
    this.k.append(run, closeEvent);
    run.status = status;
    run.closeTime = Date.now();
    run.activities = {};
    run.timers = {};
    this.k.queries.sendAllPending(run);
    this.k.updates.runClosed(run);
    // A continued run's parent hears from the last run of the chain, not this one.
    if (status !== 'CONTINUED_AS_NEW' && !opts.nextRun) this.k.children.notifyParent(run, status, closeEvent);
    this.k.children.applyParentClosePolicy(run);
    this.k.schedules.runClosed(run);
  }

  /**
   * A cron run that completes, fails or times out closes with that status and names the next run
   * (newExecutionRunId), which starts at the schedule's next time with this run's result or
   * failure — unless the execution's deadline comes first. Other runs just close.
   */
  closeRunOrNextCron(run: Run, status: 'COMPLETED' | 'FAILED' | 'TIMED_OUT', closeEvent: Msg): void {
    const now = Date.now();
    const backoffMs = run.cronSchedule ? cronBackoffMs(run.cronSchedule, run.startTime + (run.startDelayMs ?? 0), now) : 0;
    if (!run.cronSchedule || (run.executionDeadline && now + backoffMs >= run.executionDeadline)) {
      this.closeRun(run, status, closeEvent);
      return;
    }
    const started = run.history[0]?.workflowExecutionStartedEventAttributes ?? {};
    const attrs = closeEvent[attrKey(closeEvent.eventType)];
    const newRunId = randomUUID();
    attrs.newExecutionRunId = newRunId;
    this.closeRun(run, status, closeEvent, { nextRun: true });
    this.createRun(
      {
        namespace: run.namespace,
        workflowId: run.workflowId,
        workflowType: run.workflowType,
        taskQueue: run.taskQueue,
        input: started.input,
        executionTimeoutMs: run.executionTimeoutMs,
        runTimeoutMs: run.runTimeoutMs,
        taskTimeoutMs: run.taskTimeoutMs,
        requestId: randomUUID(),
        header: started.header,
        memo: run.memo,
        searchAttributes: run.searchAttributes,
        retryPolicy: started.retryPolicy,
        parent: run.parent,
        firstExecutionRunId: run.firstExecutionRunId,
        continuedExecutionRunId: run.runId,
        initiator: 'CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE',
        executionDeadline: run.executionDeadline,
        lastCompletionResult: status === 'COMPLETED' ? attrs.result : started.lastCompletionResult,
        continuedFailure: status === 'FAILED' ? attrs.failure : undefined,
        cronSchedule: run.cronSchedule,
        startDelayMs: backoffMs,
      },
      newRunId,
    );
  }

  continueAsNew(run: Run, a: Msg, completedId: number): void {
    const taskQueue: string = a.taskQueue?.name || run.taskQueue;
    const runTimeoutMs = durationMs(a.workflowRunTimeout) || run.runTimeoutMs;
    const taskTimeoutMs = durationMs(a.workflowTaskTimeout) || run.taskTimeoutMs;
    const next: StartParams = {
      namespace: run.namespace,
      workflowId: run.workflowId,
      workflowType: a.workflowType?.name || run.workflowType,
      taskQueue,
      input: a.input,
      executionTimeoutMs: run.executionTimeoutMs,
      runTimeoutMs,
      taskTimeoutMs,
      requestId: randomUUID(),
      header: a.header,
      memo: a.memo ?? run.memo,
      searchAttributes: a.searchAttributes ?? run.searchAttributes,
      retryPolicy: a.retryPolicy,
      parent: run.parent,
      firstExecutionRunId: run.firstExecutionRunId,
      continuedExecutionRunId: run.runId,
      initiator: a.initiator ?? 'CONTINUE_AS_NEW_INITIATOR_WORKFLOW',
      executionDeadline: run.executionDeadline,
      lastCompletionResult: a.lastCompletionResult,
      continuedFailure: a.failure,
      startDelayMs: durationMs(a.backoffStartInterval),
    };
    const newRunId = randomUUID();
    this.closeRun(
      run,
      'CONTINUED_AS_NEW',
      event('WORKFLOW_EXECUTION_CONTINUED_AS_NEW', {
        newExecutionRunId: newRunId,
        workflowType: { name: next.workflowType },
        taskQueue: { name: taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
        input: a.input,
        workflowRunTimeout: duration(runTimeoutMs),
        workflowTaskTimeout: duration(taskTimeoutMs),
        workflowTaskCompletedEventId: completedId,
        backoffStartInterval: a.backoffStartInterval,
        initiator: next.initiator,
        header: a.header,
        memo: next.memo,
        searchAttributes: next.searchAttributes,
      }),
    );
    this.createRun(next, newRunId);
  }
}
