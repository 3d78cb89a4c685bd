import { CronExpressionParser } from 'cron-parser';
import { invalidArgument } from './errors';

const every = /^@every\s+((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/;
const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("1h30m", "2s") in ms. */
function goDurationMs(text: string): number {
  let ms = 0;
  for (const [, n, u] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(n) * unitMs[u!]!;
  return ms;
}

/**
 * A workflow's cron schedule as the real server reads it (robfig/cron standard: five fields in
 * UTC, @hourly-style descriptors, `@every <duration>`): the next fire time after `after`.
 */
export function parseCronSchedule(expr: string): (after: number) => number {
  const trimmed = expr.trim();
  const e = every.exec(trimmed);
  if (e) {
    const delay = goDurationMs(e[1]!);
    if (delay < 1000) throw invalidArgument('invalid CronSchedule.');
    // robfig's ConstantDelaySchedule: whole seconds, from `after` rounded down to the second.
    const step = Math.floor(delay / 1000) * 1000;
    return (after) => Math.floor(after / 1000) * 1000 + step;
  }
  if (!trimmed.startsWith('@') && trimmed.split(/\s+/).length !== 5) throw invalidArgument('invalid CronSchedule.');
  try {
    CronExpressionParser.parse(trimmed, { tz: 'UTC' });
  } catch {
    throw invalidArgument('invalid CronSchedule.');
  }
  return (after) => CronExpressionParser.parse(trimmed, { currentDate: new Date(after), tz: 'UTC' }).next().getTime();
}

/**
 * How long the next cron run waits once a run closes (Temporal's GetBackoffForNextSchedule): the
 * first fire time after `startedAt` that is not before `closedAt`, rounded up to whole seconds.
 */
export function cronBackoffMs(expr: string, startedAt: number, closedAt: number): number {
  const next = parseCronSchedule(expr);
  let at = next(startedAt);
  while (at < closedAt) at = next(at);
  return Math.ceil((at - closedAt) / 1000) * 1000;
}
