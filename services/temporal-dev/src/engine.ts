import { randomUUID } from 'node:crypto';
import { Activities } from './activities';
import { Children, type WorkflowOps } from './children';
import { armDeadline, nextDeadline } from './deadlines';
import {
  alreadyCompleted,
  invalidArgument,
  namespaceNotFound,
  notFound,
  RpcError,
  workflowNotFound,
} from './errors';
import { GroupCommit } from './group-commit';
import { attrKey, event, type EventType } from './history';
import { Matching } from './matching';
import type { RunState } from './model';
import { duration, timestamp, type Msg } from './proto';
import { Queries } from './queries';
import { Schedules } from './schedules';
import type { Run, TaskRef } from './run';
import type { Store } from './store/types';
import { CLOSE_COMMANDS, executeCommands, SUPPORTED_COMMANDS } from './engine/commands';
import { RunLifecycle, type StartParams } from './engine/run-lifecycle';
import { decodeToken, encodeToken } from './tokens';
import { Updates } from './updates';
import { describeRun, executionInfo, parseListQuery } from './visibility';

const RESOLVED = Promise.resolve();
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EngineOptions {
  store: Store;
  namespaces: string[];
  /** Long polls answer empty after this long (below the SDK's ~70 s call deadline). */
  longPollMs?: number;
  /** Closed runs are forgotten this long after they close (default one day, like a dev namespace). */
  retentionMs?: number;
  log?: (msg: string) => void;
}

export class Engine implements WorkflowOps {
  readonly runs = new Map<string, Run>();
  /** namespace + workflow id -> run id of the newest run. */
  private current = new Map<string, string>();
  readonly matching = new Matching<TaskRef>();
  readonly activities = new Activities(this);
  readonly queries = new Queries(this);
  readonly updates = new Updates(this);
  readonly children = new Children(this);
  readonly lifecycle = new RunLifecycle(this);
  private dirty = new Set<Run>();
  private deleted: string[] = [];
  private retentionMs: number;
  private purgeTimer: NodeJS.Timeout | undefined;
  readonly schedules: Schedules;
  private writer = new GroupCommit(() => this.flush(), () => this.dirty.size > 0 || this.deleted.length > 0 || this.schedules.hasChanges());
  private namespaces: Set<string>;
  private store: Store;
  closed = false;
  readonly longPollMs: number;
  private log: (msg: string) => void;

  constructor(opts: EngineOptions) {
    this.store = opts.store;
    this.namespaces = new Set(opts.namespaces);
    this.longPollMs = opts.longPollMs ?? 60_000;
    this.retentionMs = opts.retentionMs ?? 24 * 3600_000;
    this.log = opts.log ?? (() => {});
    this.schedules = new Schedules(this, this.store.durable, this.log);
  }

  // ---------------------------------------------------------------- lifecycle & persistence

  /** Loads stored runs and re-creates their queued tasks and deadlines. */
  async init(): Promise<void> {
    for (const { state, history } of await this.store.load()) {
      const run: Run = { ...state, history, saved: history.length, waiters: new Set(), queries: [], updateWaiters: new Set() };
      this.runs.set(run.runId, run);
      const key = this.key(run.namespace, run.workflowId);
      const cur = this.current.get(key);
      if (!cur || (this.runs.get(cur)?.startTime ?? 0) <= run.startTime) this.current.set(key, run.runId);
    }
    for (const run of this.runs.values()) {
      if (run.status !== 'RUNNING') continue;
      // Updates in flight were never answered: offer them again with the next task.
      this.updates.taskEnded(run);
      if (run.wft && run.wft.startedEventId === undefined && !run.wft.readyAt) {
        this.matching.offer(run.namespace, run.taskQueue, 'workflow', { kind: 'wft', runId: run.runId });
      }
      this.activities.requeue(run);
      this.rearm(run);
    }
    // After the runs: a schedule checks its running workflows, then catches up on missed actions.
    this.schedules.init(await this.store.loadSchedules());
    this.purgeClosed();
    this.purgeTimer = setInterval(() => this.purgeClosed(), Math.min(this.retentionMs, 60_000));
    this.purgeTimer.unref();
  }

  /** Forgets runs closed longer ago than the retention period (memory and store). */
  purgeClosed(now = Date.now()): void {
    for (const run of this.runs.values()) {
      if (run.status === 'RUNNING' || !run.closeTime || run.closeTime + this.retentionMs > now) continue;
      if (run.waiters.size > 0 || run.queries.length > 0) continue; // someone is still looking at it
      this.runs.delete(run.runId);
      const key = this.key(run.namespace, run.workflowId);
      if (this.current.get(key) === run.runId) this.current.delete(key);
      this.dirty.delete(run);
      if (this.store.durable) this.deleted.push(run.runId);
    }
    if (this.deleted.length > 0) this.commit().catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.matching.release();
    this.schedules.close();
    for (const run of this.runs.values()) {
      if (run.timer) clearTimeout(run.timer);
      for (const w of run.waiters) w();
      for (const w of run.updateWaiters) w();
      for (const q of run.queries) q.reject(new RpcError(14, 'server shutting down'));
    }
    await this.commit().catch(() => {});
    await this.store.close();
  }

  /** Resolves once every change made before the call is stored (group commit). */
  commit(): Promise<void> {
    if (!this.store.durable) {
      this.dirty.clear();
      return RESOLVED;
    }
    return this.writer.commit();
  }

  private async flush(): Promise<void> {
    const runs = [...this.dirty];
    this.dirty.clear();
    const deleted = this.deleted;
    this.deleted = [];
    const marks = runs.map((r) => r.saved);
    const changes = runs.map((r) => {
      const newEvents = r.history.slice(r.saved);
      r.saved = r.history.length;
      return { state: snapshot(r), newEvents };
    });
    const schedules = this.schedules.takeChanges();
    try {
      await this.store.save(changes, deleted, schedules);
    } catch (e) {
      this.deleted.push(...deleted);
      this.schedules.restoreChanges(schedules);
      runs.forEach((r, i) => {
        r.saved = Math.min(r.saved, marks[i]!);
        this.dirty.add(r);
      });
      // At shutdown the database may already be going (Ctrl-C reaches PostgreSQL too); every
      // acknowledged change was stored before its caller heard back, so nothing is lost.
      if (!this.closed) this.log(`temporal-dev: saving state failed: ${(e as Error).message}`);
      throw new RpcError(14, `temporal-dev could not store state: ${(e as Error).message}`);
    }
  }

  /** After any change to a run: remember to store it, move its deadline timer, wake watchers. */
  touch(run: Run): void {
    if (this.store.durable) this.dirty.add(run);
    this.rearm(run);
    if (run.waiters.size > 0) {
      const ws = [...run.waiters];
      run.waiters.clear();
      for (const w of ws) w();
    }
  }

  // ---------------------------------------------------------------- lookups

  checkNamespace(ns: string | undefined): string {
    if (!ns) throw invalidArgument('Namespace not set on request.');
    if (!this.namespaces.has(ns)) throw namespaceNotFound(ns);
    return ns;
  }

  describeNamespace(ns: string): Msg {
    if (!this.namespaces.has(ns)) throw namespaceNotFound(ns);
    return {
      // What this server does (updates, schedules); eager start, Nexus and worker heartbeats it does not.
      namespaceInfo: {
        name: ns,
        state: 'NAMESPACE_STATE_REGISTERED',
        id: ns,
        description: 'temporal-dev',
        capabilities: { syncUpdate: true, asyncUpdate: true },
        supportsSchedules: true,
      },
      config: { workflowExecutionRetentionTtl: duration(this.retentionMs) },
      isGlobalNamespace: false,
    };
  }

  listNamespaces(): Msg[] {
    return [...this.namespaces].map((ns) => this.describeNamespace(ns));
  }

  private key(ns: string, workflowId: string): string {
    return `${ns}\u0000${workflowId}`;
  }

  /** The run an RPC names: its run id, or the newest run of the workflow id. */
  resolveRun(ns: string, execution: Msg | undefined): Run {
    const workflowId: string | undefined = execution?.workflowId;
    const runId: string | undefined = execution?.runId || undefined;
    if (!workflowId) throw invalidArgument('WorkflowId is not set on request.');
    if (runId !== undefined && !UUID_RE.test(runId)) throw invalidArgument('Invalid RunId.');
    const id = runId ?? this.current.get(this.key(ns, workflowId));
    const run = id ? this.runs.get(id) : undefined;
    if (!run || run.namespace !== ns || run.workflowId !== workflowId) throw workflowNotFound(workflowId, runId);
    return run;
  }

  runningRun(ns: string, execution: Msg | undefined): Run {
    const run = this.resolveRun(ns, execution);
    if (run.status !== 'RUNNING') throw alreadyCompleted();
    return run;
  }

  // ---------------------------------------------------------------- events

  append(run: Run, ev: Msg): number {
    const id = run.history.length + 1;
    ev.eventId = id;
    // An activity's close event names the started event written just before it.
    const attrs = ev[attrKey(ev.eventType)];
    if (attrs && attrs.startedEventId === -1) attrs.startedEventId = id - 1;
    run.history.push(ev);
    return id;
  }

  /** Adds an event now, or after the running workflow task completes. Returns its id if written. */
  addEvent(run: Run, type: EventType, attrs: Msg): number | undefined {
    const ev = event(type, attrs);
    if (run.wft?.startedEventId !== undefined) {
      run.buffered.push(ev);
      return undefined;
    }
    return this.append(run, ev);
  }

  flushBuffered(run: Run): boolean {
    if (run.buffered.length === 0) return false;
    for (const ev of run.buffered) this.append(run, ev);
    run.buffered = [];
    return true;
  }

  // ---------------------------------------------------------------- workflow tasks

  scheduleWft(run: Run, attempt = 1, delayMs = 0): void {
    if (run.status !== 'RUNNING' || run.wft) return;
    const now = Date.now();
    if (attempt > 1) {
      run.wft = { scheduledEventId: 0, attempt, scheduledTime: now, transient: [] }; // ids given at dispatch
    } else {
      const scheduledEventId = this.append(run, this.wftScheduledEvent(run, attempt));
      run.wft = { scheduledEventId, attempt, scheduledTime: now };
    }
    if (delayMs > 0) run.wft.readyAt = now + delayMs;
    else this.matching.offer(run.namespace, run.taskQueue, 'workflow', { kind: 'wft', runId: run.runId });
  }

  private wftScheduledEvent(run: Run, attempt: number): Msg {
    return event('WORKFLOW_TASK_SCHEDULED', {
      taskQueue: { name: run.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
      startToCloseTimeout: duration(run.taskTimeoutMs),
      attempt,
    });
  }

  /** Turns a queued reference into a workflow-task poll response (or null when stale). */
  private dispatchWorkflow = (ref: TaskRef, identity: string): Msg | null => {
    const run = this.runs.get(ref.runId);
    if (!run) return null;
    if (ref.kind === 'query') return this.queries.dispatchLegacy(run, ref.queryId);
    if (ref.kind !== 'wft' || run.status !== 'RUNNING' || !run.wft || run.wft.startedEventId !== undefined || run.wft.readyAt) return null;
    const now = Date.now();
    const wft = run.wft;
    if (wft.transient) {
      const scheduled = this.wftScheduledEvent(run, wft.attempt);
      scheduled.eventTime = timestamp(wft.scheduledTime);
      scheduled.eventId = wft.scheduledEventId = run.history.length + 1;
      wft.transient = [scheduled];
    }
    const started = event('WORKFLOW_TASK_STARTED', {
      scheduledEventId: wft.scheduledEventId,
      identity,
      requestId: randomUUID(),
      historySizeBytes: run.history.length * 256,
    });
    let startedEventId: number;
    if (wft.transient) {
      startedEventId = started.eventId = run.history.length + 2;
      wft.transient.push(started);
    } else {
      startedEventId = this.append(run, started);
    }
    wft.startedEventId = startedEventId;
    wft.startedTime = now;
    wft.deadline = now + run.taskTimeoutMs;
    const queries = this.queries.attach(run);
    const messages = this.updates.attach(run, startedEventId);
    this.touch(run);
    return {
      taskToken: encodeToken({ k: 'w', r: run.runId, s: wft.scheduledEventId, a: wft.attempt }),
      workflowExecution: { workflowId: run.workflowId, runId: run.runId },
      workflowType: { name: run.workflowType },
      previousStartedEventId: run.lastCompletedStartedEventId,
      startedEventId,
      attempt: wft.attempt,
      history: { events: wft.transient ? [...run.history, ...wft.transient] : run.history },
      workflowExecutionTaskQueue: { name: run.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
      scheduledTime: timestamp(wft.scheduledTime),
      startedTime: timestamp(now),
      queries,
      messages,
    };
  };

  pollWorkflowTask(req: Msg, onCancel: (c: () => void) => void): Promise<Msg | null> {
    const ns = this.checkNamespace(req.namespace);
    // No sticky queues: a worker's sticky pollers serve its normal queue (tasks carry full history).
    const sticky = req.taskQueue?.kind === 'TASK_QUEUE_KIND_STICKY';
    const tq: string | undefined = sticky ? req.taskQueue?.normalName || req.taskQueue?.name : req.taskQueue?.name;
    if (!tq) throw invalidArgument('TaskQueue is not set on request.');
    const identity: string = req.identity ?? '';
    return this.matching.poll(ns, tq, 'workflow', identity, (ref) => this.dispatchWorkflow(ref, identity), this.longPollMs, onCancel);
  }

  private startedWft(token: Buffer): { run: Run; wft: NonNullable<Run['wft']> } {
    const t = decodeToken(token);
    if (t.k !== 'w') throw invalidArgument('Not a workflow task token.');
    const run = this.runs.get(t.r);
    if (!run || run.status !== 'RUNNING') throw notFound('Workflow task not found.');
    const wft = run.wft;
    if (!wft || wft.startedEventId === undefined || wft.scheduledEventId !== t.s || wft.attempt !== t.a) {
      throw notFound('Workflow task not found.');
    }
    return { run, wft };
  }

  respondWorkflowTaskCompleted(req: Msg): Msg {
    const { run, wft } = this.startedWft(req.taskToken);
    const commands: Msg[] = req.commands ?? [];
    const identity: string = req.identity ?? '';
    this.queries.taskEnded(run, req.queryResults ?? {});

    const unsupported = commands.find((c) => !SUPPORTED_COMMANDS.has(c.commandType));
    if (unsupported) {
      const message = `temporal-dev does not support command ${unsupported.commandType}`;
      this.failWft(run, 'WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND', { message }, identity, false);
      // Retrying would fail the same way forever: end the run so callers see the reason.
      this.terminateRun(run, message, undefined, 'temporal-dev');
      this.touch(run);
      throw new RpcError(12, message);
    }
    // A close decided without the events that arrived meanwhile would lose them: retry the task.
    if (commands.some((c) => CLOSE_COMMANDS.has(c.commandType)) && run.buffered.length > 0) {
      this.failWft(run, 'WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND', { message: 'unhandled events arrived before the close command' }, identity, true, 1);
      this.touch(run);
      return {};
    }

    this.materializeTransient(run);
    const completedId = this.append(
      run,
      event('WORKFLOW_TASK_COMPLETED', {
        scheduledEventId: wft.scheduledEventId,
        startedEventId: wft.startedEventId,
        identity,
        sdkMetadata: req.sdkMetadata,
        meteringMetadata: req.meteringMetadata,
      }),
    );
    run.lastCompletedStartedEventId = wft.startedEventId!;
    run.wft = null;

    const messages = new Map<string, Msg>();
    for (const m of (req.messages ?? []) as Msg[]) messages.set(m.id, m);
    const { after, needWft } = executeCommands(this, run, commands, messages, completedId, identity);
    // Messages not tied to a command (rejections) apply after the commands.
    for (const m of messages.values()) if (run.status === 'RUNNING') this.updates.apply(run, m);
    this.updates.taskEnded(run);

    if (run.status === 'RUNNING') {
      const hadEvents = this.flushBuffered(run);
      for (const f of after) f();
      if (hadEvents || needWft || this.updates.waiting(run) || req.forceCreateNewWorkflowTask) this.scheduleWft(run);
      if (!run.wft) this.queries.sendWaiting(run);
    }
    this.touch(run);
    return {};
  }

  /** Writes a transient attempt's scheduled and started events (it completed, or its failure must show). */
  private materializeTransient(run: Run): void {
    const wft = run.wft;
    if (!wft?.transient) return;
    for (const ev of wft.transient) this.append(run, ev);
    wft.transient = undefined;
  }

  respondWorkflowTaskFailed(req: Msg): Msg {
    const { run } = this.startedWft(req.taskToken);
    this.failWft(run, req.cause ?? 'WORKFLOW_TASK_FAILED_CAUSE_UNSPECIFIED', req.failure, req.identity ?? '', true);
    this.touch(run);
    return {};
  }

  /** Records a failed (or timed-out) task and schedules the next attempt with a growing delay. */
  private failWft(run: Run, cause: string, failure: Msg | undefined, identity: string, retry: boolean, forceAttempt?: number, timeout = false): void {
    const wft = run.wft!;
    // A retried attempt that fails again leaves no trace in history, unless the failure must be seen.
    const silent = wft.transient !== undefined && retry && forceAttempt === undefined;
    if (!silent) {
      this.materializeTransient(run);
      const ids = { scheduledEventId: wft.scheduledEventId, startedEventId: wft.startedEventId };
      if (timeout) this.append(run, event('WORKFLOW_TASK_TIMED_OUT', { ...ids, timeoutType: 'TIMEOUT_TYPE_START_TO_CLOSE' }));
      else this.append(run, event('WORKFLOW_TASK_FAILED', { ...ids, cause, failure, identity }));
    }
    const attempt = forceAttempt ?? wft.attempt + 1;
    run.wft = null;
    this.queries.taskEnded(run);
    this.updates.taskEnded(run);
    this.flushBuffered(run);
    if (retry) this.scheduleWft(run, attempt, attempt <= 2 ? 0 : Math.min(1000 * 2 ** (attempt - 3), 10_000));
  }

  // ---------------------------------------------------------------- starting runs

  startWorkflowExecution(req: Msg, signal?: StartParams['signal'], parent?: StartParams['parent']): { runId: string; started: boolean } {
    return this.lifecycle.start(req, signal, parent);
  }

  setCurrent(run: Run): void {
    this.current.set(this.key(run.namespace, run.workflowId), run.runId);
  }

  currentRun(ns: string, workflowId: string): Run | undefined {
    const id = this.current.get(this.key(ns, workflowId));
    return id ? this.runs.get(id) : undefined;
  }

  // ---------------------------------------------------------------- signals, cancel, terminate

  deliverSignal(run: Run, s: NonNullable<StartParams['signal']> & { external?: Msg }, schedule = true): void {
    if (s.requestId) {
      if (run.signalRequestIds.includes(s.requestId)) return;
      run.signalRequestIds.push(s.requestId);
      if (run.signalRequestIds.length > 100) run.signalRequestIds.shift();
    }
    this.addEvent(run, 'WORKFLOW_EXECUTION_SIGNALED', {
      signalName: s.name,
      input: s.input,
      identity: s.identity,
      header: s.header,
      requestId: s.requestId,
      externalWorkflowExecution: s.external,
    });
    if (schedule) this.scheduleWft(run);
  }

  signal(req: Msg): Msg {
    const ns = this.checkNamespace(req.namespace);
    if (!req.signalName) throw invalidArgument('SignalName is not set on request.');
    const run = this.runningRun(ns, req.workflowExecution);
    this.deliverSignal(run, { name: req.signalName, input: req.input, header: req.header, identity: req.identity, requestId: req.requestId });
    this.touch(run);
    return {};
  }

  requestCancel(req: Msg): Msg {
    const ns = this.checkNamespace(req.namespace);
    const run = this.runningRun(ns, req.workflowExecution);
    this.requestCancelRun(run, req.reason ?? '', req.identity ?? '');
    this.touch(run);
    return {};
  }

  requestCancelRun(run: Run, cause: string, identity: string, external?: { initiatedEventId: number; execution: Msg }): void {
    if (run.cancelRequested) return;
    run.cancelRequested = true;
    this.addEvent(run, 'WORKFLOW_EXECUTION_CANCEL_REQUESTED', {
      cause,
      identity,
      externalInitiatedEventId: external?.initiatedEventId,
      externalWorkflowExecution: external?.execution,
    });
    this.scheduleWft(run);
  }

  terminate(req: Msg): Msg {
    const ns = this.checkNamespace(req.namespace);
    const run = this.runningRun(ns, req.workflowExecution);
    this.terminateRun(run, req.reason ?? '', req.details, req.identity ?? '');
    this.touch(run);
    return {};
  }

  terminateRun(run: Run, reason: string, details: Msg | undefined, identity: string): void {
    if (run.status !== 'RUNNING') return;
    this.lifecycle.closeRun(run, 'TERMINATED', event('WORKFLOW_EXECUTION_TERMINATED', { reason, details, identity }));
  }

  // ---------------------------------------------------------------- deadlines

  private rearm(run: Run): void {
    if (this.closed) return;
    armDeadline(run, nextDeadline(run), () => {
      try {
        this.fireDeadlines(run);
      } catch (e) {
        // A bug here must not take the whole server down: log it and keep serving.
        this.log(`temporal-dev: deadline handling failed for run ${run.runId}: ${(e as Error).stack ?? String(e)}`);
      }
    });
  }

  private fireDeadlines(run: Run): void {
    if (run.status !== 'RUNNING' || this.closed) return;
    const now = Date.now();
    if (run.executionDeadline && run.executionDeadline <= now) {
      this.lifecycle.closeRun(run, 'TIMED_OUT', event('WORKFLOW_EXECUTION_TIMED_OUT', { retryState: 'RETRY_STATE_TIMEOUT' }));
      this.touch(run);
      this.commit().catch(() => {});
      return;
    }
    if (run.runDeadline && run.runDeadline <= now) {
      // Only the execution's own deadline is RETRY_STATE_TIMEOUT; a run timeout without a retry
      // policy is RETRY_POLICY_NOT_SET (what the real server writes). A cron run goes on to the next.
      this.lifecycle.closeRunOrNextCron(run, 'TIMED_OUT', event('WORKFLOW_EXECUTION_TIMED_OUT', { retryState: 'RETRY_STATE_RETRY_POLICY_NOT_SET' }));
      this.touch(run);
      this.commit().catch(() => {});
      return;
    }
    const wft = run.wft;
    if (wft?.startedEventId !== undefined && wft.deadline! <= now) {
      this.failWft(run, '', undefined, '', true, undefined, true);
    } else if (wft && wft.startedEventId === undefined && wft.readyAt && wft.readyAt <= now) {
      wft.readyAt = undefined;
      this.matching.offer(run.namespace, run.taskQueue, 'workflow', { kind: 'wft', runId: run.runId });
    }
    for (const t of Object.values(run.timers).sort((x, y) => x.startedEventId - y.startedEventId)) {
      if (t.fireAt > now) continue;
      delete run.timers[t.timerId];
      this.addEvent(run, 'TIMER_FIRED', { timerId: t.timerId, startedEventId: t.startedEventId });
      this.scheduleWft(run);
    }
    this.activities.fireDeadlines(run, now);
    this.touch(run);
    this.commit().catch(() => {});
  }

  // ---------------------------------------------------------------- reads

  async history(req: Msg, isCancelled: () => boolean): Promise<Msg> {
    const ns = this.checkNamespace(req.namespace);
    const run = this.resolveRun(ns, req.execution);
    const closeOnly = req.historyEventFilterType === 'HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT';
    const pageSize: number = req.maximumPageSize > 0 ? req.maximumPageSize : 1000;
    let from = 1;
    if (req.nextPageToken && req.nextPageToken.length > 0) {
      from = Number(Buffer.from(req.nextPageToken).toString('utf8'));
      if (!Number.isInteger(from) || from < 1) throw invalidArgument('Invalid NextPageToken.');
    }
    // Like the real frontend, history long polls answer (empty) well before any client deadline.
    const deadline = Date.now() + Math.min(this.longPollMs, 20_000);
    for (;;) {
      await this.commit();
      const closed = run.status !== 'RUNNING';
      if (closeOnly) {
        if (closed) return { history: { events: [closeEventForWaiters(run.history[run.history.length - 1]!)] } };
      } else {
        const events = run.history.slice(from - 1, from - 1 + pageSize);
        const next = from + events.length;
        if (events.length > 0 || !req.waitNewEvent || closed) {
          const more = next <= run.history.length || (req.waitNewEvent && !closed);
          return { history: { events }, nextPageToken: more ? Buffer.from(String(next)) : undefined };
        }
      }
      if (!req.waitNewEvent || Date.now() >= deadline || isCancelled() || this.closed) {
        return { history: { events: [] }, nextPageToken: Buffer.from(String(closeOnly ? 1 : from)) };
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, Math.max(deadline - Date.now(), 0));
        function done() { clearTimeout(t); run.waiters.delete(done); resolve(); }
        run.waiters.add(done);
      });
    }
  }

  describe(req: Msg): Msg {
    const ns = this.checkNamespace(req.namespace);
    return describeRun(this.resolveRun(ns, req.execution));
  }

  /** `ListWorkflowExecutions` with a simple filter: `Key = 'value'` clauses joined by AND. */
  list(req: Msg): Msg {
    const ns = this.checkNamespace(req.namespace);
    const filter = parseListQuery(req.query ?? '');
    const pageSize: number = req.pageSize > 0 ? req.pageSize : 1000;
    const offset = req.nextPageToken?.length ? Number(Buffer.from(req.nextPageToken).toString('utf8')) : 0;
    const matches = [...this.runs.values()]
      .filter((r) => r.namespace === ns && filter(r))
      .sort((a, b) => b.startTime - a.startTime);
    const page = matches.slice(offset, offset + pageSize);
    return {
      executions: page.map((r) => executionInfo(r)),
      nextPageToken: offset + pageSize < matches.length ? Buffer.from(String(offset + pageSize)) : undefined,
    };
  }

  count(req: Msg): Msg {
    const ns = this.checkNamespace(req.namespace);
    const filter = parseListQuery(req.query ?? '');
    let n = 0;
    for (const r of this.runs.values()) if (r.namespace === ns && filter(r)) n++;
    return { count: n };
  }

  shutdownWorker(identity: string | undefined): void {
    if (identity) this.matching.release(identity);
  }
}


function snapshot(run: Run): RunState {
  const { history: _h, saved: _s, timer: _t, timerAt: _ta, waiters: _w, queries: _q, updateWaiters: _u, ...state } = run;
  return state;
}

/**
 * The close event as a CLOSE_EVENT history poll answers it. A run that closed naming a next run
 * (cron) is answered as WORKFLOW_EXECUTION_CONTINUED_AS_NEW, as the real frontend does, so
 * clients follow the chain (or report WorkflowContinuedAsNewError); the full history keeps the
 * real close event.
 */
function closeEventForWaiters(e: Msg): Msg {
  const attrs = e.workflowExecutionCompletedEventAttributes ?? e.workflowExecutionFailedEventAttributes ?? e.workflowExecutionTimedOutEventAttributes;
  if (!attrs?.newExecutionRunId) return e;
  return {
    eventId: e.eventId,
    eventTime: e.eventTime,
    eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
    taskId: e.taskId,
    workflowExecutionContinuedAsNewEventAttributes: {
      newExecutionRunId: attrs.newExecutionRunId,
      lastCompletionResult: attrs.result,
      failure: attrs.failure,
    },
  };
}
