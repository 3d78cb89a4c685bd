import type { Activities } from '../activities';
import type { Children } from '../children';
import { event } from '../history';
import { camel, durationMs, type Msg } from '../proto';
import type { Run } from '../run';
import type { Updates } from '../updates';
import type { RunLifecycle } from './run-lifecycle';

/** Commands this server executes; anything else fails the workflow task with a clear message. */
export const SUPPORTED_COMMANDS = new Set([
  'COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK',
  'COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK',
  'COMMAND_TYPE_START_TIMER',
  'COMMAND_TYPE_CANCEL_TIMER',
  'COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_RECORD_MARKER',
  'COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
  'COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES',
  'COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_PROTOCOL_MESSAGE',
]);
export const CLOSE_COMMANDS = new Set([
  'COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION',
]);

/** What the command handlers use of the engine. */
export interface CommandOps {
  readonly activities: Activities;
  readonly children: Children;
  readonly updates: Updates;
  readonly lifecycle: RunLifecycle;
  /** Writes an event now; returns its id. */
  append(run: Run, ev: Msg): number;
}

/**
 * Carries out a completed workflow task's commands in order, after its WORKFLOW_TASK_COMPLETED
 * event (completedId); a command that closes the run ends the list. Returns what must wait until
 * the task's own events are written (effects on other runs) and whether a new task is due.
 */
export function executeCommands(
  k: CommandOps,
  run: Run,
  commands: Msg[],
  messages: Map<string, Msg>,
  completedId: number,
  identity: string,
): { after: (() => void)[]; needWft: boolean } {
  const after: (() => void)[] = [];
  let closed = false;
  let needWft = false;
  for (const cmd of commands) {
    if (closed) break;
    const type: string = cmd.commandType;
    const a: Msg = cmd[`${camel(type.replace(/^COMMAND_TYPE_/, ''))}CommandAttributes`] ?? {};
    switch (type) {
      case 'COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK':
        k.activities.schedule(run, a, completedId);
        break;
      case 'COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK':
        if (k.activities.cancel(run, Number(a.scheduledEventId), completedId)) needWft = true;
        break;
      case 'COMMAND_TYPE_START_TIMER': {
        const id = k.append(run, event('TIMER_STARTED', { timerId: a.timerId, startToFireTimeout: a.startToFireTimeout, workflowTaskCompletedEventId: completedId }));
        run.timers[a.timerId] = { timerId: a.timerId, startedEventId: id, fireAt: Date.now() + durationMs(a.startToFireTimeout) };
        break;
      }
      case 'COMMAND_TYPE_CANCEL_TIMER': {
        const t = run.timers[a.timerId];
        if (t) {
          k.append(run, event('TIMER_CANCELED', { timerId: a.timerId, startedEventId: t.startedEventId, workflowTaskCompletedEventId: completedId, identity }));
          delete run.timers[a.timerId];
        }
        break;
      }
      case 'COMMAND_TYPE_RECORD_MARKER':
        k.append(run, event('MARKER_RECORDED', { markerName: a.markerName, details: a.details, header: a.header, failure: a.failure, workflowTaskCompletedEventId: completedId }));
        break;
      case 'COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES':
        k.append(run, event('UPSERT_WORKFLOW_SEARCH_ATTRIBUTES', { searchAttributes: a.searchAttributes, workflowTaskCompletedEventId: completedId }));
        run.searchAttributes = { indexedFields: { ...run.searchAttributes?.indexedFields, ...a.searchAttributes?.indexedFields } };
        break;
      case 'COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES':
        k.append(run, event('WORKFLOW_PROPERTIES_MODIFIED', { upsertedMemo: a.upsertedMemo, workflowTaskCompletedEventId: completedId }));
        run.memo = { fields: { ...run.memo?.fields, ...a.upsertedMemo?.fields } };
        break;
      case 'COMMAND_TYPE_PROTOCOL_MESSAGE': {
        const m = messages.get(a.messageId);
        if (m) {
          messages.delete(a.messageId);
          k.updates.apply(run, m);
        }
        break;
      }
      case 'COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION':
        after.push(k.children.initiateChild(run, a, completedId));
        break;
      case 'COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION':
        after.push(k.children.initiateSignalExternal(run, a, completedId));
        break;
      case 'COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION':
        after.push(k.children.initiateCancelExternal(run, a, completedId));
        break;
      case 'COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION':
        k.lifecycle.closeRunOrNextCron(run, 'COMPLETED', event('WORKFLOW_EXECUTION_COMPLETED', { result: a.result, workflowTaskCompletedEventId: completedId }));
        closed = true;
        break;
      case 'COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION':
        k.lifecycle.closeRunOrNextCron(run, 'FAILED', event('WORKFLOW_EXECUTION_FAILED', { failure: a.failure, retryState: 'RETRY_STATE_RETRY_POLICY_NOT_SET', workflowTaskCompletedEventId: completedId }));
        closed = true;
        break;
      case 'COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION':
        k.lifecycle.closeRun(run, 'CANCELED', event('WORKFLOW_EXECUTION_CANCELED', { details: a.details, workflowTaskCompletedEventId: completedId }));
        closed = true;
        break;
      case 'COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION':
        k.lifecycle.continueAsNew(run, a, completedId);
        closed = true;
        break;
    }
  }
  return { after, needWft };
}
