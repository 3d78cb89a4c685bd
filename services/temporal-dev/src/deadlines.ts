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

const MAX_TIMER_MS = 2 ** 31 - 1;

/** What holds one deadline timer (a run, a schedule). */
export interface DeadlineHolder {
  timer?: NodeJS.Timeout;
  timerAt?: number;
}

/**
 * Moves the holder's single timer to `at` (epoch ms; undefined = none). Keeps a timer already set
 * for that moment; `fire` runs once when it is due (a long wait re-arms itself past setTimeout's limit).
 */
export function armDeadline(holder: DeadlineHolder, at: number | undefined, fire: () => void): void {
  if (at === holder.timerAt && holder.timer) return;
  if (holder.timer) clearTimeout(holder.timer);
  holder.timer = undefined;
  holder.timerAt = at;
  if (at === undefined) return;
  const wait = Math.max(at - Date.now(), 0);
  holder.timer = setTimeout(() => {
    holder.timer = undefined;
    holder.timerAt = undefined;
    if (wait > MAX_TIMER_MS) armDeadline(holder, at, fire);
    else fire();
  }, Math.min(wait, MAX_TIMER_MS));
}
