import { randomUUID } from 'node:crypto';
import { fillActivityOptions, retryDecision, retryPolicyProto, timeoutFailure } from './activity-policy';
import { alreadyCompleted, invalidArgument, notFound } from './errors';
import { event, type EventType } from './history';
import type { ActivityState } from './model';
import { duration, timestamp, type Msg } from './proto';
import type { Run, RunOps, TaskRef } from './run';
import { decodeToken, encodeToken } from './tokens';

/**
 * Activity tasks: scheduling with filled defaults, dispatch to pollers, heartbeats (which carry
 * cancellation), completion, retries with backoff and the four timeouts. Only the final attempt
 * is written to history (started + closed), as on the real server.
 */
export class Activities {
  constructor(private readonly k: RunOps) {}

  /** After a restart: queued attempts go back to their task queues. */
  requeue(run: Run): void {
    for (const a of Object.values(run.activities)) if (a.state === 'scheduled') this.offer(run, a);
  }

  /** ScheduleActivityTask command: the scheduled event (timeouts and retry filled) and a queued task. */
  schedule(run: Run, a: Msg, completedId: number): void {
    const o = fillActivityOptions(a, run.runTimeoutMs);
    const taskQueue: string = a.taskQueue?.name || run.taskQueue;
    const scheduledEventId = this.k.append(run, event('ACTIVITY_TASK_SCHEDULED', {
      activityId: a.activityId,
      activityType: a.activityType,
      taskQueue: { name: taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
      header: a.header,
      input: a.input,
      scheduleToCloseTimeout: duration(o.scheduleToCloseMs),
      scheduleToStartTimeout: duration(o.scheduleToStartMs),
      startToCloseTimeout: duration(o.startToCloseMs),
      heartbeatTimeout: duration(o.heartbeatMs),
      workflowTaskCompletedEventId: completedId,
      retryPolicy: retryPolicyProto(o.retry),
    }));
    const now = Date.now();
    const act: ActivityState = {
      scheduledEventId,
      activityId: a.activityId,
      activityType: a.activityType?.name ?? '',
      taskQueue,
      ...o,
      attempt: 1,
      state: 'scheduled',
      firstScheduledTime: now,
      attemptScheduledTime: now,
      cancelRequested: false,
    };
    run.activities[scheduledEventId] = act;
    this.offer(run, act);
  }

  offer(run: Run, act: ActivityState): void {
    this.k.matching.offer(run.namespace, act.taskQueue, 'activity', { kind: 'act', runId: run.runId, scheduledEventId: act.scheduledEventId });
  }

  private dispatch = (ref: TaskRef, identity: string): Msg | null => {
    if (ref.kind !== 'act') return null;
    const run = this.k.runs.get(ref.runId);
    const act = run?.activities[ref.scheduledEventId];
    if (!run || !act || run.status !== 'RUNNING' || act.state !== 'scheduled') return null;
    const now = Date.now();
    act.state = 'started';
    act.startedTime = now;
    act.startedIdentity = identity;
    act.lastHeartbeatTime = undefined;
    this.k.touch(run);
    const scheduled = run.history[act.scheduledEventId - 1]!.activityTaskScheduledEventAttributes;
    return {
      taskToken: encodeToken({ k: 'a', r: run.runId, s: act.scheduledEventId, a: act.attempt }),
      workflowNamespace: run.namespace,
      workflowType: { name: run.workflowType },
      workflowExecution: { workflowId: run.workflowId, runId: run.runId },
      activityType: { name: act.activityType },
      activityId: act.activityId,
      header: scheduled.header,
      input: scheduled.input,
      heartbeatDetails: act.heartbeatDetails,
      scheduledTime: timestamp(act.firstScheduledTime),
      currentAttemptScheduledTime: timestamp(act.attemptScheduledTime),
      startedTime: timestamp(now),
      attempt: act.attempt,
      scheduleToCloseTimeout: duration(act.scheduleToCloseMs),
      startToCloseTimeout: duration(act.startToCloseMs),
      heartbeatTimeout: duration(act.heartbeatMs),
      retryPolicy: scheduled.retryPolicy,
    };
  };

  poll(req: Msg, onCancel: (c: () => void) => void): Promise<Msg | null> {
    const ns = this.k.checkNamespace(req.namespace);
    const tq: string | undefined = req.taskQueue?.name;
    if (!tq) throw invalidArgument('TaskQueue is not set on request.');
    const identity: string = req.identity ?? '';
    return this.k.matching.poll(ns, tq, 'activity', identity, (ref) => this.dispatch(ref, identity), this.k.longPollMs, onCancel);
  }

  private started(token: Buffer | undefined, byId?: Msg): { run: Run; act: ActivityState } {
    let run: Run | undefined;
    let act: ActivityState | undefined;
    if (byId) {
      const ns = this.k.checkNamespace(byId.namespace);
      run = this.k.runningRun(ns, { workflowId: byId.workflowId, runId: byId.runId });
      act = Object.values(run.activities).find((x) => x.activityId === byId.activityId);
      if (!act) throw notFound('Activity task not found.');
      if (act.state !== 'started') this.dispatch({ kind: 'act', runId: run.runId, scheduledEventId: act.scheduledEventId }, byId.identity ?? '');
      return { run, act };
    }
    const t = decodeToken(token);
    if (t.k !== 'a') throw invalidArgument('Not an activity task token.');
    run = this.k.runs.get(t.r);
    if (!run) throw notFound('Activity task not found.');
    if (run.status !== 'RUNNING') throw alreadyCompleted();
    act = run.activities[t.s];
    if (!act || act.attempt !== t.a || act.state !== 'started') throw notFound('Activity task not found.');
    return { run, act };
  }

  heartbeat(req: Msg, byId = false): Msg {
    const { run, act } = this.started(req.taskToken, byId ? req : undefined);
    act.lastHeartbeatTime = Date.now();
    if (req.details) act.heartbeatDetails = req.details;
    this.k.touch(run);
    return { cancelRequested: act.cancelRequested, activityPaused: false, activityReset: false };
  }

  /** Writes the started event of the final attempt and the close event after it. */
  private close(run: Run, act: ActivityState, type: EventType, attrs: Msg, started = true): void {
    delete run.activities[act.scheduledEventId];
    let startedEventId: number | undefined = 0;
    if (started) {
      startedEventId = this.k.addEvent(run, 'ACTIVITY_TASK_STARTED', {
        scheduledEventId: act.scheduledEventId,
        identity: act.startedIdentity,
        requestId: randomUUID(),
        attempt: act.attempt,
        lastFailure: act.lastFailure,
      });
    }
    this.k.addEvent(run, type, { ...attrs, scheduledEventId: act.scheduledEventId, startedEventId: startedEventId ?? -1 });
    this.k.scheduleWft(run);
    this.k.touch(run);
  }

  completed(req: Msg, byId = false): Msg {
    const { run, act } = this.started(req.taskToken, byId ? req : undefined);
    this.close(run, act, 'ACTIVITY_TASK_COMPLETED', { result: req.result, identity: req.identity });
    return {};
  }

  failed(req: Msg, byId = false): Msg {
    const { run, act } = this.started(req.taskToken, byId ? req : undefined);
    if (req.lastHeartbeatDetails) act.heartbeatDetails = req.lastHeartbeatDetails;
    this.attemptFailed(run, act, req.failure ?? { message: 'activity failed' }, req.identity);
    return {};
  }

  canceled(req: Msg, byId = false): Msg {
    const { run, act } = this.started(req.taskToken, byId ? req : undefined);
    this.close(run, act, 'ACTIVITY_TASK_CANCELED', { details: req.details, latestCancelRequestedEventId: act.cancelRequestedEventId, identity: req.identity });
    return {};
  }

  /** Retry with backoff when the policy allows, else record the failure (or timeout). */
  private attemptFailed(run: Run, act: ActivityState, failure: Msg, identity?: string, timeoutType?: string): void {
    const now = Date.now();
    const { retryState, backoffMs: backoff } = retryDecision(act, failure, now, timeoutType);
    if (retryState === 'RETRY_STATE_IN_PROGRESS') {
      act.lastFailure = failure;
      act.attempt += 1;
      act.state = 'backoff';
      act.readyAt = now + backoff;
      act.startedTime = undefined;
      act.lastHeartbeatTime = undefined;
      this.k.touch(run);
      return;
    }
    const started = act.state === 'started';
    if (timeoutType) {
      this.close(run, act, 'ACTIVITY_TASK_TIMED_OUT', { failure, retryState }, started);
    } else {
      this.close(run, act, 'ACTIVITY_TASK_FAILED', { failure, retryState, identity }, started);
    }
  }

  /** True when the cancel took effect at once (not yet started) and the workflow must hear of it. */
  cancel(run: Run, scheduledEventId: number, completedId: number): boolean {
    const act = run.activities[scheduledEventId];
    // Recorded even when the activity already closed (it completed while this workflow task ran),
    // as the real server does: the SDK's activity machine expects the event after its command, and
    // a history without it fails replay ("Activity machine does not handle this event").
    const id = this.k.append(run, event('ACTIVITY_TASK_CANCEL_REQUESTED', { scheduledEventId, workflowTaskCompletedEventId: completedId }));
    if (!act) return false;
    if (act.state === 'started') {
      // Delivered through the next heartbeat's answer; the worker then reports it canceled.
      act.cancelRequested = true;
      act.cancelRequestedEventId = id;
    } else {
      delete run.activities[scheduledEventId];
      this.k.append(run, event('ACTIVITY_TASK_CANCELED', { latestCancelRequestedEventId: id, scheduledEventId, startedEventId: 0 }));
      return true;
    }
    return false;
  }

  /** Activity timeouts and the ends of retry backoffs that are due. */
  fireDeadlines(run: Run, now: number): void {
    for (const a of Object.values(run.activities)) {
      if (a.scheduleToCloseMs > 0 && a.firstScheduledTime + a.scheduleToCloseMs <= now) {
        this.attemptFailed(run, a, timeoutFailure(a, 'TIMEOUT_TYPE_SCHEDULE_TO_CLOSE'), undefined, 'TIMEOUT_TYPE_SCHEDULE_TO_CLOSE');
      } else if (a.state === 'scheduled' && a.scheduleToStartMs > 0 && a.attemptScheduledTime + a.scheduleToStartMs <= now) {
        this.attemptFailed(run, a, timeoutFailure(a, 'TIMEOUT_TYPE_SCHEDULE_TO_START'), undefined, 'TIMEOUT_TYPE_SCHEDULE_TO_START');
      } else if (a.state === 'backoff' && a.readyAt! <= now) {
        a.state = 'scheduled';
        a.readyAt = undefined;
        a.attemptScheduledTime = now;
        this.offer(run, a);
      } else if (a.state === 'started' && a.startToCloseMs > 0 && a.startedTime! + a.startToCloseMs <= now) {
        this.attemptFailed(run, a, timeoutFailure(a, 'TIMEOUT_TYPE_START_TO_CLOSE'), undefined, 'TIMEOUT_TYPE_START_TO_CLOSE');
      } else if (a.state === 'started' && a.heartbeatMs > 0 && (a.lastHeartbeatTime ?? a.startedTime!) + a.heartbeatMs <= now) {
        this.attemptFailed(run, a, timeoutFailure(a, 'TIMEOUT_TYPE_HEARTBEAT'), undefined, 'TIMEOUT_TYPE_HEARTBEAT');
      }
    }
  }
}
