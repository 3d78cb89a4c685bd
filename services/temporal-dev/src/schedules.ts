import { randomUUID } from 'node:crypto';
import { status as grpcStatus } from '@grpc/grpc-js';
import { armDeadline, type DeadlineHolder } from './deadlines';
import { invalidArgument, notFound, RpcError } from './errors';
import { attrKey } from './history';
import type { RunState } from './model';
import { duration, durationMs, timestamp, timestampMs, type Msg } from './proto';
import type { Run } from './run';
import { cleanSpec, compileSpec, CompiledSpec, SpecError } from './schedule-spec';

/**
 * Schedules, with the real server's scheduler semantics (its scheduler workflow, run here as
 * plain state): action times from the spec, catchup window, overlap policies with a buffer,
 * pause / notes, limited actions, trigger-immediately and backfill, pause-on-failure, and the
 * started workflows' id `<workflowId>-<nominal time RFC 3339>` with the search attributes
 * TemporalScheduledStartTime / TemporalScheduledById. One deadline timer per schedule.
 */

const OVERLAP = 'SCHEDULE_OVERLAP_POLICY_';
const SKIP = `${OVERLAP}SKIP`;
const ALLOW_ALL = `${OVERLAP}ALLOW_ALL`;
const DEFAULT_CATCHUP_MS = 365 * 24 * 3600_000;
const MIN_CATCHUP_MS = 10_000;
const RECENT_ACTIONS = 10;
const FUTURE_ACTIONS = 10;
const LIST_RECENT = 5;
const LIST_FUTURE = 5;
const MAX_BUFFER = 1000;
const MAX_MATCHING_TIMES = 1000;

interface BufferedStart {
  nominal: number;
  actual: number;
  /** Unspecified = the schedule's policy at the time it is started. */
  overlap: string;
  manual: boolean;
}

interface ActionResult {
  scheduleTime: number;
  actualTime: number;
  workflowId: string;
  runId: string;
  status: string;
}

/** One schedule's persisted state. */
export interface ScheduleRecord {
  namespace: string;
  scheduleId: string;
  /** temporal.api.schedule.v1.Schedule with the spec in canonical form. */
  schedule: Msg;
  memo?: Msg;
  searchAttributes?: Msg;
  requestId: string;
  createTime: number;
  updateTime?: number;
  conflictToken: number;
  actionCount: number;
  missedCatchupWindow: number;
  overlapSkipped: number;
  bufferDropped: number;
  /** Non-overlapping runs the schedule started that are still open (workflow id, first run id). */
  running: { workflowId: string; runId: string }[];
  recent: ActionResult[];
  /** Action times up to here have been handled. */
  lastProcessedTime: number;
  buffer: BufferedStart[];
  lastCompletionResult?: Msg;
  continuedFailure?: Msg;
}

/** What schedules use of the engine. */
export interface ScheduleHost {
  readonly runs: Map<string, Run>;
  readonly closed: boolean;
  checkNamespace(ns: string | undefined): string;
  startWorkflowExecution(req: Msg): { runId: string; started: boolean };
  currentRun(ns: string, workflowId: string): Run | undefined;
  terminateRun(run: Run, reason: string, details: Msg | undefined, identity: string): void;
  requestCancelRun(run: Run, cause: string, identity: string): void;
  touch(run: Run): void;
  commit(): Promise<void>;
}

interface Live extends DeadlineHolder {
  rec: ScheduleRecord;
  compiled?: CompiledSpec;
  invalidError?: string;
}

const key = (ns: string, id: string) => `${ns}\u0000${id}`;

export class Schedules {
  private all = new Map<string, Live>();
  /** namespace + workflow id of a tracked running workflow -> schedule key. */
  private byWorkflow = new Map<string, string>();
  private dirty = new Set<string>();
  private deleted: { namespace: string; scheduleId: string }[] = [];

  constructor(
    private host: ScheduleHost,
    private durable: boolean,
    private log: (msg: string) => void,
  ) {}

  // ---------------------------------------------------------------- lifecycle & persistence

  /** Loads stored schedules and catches up on what fell due while the server was down. */
  init(records: ScheduleRecord[]): void {
    for (const rec of records) {
      const s = this.live(rec);
      this.all.set(key(rec.namespace, rec.scheduleId), s);
      for (const r of rec.running) this.byWorkflow.set(key(rec.namespace, r.workflowId), key(rec.namespace, rec.scheduleId));
    }
    for (const s of this.all.values()) this.tick(s);
  }

  close(): void {
    for (const s of this.all.values()) armDeadline(s, undefined, () => {});
  }

  hasChanges(): boolean {
    return this.dirty.size > 0 || this.deleted.length > 0;
  }

  /** Changes since the last call, for the engine's next store write. */
  takeChanges(): { upsert: ScheduleRecord[]; deleted: { namespace: string; scheduleId: string }[] } {
    // Copies taken now: the write must hold the state as of this moment, like the runs beside it.
    const upsert = [...this.dirty].flatMap((k) => {
      const rec = this.all.get(k)?.rec;
      return rec ? [structuredClone(rec)] : [];
    });
    const deleted = this.deleted;
    this.dirty.clear();
    this.deleted = [];
    return { upsert, deleted };
  }

  /** A failed write: keep the changes for the next one. */
  restoreChanges(c: { upsert: ScheduleRecord[]; deleted: { namespace: string; scheduleId: string }[] }): void {
    for (const r of c.upsert) this.dirty.add(key(r.namespace, r.scheduleId));
    this.deleted.push(...c.deleted);
  }

  private live(rec: ScheduleRecord): Live {
    const s: Live = { rec };
    try {
      s.compiled = compileSpec(rec.schedule.spec, seed(rec)).compiled;
    } catch (e) {
      s.invalidError = (e as Error).message;
    }
    return s;
  }

  private changed(s: Live): void {
    if (this.durable) this.dirty.add(key(s.rec.namespace, s.rec.scheduleId));
  }

  /** A run closed: the schedule that tracks it may start what it buffered (after the current RPC). */
  runClosed(run: RunState): void {
    if (run.status === 'CONTINUED_AS_NEW') return;
    const k = this.byWorkflow.get(key(run.namespace, run.workflowId));
    if (!k) return;
    setImmediate(() => {
      const s = this.all.get(k);
      if (!s || this.host.closed) return;
      this.guard(s, () => this.tick(s));
      this.host.commit().catch(() => {});
    });
  }

  private guard(s: Live, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log(`temporal-dev: schedule ${s.rec.scheduleId} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  // ---------------------------------------------------------------- RPCs

  create(req: Msg): Msg {
    const ns = this.host.checkNamespace(req.namespace);
    const scheduleId: string = req.scheduleId ?? '';
    if (!scheduleId) throw invalidArgument('ScheduleId is not set on request.');
    if (!req.requestId) throw invalidArgument('RequestId is not set on request.');
    const existing = this.all.get(key(ns, scheduleId));
    if (existing) {
      if (existing.rec.requestId === req.requestId) return { conflictToken: token(existing.rec.conflictToken) };
      throw new RpcError(grpcStatus.ALREADY_EXISTS, 'schedule with this ID is already registered');
    }
    const schedule = checkSchedule(req.schedule, ns, scheduleId);
    const now = Date.now();
    const rec: ScheduleRecord = {
      namespace: ns,
      scheduleId,
      schedule,
      memo: req.memo,
      searchAttributes: req.searchAttributes,
      requestId: req.requestId,
      createTime: now,
      conflictToken: 1,
      actionCount: 0,
      missedCatchupWindow: 0,
      overlapSkipped: 0,
      bufferDropped: 0,
      running: [],
      recent: [],
      lastProcessedTime: now,
      buffer: [],
    };
    const s = this.live(rec);
    this.all.set(key(ns, scheduleId), s);
    if (req.initialPatch) this.patchState(s, req.initialPatch, now);
    this.tick(s, now);
    this.changed(s);
    return { conflictToken: token(rec.conflictToken) };
  }

  describe(req: Msg): Msg {
    const s = this.get(req);
    this.refresh(s);
    const rec = s.rec;
    return {
      schedule: this.describedSchedule(s),
      info: {
        actionCount: rec.actionCount,
        missedCatchupWindow: rec.missedCatchupWindow,
        overlapSkipped: rec.overlapSkipped,
        bufferDropped: rec.bufferDropped,
        bufferSize: rec.buffer.length,
        runningWorkflows: rec.running.map((r) => ({ workflowId: r.workflowId, runId: r.runId })),
        recentActions: this.recentActions(s, RECENT_ACTIONS),
        futureActionTimes: this.futureTimes(s, FUTURE_ACTIONS).map(timestamp),
        createTime: timestamp(rec.createTime),
        updateTime: rec.updateTime ? timestamp(rec.updateTime) : undefined,
        invalidScheduleError: s.invalidError,
      },
      memo: rec.memo,
      searchAttributes: rec.searchAttributes,
      conflictToken: token(rec.conflictToken),
    };
  }

  update(req: Msg): Msg {
    const s = this.get(req);
    const rec = s.rec;
    const schedule = checkSchedule(req.schedule, rec.namespace, rec.scheduleId);
    // Like the real server, an update made against an older version is dropped, not refused.
    const expected = tokenValue(req.conflictToken);
    if (expected !== 0 && expected !== rec.conflictToken) return {};
    const now = Date.now();
    this.tick(s, now); // what was due under the old spec happens under it
    rec.schedule = schedule;
    if (req.searchAttributes) rec.searchAttributes = Object.keys(req.searchAttributes.indexedFields ?? {}).length ? req.searchAttributes : undefined;
    if (req.memo) rec.memo = req.memo;
    rec.updateTime = now;
    rec.conflictToken++;
    const fresh = this.live(rec);
    s.compiled = fresh.compiled;
    s.invalidError = fresh.invalidError;
    this.tick(s, now);
    this.changed(s);
    return {};
  }

  patch(req: Msg): Msg {
    const s = this.get(req);
    const now = Date.now();
    this.tick(s, now);
    this.patchState(s, req.patch ?? {}, now);
    this.tick(s, now);
    this.changed(s);
    return {};
  }

  delete(req: Msg): Msg {
    const s = this.get(req);
    const k = key(s.rec.namespace, s.rec.scheduleId);
    armDeadline(s, undefined, () => {});
    this.all.delete(k);
    for (const r of s.rec.running) this.byWorkflow.delete(key(s.rec.namespace, r.workflowId));
    this.dirty.delete(k);
    if (this.durable) this.deleted.push({ namespace: s.rec.namespace, scheduleId: s.rec.scheduleId });
    return {};
  }

  list(req: Msg): Msg {
    const ns = this.host.checkNamespace(req.namespace);
    if (req.query && String(req.query).trim() !== '') {
      throw invalidArgument('temporal-dev does not support a query on ListSchedules; list without one');
    }
    const pageSize: number = req.maximumPageSize > 0 ? req.maximumPageSize : 1000;
    const offset = req.nextPageToken?.length ? Number(Buffer.from(req.nextPageToken).toString('utf8')) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw invalidArgument('Invalid NextPageToken.');
    const matches = [...this.all.values()].filter((s) => s.rec.namespace === ns).sort((a, b) => (a.rec.scheduleId < b.rec.scheduleId ? -1 : 1));
    const page = matches.slice(offset, offset + pageSize);
    return {
      schedules: page.map((s) => {
        this.refresh(s);
        const sched = this.describedSchedule(s);
        return {
          scheduleId: s.rec.scheduleId,
          memo: s.rec.memo,
          searchAttributes: s.rec.searchAttributes,
          info: {
            spec: sched.spec,
            workflowType: sched.action?.startWorkflow?.workflowType,
            notes: sched.state?.notes,
            paused: sched.state?.paused,
            recentActions: this.recentActions(s, LIST_RECENT),
            futureActionTimes: this.futureTimes(s, LIST_FUTURE).map(timestamp),
          },
        };
      }),
      nextPageToken: offset + pageSize < matches.length ? Buffer.from(String(offset + pageSize)) : undefined,
    };
  }

  matchingTimes(req: Msg): Msg {
    const s = this.get(req);
    if (!req.startTime || !req.endTime) throw invalidArgument('missing or invalid query');
    if (!s.compiled) throw invalidArgument(`invalid schedule: ${s.invalidError}`);
    const end = timestampMs(req.endTime);
    const out: Msg[] = [];
    let t = timestampMs(req.startTime);
    for (let i = 0; i < MAX_MATCHING_TIMES; i++) {
      const n = s.compiled.next(t);
      if (!n || n.next > end) break;
      out.push(timestamp(n.next));
      t = n.next;
    }
    return { startTime: out };
  }

  private get(req: Msg): Live {
    const ns = this.host.checkNamespace(req.namespace);
    if (!req.scheduleId) throw invalidArgument('ScheduleId is not set on request.');
    const s = this.all.get(key(ns, req.scheduleId));
    if (!s) throw notFound('schedule not found');
    return s;
  }

  private describedSchedule(s: Live): Msg {
    const sc = s.rec.schedule;
    const state: Msg = sc.state ?? {};
    return {
      spec: cleanSpec(sc.spec ?? {}),
      action: sc.action,
      policies: {
        ...sc.policies,
        overlapPolicy: resolveOverlap(s, undefined),
        catchupWindow: duration(catchupMs(s)),
      },
      state: {
        notes: state.notes || undefined,
        paused: state.paused || undefined,
        limitedActions: state.limitedActions || undefined,
        remainingActions: state.limitedActions ? state.remainingActions || undefined : undefined,
      },
    };
  }

  private recentActions(s: Live, n: number): Msg[] {
    return s.rec.recent.slice(-n).map((a) => {
      // Untracked (allow-all) runs too: their status is read from the run itself.
      const run = this.host.currentRun(s.rec.namespace, a.workflowId);
      const status = run && run.firstExecutionRunId === a.runId && run.status !== 'CONTINUED_AS_NEW' ? `WORKFLOW_EXECUTION_STATUS_${run.status}` : a.status;
      return {
        scheduleTime: timestamp(a.scheduleTime),
        actualTime: timestamp(a.actualTime),
        startWorkflowResult: { workflowId: a.workflowId, runId: a.runId },
        startWorkflowStatus: status,
      };
    });
  }

  /** The next action times after the last processed one (at most the remaining actions). */
  private futureTimes(s: Live, n: number): number[] {
    if (!s.compiled) return [];
    const state = s.rec.schedule.state ?? {};
    if (state.limitedActions) n = Math.min(n, Number(state.remainingActions ?? 0));
    const out: number[] = [];
    let t = s.rec.lastProcessedTime;
    while (out.length < n) {
      const next = s.compiled.next(t);
      if (!next) break;
      t = next.next;
      if (s.rec.updateTime && s.rec.updateTime > t) continue;
      out.push(t);
    }
    return out;
  }

  // ---------------------------------------------------------------- the scheduler

  private patchState(s: Live, patch: Msg, now: number): void {
    const state: Msg = (s.rec.schedule.state ??= {});
    if (patch.triggerImmediately) {
      const at = patch.triggerImmediately.scheduledTime ? timestampMs(patch.triggerImmediately.scheduledTime) : now;
      this.addStart(s, at, at, patch.triggerImmediately.overlapPolicy, true);
    }
    for (const b of (patch.backfillRequest ?? []) as Msg[]) {
      // Start time inclusive, end time inclusive (as the real server does).
      this.processRange(s, timestampMs(b.startTime) - 1, timestampMs(b.endTime), b.overlapPolicy, true);
    }
    if (patch.pause) {
      state.paused = true;
      state.notes = patch.pause;
      s.rec.conflictToken++;
    }
    if (patch.unpause) {
      state.paused = false;
      state.notes = patch.unpause;
      s.rec.conflictToken++;
    }
  }

  /** Handles everything due up to `now`, starts what may start, and sets the next wake-up. */
  private tick(s: Live, now = Date.now()): void {
    if (!this.all.has(key(s.rec.namespace, s.rec.scheduleId))) return;
    this.refresh(s);
    if (now > s.rec.lastProcessedTime) this.processRange(s, s.rec.lastProcessedTime, now, undefined, false);
    for (let i = 0; i < 10 && this.processBuffer(s); i++);
    this.changed(s);
    const next = this.canTake(s, false) && s.compiled ? s.compiled.next(s.rec.lastProcessedTime)?.next : undefined;
    armDeadline(s, next, () => {
      if (this.host.closed) return;
      this.guard(s, () => this.tick(s));
      this.host.commit().catch(() => {});
    });
  }

  private processRange(s: Live, start: number, end: number, overlap: string | undefined, manual: boolean): void {
    if (!s.compiled) return;
    if (!manual && !this.canTake(s, false)) {
      s.rec.lastProcessedTime = end; // nothing is owed for time spent paused
      return;
    }
    const catchup = catchupMs(s);
    let last = start;
    for (let n = s.compiled.next(start); n && n.next <= end; n = s.compiled.next(n.next)) {
      last = n.next;
      if (!manual && s.rec.updateTime && s.rec.updateTime > n.next) continue; // before the last update
      if (!manual && end - n.next > catchup) {
        s.rec.missedCatchupWindow++;
        continue;
      }
      if (!this.addStart(s, n.nominal, n.next, overlap, manual)) break;
    }
    if (!manual) s.rec.lastProcessedTime = last;
  }

  private addStart(s: Live, nominal: number, actual: number, overlap: string | undefined, manual: boolean): boolean {
    if (s.rec.buffer.length >= MAX_BUFFER) {
      s.rec.bufferDropped++;
      return false;
    }
    s.rec.buffer.push({ nominal, actual, overlap: overlap ?? `${OVERLAP}UNSPECIFIED`, manual });
    return true;
  }

  private canTake(s: Live, decrement: boolean, manual = false): boolean {
    if (manual) return true;
    const state: Msg = s.rec.schedule.state ?? {};
    if (state.paused) return false;
    if (!state.limitedActions) return true;
    if (Number(state.remainingActions ?? 0) > 0) {
      if (decrement) {
        state.remainingActions = Number(state.remainingActions) - 1;
        s.rec.conflictToken++;
      }
      return true;
    }
    return false;
  }

  /** Applies the overlap policies to the buffer; true if it should run again right away. */
  private processBuffer(s: Live): boolean {
    const rec = s.rec;
    const action: Msg | undefined = rec.schedule.action?.startWorkflow;
    if (!action || rec.buffer.length === 0) {
      rec.buffer = [];
      return false;
    }
    const isRunning = rec.running.length > 0;
    const overlapping: BufferedStart[] = [];
    let single: BufferedStart | undefined;
    const keep: BufferedStart[] = [];
    let needCancel = false, needTerminate = false;
    for (const start of rec.buffer) {
      const policy = resolveOverlap(s, start.overlap);
      if (policy === ALLOW_ALL) {
        overlapping.push(start);
        continue;
      }
      if (!isRunning && !single) {
        single = start;
        continue;
      }
      switch (policy) {
        case `${OVERLAP}BUFFER_ONE`:
          if (keep.length === 0) keep.push(start);
          else rec.overlapSkipped++;
          break;
        case `${OVERLAP}BUFFER_ALL`:
          keep.push(start);
          break;
        case `${OVERLAP}CANCEL_OTHER`:
        case `${OVERLAP}TERMINATE_OTHER`:
          if (isRunning) {
            if (policy === `${OVERLAP}CANCEL_OTHER`) needCancel = true;
            else needTerminate = true;
            keep.push(start);
          } else {
            single = start;
          }
          break;
        default:
          rec.overlapSkipped++;
      }
    }
    rec.buffer = keep;
    // Starting more while the running one is being cancelled or terminated would only see them go too.
    const starts = needCancel || needTerminate ? [] : overlapping;
    if (single) starts.push(single);
    for (const start of starts) {
      if (!this.canTake(s, true, start.manual)) continue;
      this.startWorkflow(s, start, action, start === single);
    }
    const identity = `temporal-scheduler-${rec.namespace}-${rec.scheduleId}`;
    if (needTerminate || needCancel) {
      for (const r of rec.running) {
        const run = this.host.currentRun(rec.namespace, r.workflowId);
        if (!run || run.status !== 'RUNNING') continue;
        if (needTerminate) this.host.terminateRun(run, 'terminated by schedule overlap policy', undefined, identity);
        else this.host.requestCancelRun(run, 'cancelled by schedule overlap policy', identity);
        this.host.touch(run);
      }
    }
    // A terminated run is closed at once here: start the buffered one in the same pass.
    if (needTerminate) {
      this.refresh(s);
      return rec.running.length === 0 && rec.buffer.length > 0;
    }
    return false;
  }

  private startWorkflow(s: Live, start: BufferedStart, action: Msg, track: boolean): void {
    const rec = s.rec;
    const nominalSec = Math.floor(start.nominal / 1000) * 1000;
    const workflowId = `${action.workflowId}-${new Date(nominalSec).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
    const allowAll = resolveOverlap(s, start.overlap) === ALLOW_ALL;
    let result: { runId: string };
    try {
      result = this.host.startWorkflowExecution({
        namespace: rec.namespace,
        workflowId,
        workflowType: action.workflowType,
        taskQueue: action.taskQueue,
        input: action.input,
        workflowExecutionTimeout: action.workflowExecutionTimeout,
        workflowRunTimeout: action.workflowRunTimeout,
        workflowTaskTimeout: action.workflowTaskTimeout,
        identity: `temporal-scheduler-${rec.namespace}-${rec.scheduleId}`,
        requestId: randomUUID(),
        // Scheduled starts never repeat an id; manual ones may.
        workflowIdReusePolicy: start.manual ? 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE' : 'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE',
        retryPolicy: action.retryPolicy,
        memo: action.memo,
        searchAttributes: {
          indexedFields: {
            ...action.searchAttributes?.indexedFields,
            TemporalScheduledStartTime: jsonPayload(new Date(nominalSec).toISOString().replace(/\.\d{3}Z$/, 'Z'), 'Datetime'),
            TemporalScheduledById: jsonPayload(rec.scheduleId, 'Keyword'),
          },
        },
        header: action.header,
        lastCompletionResult: allowAll ? undefined : rec.lastCompletionResult,
        continuedFailure: allowAll ? undefined : rec.continuedFailure,
      });
    } catch (e) {
      this.log(`temporal-dev: schedule ${rec.scheduleId} could not start ${workflowId}: ${(e as Error).message}`);
      return;
    }
    const run = this.host.runs.get(result.runId);
    rec.actionCount++;
    rec.recent.push({
      scheduleTime: start.actual,
      actualTime: run?.startTime ?? Date.now(),
      workflowId,
      runId: result.runId,
      status: 'WORKFLOW_EXECUTION_STATUS_RUNNING',
    });
    if (rec.recent.length > RECENT_ACTIONS) rec.recent.splice(0, rec.recent.length - RECENT_ACTIONS);
    // Allow-all runs are not tracked: they never hold back another start.
    if (track) {
      rec.running.push({ workflowId, runId: result.runId });
      this.byWorkflow.set(key(rec.namespace, workflowId), key(rec.namespace, rec.scheduleId));
    }
  }

  /** Drops tracked runs that closed; records their result and applies pause-on-failure. */
  private refresh(s: Live): void {
    const rec = s.rec;
    const still: { workflowId: string; runId: string }[] = [];
    for (const r of rec.running) {
      const run = this.host.currentRun(rec.namespace, r.workflowId);
      const ours = run && run.firstExecutionRunId === r.runId;
      if (ours && run.status === 'RUNNING') {
        still.push(r);
        continue;
      }
      this.byWorkflow.delete(key(rec.namespace, r.workflowId));
      this.changed(s);
      if (!ours) continue; // forgotten (retention) or replaced: nothing more to learn
      const status = `WORKFLOW_EXECUTION_STATUS_${run.status}`;
      const recent = rec.recent.find((a) => a.workflowId === r.workflowId);
      if (recent) recent.status = status;
      const close = run.history[run.history.length - 1];
      const attrs: Msg = close ? (close[attrKey(close.eventType)] ?? {}) : {};
      if (run.status === 'COMPLETED') {
        rec.lastCompletionResult = attrs.result;
        rec.continuedFailure = undefined;
      } else if (attrs.failure) {
        rec.continuedFailure = attrs.failure;
      }
      const state: Msg = (rec.schedule.state ??= {});
      if (rec.schedule.policies?.pauseOnFailure && !state.paused && (run.status === 'FAILED' || run.status === 'TIMED_OUT')) {
        state.paused = true;
        state.notes = run.status === 'FAILED'
          ? `paused due to workflow failure: ${r.workflowId}: ${attrs.failure?.message ?? ''}`
          : `paused due to workflow timeout: ${r.workflowId}`;
        rec.conflictToken++;
      }
    }
    rec.running = still;
  }
}

// ---------------------------------------------------------------- helpers

function seed(rec: ScheduleRecord): string {
  return `${rec.namespace}-${rec.scheduleId}`;
}

function resolveOverlap(s: Live, policy: string | undefined): string {
  if (policy && policy !== `${OVERLAP}UNSPECIFIED`) return policy;
  const p: string | undefined = s.rec.schedule.policies?.overlapPolicy;
  return p && p !== `${OVERLAP}UNSPECIFIED` ? p : SKIP;
}

function catchupMs(s: Live): number {
  const cw = s.rec.schedule.policies?.catchupWindow;
  if (!cw) return DEFAULT_CATCHUP_MS;
  return Math.max(durationMs(cw), MIN_CATCHUP_MS);
}

/** Validates a Schedule from a request and returns it with its spec in canonical form. */
function checkSchedule(schedule: Msg | undefined, ns: string, scheduleId: string): Msg {
  if (!schedule) throw invalidArgument('Schedule is not set on request.');
  let canonical: Msg;
  try {
    canonical = compileSpec(schedule.spec, `${ns}-${scheduleId}`).canonical;
  } catch (e) {
    if (e instanceof SpecError) throw invalidArgument(`Invalid schedule spec: ${e.message}`);
    throw e;
  }
  const start: Msg | undefined = schedule.action?.startWorkflow;
  if (!start) throw invalidArgument('temporal-dev supports schedules whose action is startWorkflow; the schedule has none.');
  if (!start.workflowId) throw invalidArgument('WorkflowId is not set on the schedule action.');
  if (!start.workflowType?.name) throw invalidArgument('WorkflowType is not set on the schedule action.');
  if (!start.taskQueue?.name) throw invalidArgument('TaskQueue is not set on the schedule action.');
  if (schedule.policies?.catchupWindow && durationMs(schedule.policies.catchupWindow) < 0) throw invalidArgument('Invalid CatchupWindow.');
  const action = { startWorkflow: { ...start, taskQueue: { kind: 'TASK_QUEUE_KIND_NORMAL', ...start.taskQueue } } };
  return { ...schedule, spec: canonical, action, state: { ...schedule.state } };
}

function jsonPayload(value: unknown, type: string): Msg {
  return {
    metadata: { encoding: Buffer.from('json/plain'), type: Buffer.from(type) },
    data: Buffer.from(JSON.stringify(value)),
  };
}

/** The conflict token: the version as a big-endian int64, like the real server's. */
function token(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
}

function tokenValue(b: Uint8Array | undefined): number {
  if (!b || b.length !== 8) return 0;
  return Number(Buffer.from(b).readBigInt64BE(0));
}
