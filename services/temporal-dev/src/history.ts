import { camel, preciseNow, timestamp, type Msg } from './proto';

/** Event type names without the EVENT_TYPE_ prefix, e.g. 'WORKFLOW_TASK_SCHEDULED'. */
export type EventType = string;

/** A history event without its id (ids are given when it is written to the run's history). */
export function event(type: EventType, attrs: Msg): Msg {
  return {
    eventTime: timestamp(preciseNow()),
    eventType: `EVENT_TYPE_${type}`,
    taskId: 1,
    [`${camel(type)}EventAttributes`]: stripUndefined(attrs),
  };
}

function stripUndefined(o: Msg): Msg {
  const out: Msg = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

export function failureMessage(f: Msg | undefined): string | undefined {
  return f?.message || undefined;
}

/** The attributes field of an event type: 'EVENT_TYPE_TIMER_FIRED' -> 'timerFiredEventAttributes'. */
export function attrKey(eventType: string): string {
  return `${camel(eventType.replace(/^EVENT_TYPE_/, ''))}EventAttributes`;
}
