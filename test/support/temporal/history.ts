import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';

/** The run's event types without the EVENT_TYPE_ prefix, in order. */
export async function eventTypes(handle: WorkflowHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).map((e) => proto.temporal.api.enums.v1.EventType[e.eventType!]!.replace(/^EVENT_TYPE_/, ''));
}

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
