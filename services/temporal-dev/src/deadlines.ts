import type { RunState } from './model';

/** The earliest moment something is due on a run (timer, timeout, retry, backoff); undefined if none. */
export function nextDeadline(run: RunState): number | undefined {
  if (run.status !== 'RUNNING') return undefined;
  let min = Infinity;
  const consider = (t: number | undefined) => {
    if (t !== undefined && t < min) min = t;
  };
  consider(run.runDeadline);
  consider(run.executionDeadline);
  if (run.wft) consider(run.wft.startedEventId !== undefined ? run.wft.deadline : run.wft.readyAt);
  for (const t of Object.values(run.timers)) consider(t.fireAt);
  for (const a of Object.values(run.activities)) {
    if (a.scheduleToCloseMs > 0) consider(a.firstScheduledTime + a.scheduleToCloseMs);
    if (a.state === 'scheduled' && a.scheduleToStartMs > 0) consider(a.attemptScheduledTime + a.scheduleToStartMs);
    if (a.state === 'backoff') consider(a.readyAt);
    if (a.state === 'started') {
      if (a.startToCloseMs > 0) consider(a.startedTime! + a.startToCloseMs);
      if (a.heartbeatMs > 0) consider((a.lastHeartbeatTime ?? a.startedTime!) + a.heartbeatMs);
    }
  }
  return min === Infinity ? undefined : min;
}
