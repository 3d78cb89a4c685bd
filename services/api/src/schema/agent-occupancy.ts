import { startOfLocalDay } from '@cc/core/time-zone';
import { agentOccupancy } from '@cc/db/repositories/occupancy';
import { getUser } from '@cc/db/repositories/users';
import { builder } from '../builder';
import type { Context } from '../context';
import { Agent } from './agents';

/**
 * Occupancy "today": from midnight in the signed-in supervisor's time zone (their console setting,
 * else UTC) until now — the day the person reading the dashboard is looking at.
 */
async function todayWindow(ctx: Context): Promise<{ from: Date; to: Date }> {
  const now = ctx.clock();
  const userId = ctx.principal.kind === 'user' ? ctx.principal.userId : null;
  const user = userId ? await getUser(ctx.db, userId) : undefined;
  return { from: startOfLocalDay(now, user?.time_zone ?? 'UTC'), to: now };
}

builder.objectField(Agent, 'occupancy', (t) =>
  t.loadable({
    type: 'Float',
    nullable: true,
    description:
      'Time handling interactions ÷ (time available + handling), 0–1, since midnight in the viewer’s time zone; null with no such time today.',
    authScopes: { supervisor: true },
    // One window and two queries for the whole agent list.
    load: async (agentIds: string[], ctx: Context) => {
      const figures = await agentOccupancy(ctx.db, agentIds, await todayWindow(ctx));
      return agentIds.map((id) => figures.get(id)?.occupancy ?? null);
    },
    resolve: (a) => a.user_id,
  }),
);
