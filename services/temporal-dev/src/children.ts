import { RpcError } from './errors';
import type { RunStatus } from './model';
import type { Msg } from './proto';
import type { Run, RunOps } from './run';
import { attrKey, event } from './history';

/** What child and external-workflow handling needs beyond RunOps: starting, signalling, ending runs. */
export interface WorkflowOps extends RunOps {
  startWorkflowExecution(req: Msg, signal?: undefined, parent?: Run['parent']): { runId: string; started: boolean };
  currentRun(ns: string, workflowId: string): Run | undefined;
  deliverSignal(run: Run, s: { name: string; input?: Msg; header?: Msg; external?: Msg }): void;
  requestCancelRun(run: Run, cause: string, identity: string, external?: { initiatedEventId: number; execution: Msg }): void;
  terminateRun(run: Run, reason: string, details: Msg | undefined, identity: string): void;
}

/**
 * Child workflows (start, result, parent-close policy) and the signals / cancel requests a run
 * sends to other runs. Initiated events are written with the task's commands; the effect on the
 * other run follows once the task's own events are written.
 */
export class Children {
  constructor(private readonly k: WorkflowOps) {}

  /** A child run closed: its parent hears how. */
  notifyParent(run: Run, status: RunStatus, closeEvent: Msg): void {
    if (!run.parent) return;
    const parent = this.k.runs.get(run.parent.runId);
    if (!parent || parent.status !== 'RUNNING') return;
    const child = parent.children[run.parent.initiatedEventId];
    if (!child) return;
    delete parent.children[run.parent.initiatedEventId];
    const attrs = closeEvent[attrKey(closeEvent.eventType)] ?? {};
    const common = {
      namespace: run.namespace,
      workflowExecution: { workflowId: run.workflowId, runId: child.runId ?? run.runId },
      workflowType: { name: run.workflowType },
      initiatedEventId: child.initiatedEventId,
      startedEventId: child.startedEventId,
    };
    switch (status) {
      case 'COMPLETED':
        this.k.addEvent(parent, 'CHILD_WORKFLOW_EXECUTION_COMPLETED', { ...common, result: attrs.result });
        break;
      case 'FAILED':
        this.k.addEvent(parent, 'CHILD_WORKFLOW_EXECUTION_FAILED', { ...common, failure: attrs.failure, retryState: attrs.retryState });
        break;
      case 'CANCELED':
        this.k.addEvent(parent, 'CHILD_WORKFLOW_EXECUTION_CANCELED', { ...common, details: attrs.details });
        break;
      case 'TERMINATED':
        this.k.addEvent(parent, 'CHILD_WORKFLOW_EXECUTION_TERMINATED', common);
        break;
      case 'TIMED_OUT':
        this.k.addEvent(parent, 'CHILD_WORKFLOW_EXECUTION_TIMED_OUT', { ...common, retryState: 'RETRY_STATE_TIMEOUT' });
        break;
    }
    this.k.scheduleWft(parent);
    this.k.touch(parent);
  }

  /** A parent run closed: its running children are terminated, cancelled or left, per their policy. */
  applyParentClosePolicy(run: Run): void {
    for (const child of Object.values(run.children)) {
      if (!child.runId) continue;
      const c = this.k.currentRun(child.namespace, child.workflowId);
      if (!c || c.status !== 'RUNNING' || c.parent?.runId !== run.runId) continue;
      if (child.parentClosePolicy === 'PARENT_CLOSE_POLICY_ABANDON') continue;
      if (child.parentClosePolicy === 'PARENT_CLOSE_POLICY_REQUEST_CANCEL') this.k.requestCancelRun(c, 'parent closed', 'temporal-dev');
      else this.k.terminateRun(c, 'by parent close policy', undefined, 'temporal-dev');
      this.k.touch(c);
    }
    run.children = {};
  }

  /** StartChildWorkflowExecution: the initiated event now; the start itself after the task's events. */
  initiateChild(run: Run, a: Msg, completedId: number): () => void {
    const ns = run.namespace;
    const workflowType: string = a.workflowType?.name ?? '';
    const parentClosePolicy: string = !a.parentClosePolicy || a.parentClosePolicy === 'PARENT_CLOSE_POLICY_UNSPECIFIED' ? 'PARENT_CLOSE_POLICY_TERMINATE' : a.parentClosePolicy;
    const initiatedEventId = this.k.append(run, event('START_CHILD_WORKFLOW_EXECUTION_INITIATED', {
      namespace: ns,
      workflowId: a.workflowId,
      workflowType: a.workflowType,
      taskQueue: a.taskQueue,
      input: a.input,
      workflowExecutionTimeout: a.workflowExecutionTimeout,
      workflowRunTimeout: a.workflowRunTimeout,
      workflowTaskTimeout: a.workflowTaskTimeout,
      parentClosePolicy,
      control: a.control,
      workflowTaskCompletedEventId: completedId,
      workflowIdReusePolicy: a.workflowIdReusePolicy,
      retryPolicy: a.retryPolicy,
      cronSchedule: a.cronSchedule,
      header: a.header,
      memo: a.memo,
      searchAttributes: a.searchAttributes,
    }));
    run.children[initiatedEventId] = { initiatedEventId, namespace: ns, workflowId: a.workflowId, workflowType, parentClosePolicy };
    return () => {
      const child = run.children[initiatedEventId]!;
      try {
        const res = this.k.startWorkflowExecution(
          {
            ...a,
            namespace: ns,
            taskQueue: a.taskQueue?.name ? a.taskQueue : { name: run.taskQueue },
            requestId: `${run.runId}/${initiatedEventId}`,
            workflowIdConflictPolicy: 'WORKFLOW_ID_CONFLICT_POLICY_FAIL',
            identity: 'temporal-dev',
          },
          undefined,
          { namespace: ns, workflowId: run.workflowId, runId: run.runId, initiatedEventId },
        );
        child.runId = res.runId;
        child.startedEventId = this.k.addEvent(run, 'CHILD_WORKFLOW_EXECUTION_STARTED', {
          namespace: ns,
          initiatedEventId,
          workflowExecution: { workflowId: a.workflowId, runId: res.runId },
          workflowType: a.workflowType,
          header: a.header,
        });
      } catch (e) {
        delete run.children[initiatedEventId];
        this.k.addEvent(run, 'START_CHILD_WORKFLOW_EXECUTION_FAILED', {
          namespace: ns,
          workflowId: a.workflowId,
          workflowType: a.workflowType,
          cause: e instanceof RpcError && e.code === 6 ? 'START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS' : 'START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_UNSPECIFIED',
          initiatedEventId,
          workflowTaskCompletedEventId: completedId,
        });
      }
      this.k.scheduleWft(run);
    };
  }

  private findTarget(ns: string, execution: Msg): Run | undefined {
    const runId: string | undefined = execution.runId || undefined;
    const run = runId ? this.k.runs.get(runId) : this.k.currentRun(ns, execution.workflowId);
    if (!run || run.workflowId !== execution.workflowId || run.namespace !== ns || run.status !== 'RUNNING') return undefined;
    return run;
  }

  initiateSignalExternal(run: Run, a: Msg, completedId: number): () => void {
    const ns = run.namespace;
    const initiatedEventId = this.k.append(run, event('SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED', {
      workflowTaskCompletedEventId: completedId,
      namespace: ns,
      workflowExecution: a.execution,
      signalName: a.signalName,
      input: a.input,
      control: a.control,
      childWorkflowOnly: a.childWorkflowOnly,
      header: a.header,
    }));
    return () => {
      const target = this.findTarget(ns, a.execution ?? {});
      if (target) {
        this.k.deliverSignal(target, { name: a.signalName, input: a.input, header: a.header, external: { workflowId: run.workflowId, runId: run.runId } });
        if (target !== run) this.k.touch(target);
        this.k.addEvent(run, 'EXTERNAL_WORKFLOW_EXECUTION_SIGNALED', { initiatedEventId, namespace: ns, workflowExecution: a.execution, control: a.control });
      } else {
        this.k.addEvent(run, 'SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED', {
          cause: 'SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND',
          workflowTaskCompletedEventId: completedId,
          namespace: ns,
          workflowExecution: a.execution,
          initiatedEventId,
          control: a.control,
        });
      }
      this.k.scheduleWft(run);
    };
  }

  initiateCancelExternal(run: Run, a: Msg, completedId: number): () => void {
    const ns = run.namespace;
    const execution = { workflowId: a.workflowId, runId: a.runId };
    const initiatedEventId = this.k.append(run, event('REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED', {
      workflowTaskCompletedEventId: completedId,
      namespace: ns,
      workflowExecution: execution,
      control: a.control,
      childWorkflowOnly: a.childWorkflowOnly,
      reason: a.reason,
    }));
    return () => {
      const target = this.findTarget(ns, execution);
      if (target) {
        this.k.requestCancelRun(target, a.reason ?? '', 'temporal-dev', { initiatedEventId, execution: { workflowId: run.workflowId, runId: run.runId } });
        if (target !== run) this.k.touch(target);
        this.k.addEvent(run, 'EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED', { initiatedEventId, namespace: ns, workflowExecution: execution });
      } else {
        this.k.addEvent(run, 'REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED', {
          cause: 'CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND',
          workflowTaskCompletedEventId: completedId,
          namespace: ns,
          workflowExecution: execution,
          initiatedEventId,
          control: a.control,
        });
      }
      this.k.scheduleWft(run);
    };
  }

  // ---------------------------------------------------------------- activities
}
