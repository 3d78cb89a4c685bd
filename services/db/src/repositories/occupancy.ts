import type { Db } from '../database';

/** Occupancy figures of one agent over a window (contact-center-metrics.md). */
export interface Occupancy {
  /** Time handling at least one interaction: assigned until closed, wrap-up included. */
  handlingSeconds: number;
  /** Time available or handling (the denominator). */
  staffedSeconds: number;
  /** handling ÷ (available ∪ handling), 0..1; null without any such time. */
  occupancy: number | null;
}

type Interval = [start: number, end: number];

/** Total length of the union of intervals clipped to [from, to]: concurrent chats count once. */
function unionMs(intervals: Interval[], from: number, to: number): number {
  const clipped = intervals
    .map(([s, e]): Interval => [Math.max(s, from), Math.min(e, to)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: Interval | null = null;
  for (const [s, e] of clipped) {
    if (current && s <= current[1]) current[1] = Math.max(current[1], e);
    else {
      if (current) total += current[1] - current[0];
      current = [s, e];
    }
  }
  return current ? total + current[1] - current[0] : total;
}

/**
 * Occupancy per agent over `window`: handling time ÷ (available time ∪ handling time). Available
 * time comes from agent_presence_periods; handling from interactions' assigned_at..closed_at (an
 * interaction still open counts up to `window.to`). Handling done while busy or away still counts,
 * so the figure stays within 0..1.
 */
export async function agentOccupancy(db: Db, agentIds: readonly string[], window: { from: Date; to: Date }): Promise<Map<string, Occupancy>> {
  const result = new Map<string, Occupancy>();
  if (agentIds.length === 0) return result;
  const [periods, handled] = await Promise.all([
    db
      .selectFrom('agent_presence_periods')
      .select(['agent_id', 'started_at', 'ended_at'])
      .where('agent_id', 'in', agentIds)
      .where('status', '=', 'available')
      .where('started_at', '<', window.to)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', window.from)]))
      .execute(),
    db
      .selectFrom('interactions')
      .select(['assigned_agent_id', 'assigned_at', 'closed_at'])
      .where('assigned_agent_id', 'in', agentIds)
      .where('assigned_at', 'is not', null)
      .where('assigned_at', '<', window.to)
      .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>', window.from)]))
      .execute(),
  ]);
  const from = window.from.getTime();
  const to = window.to.getTime();
  for (const agentId of agentIds) {
    const available = periods.filter((p) => p.agent_id === agentId).map((p): Interval => [p.started_at.getTime(), p.ended_at?.getTime() ?? to]);
    const handling = handled
      .filter((i) => i.assigned_agent_id === agentId && i.assigned_at)
      .map((i): Interval => [i.assigned_at!.getTime(), i.closed_at?.getTime() ?? to]);
    const handlingMs = unionMs(handling, from, to);
    const staffedMs = unionMs([...available, ...handling], from, to);
    result.set(agentId, { handlingSeconds: handlingMs / 1000, staffedSeconds: staffedMs / 1000, occupancy: staffedMs > 0 ? handlingMs / staffedMs : null });
  }
  return result;
}
