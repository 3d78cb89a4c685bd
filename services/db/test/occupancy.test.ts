import { describe, expect, it } from 'vitest';
import { createInteraction } from '../src/repositories/interactions';
import { agentOccupancy } from '../src/repositories/occupancy';
import { setPresence } from '../src/repositories/presence';
import { createQueue } from '../src/repositories/queues';
import { makeAgent, makeCustomer } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();
const t0 = new Date('2026-11-23T08:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

/** An interaction handled by `agentId` from `from` to `to` (seconds after t0; null: still open). */
async function handled(agentId: string, queueId: string, from: number, to: number | null): Promise<void> {
  const r = await createInteraction(ctx.db, { customerId: await makeCustomer(ctx.db), queueId, channel: 'whatsapp' }, at(from - 5));
  if (!r.ok) throw new Error(r.reason);
  await ctx.db
    .updateTable('interactions')
    .set({ status: to === null ? 'assigned' : 'closed', assigned_agent_id: agentId, assigned_at: at(from), closed_at: to === null ? null : at(to) })
    .where('id', '=', r.interaction.id)
    .execute();
}

describe('agentOccupancy', () => {
  it('divides handling time by available-or-handling time, counting concurrent work once', async () => {
    const q = await createQueue(ctx.db, { name: 'occupancy', channels: ['whatsapp'] });
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], at: at(0) });
    const idle = await makeAgent(ctx.db, { queueIds: [q.id], status: 'away', at: at(0) });
    // Available 0–1800 and 2400 onwards; away in between.
    await setPresence(ctx.db, { agentId: agent, status: 'away', now: at(1800) });
    await setPresence(ctx.db, { agentId: agent, status: 'available', now: at(2400) });
    await handled(agent, q.id, 600, 1200);
    await handled(agent, q.id, 900, 1500); // concurrent with the first: 600–1500 counts once
    await handled(agent, q.id, 1700, 2000); // runs 200 s into the away stretch
    await handled(agent, q.id, 3300, null); // still open at the window's end
    await handled(agent, q.id, -900, -600); // before the window
    await handled(idle, q.id, 100, 200); // someone else's

    const hour = await agentOccupancy(ctx.db, [agent, idle], { from: at(0), to: at(3600) });
    // Handling 900 + 300 + 300 = 1500 s; staffed = available 3000 s + 200 s handled while away.
    expect(hour.get(agent)).toEqual({ handlingSeconds: 1500, staffedSeconds: 3200, occupancy: 1500 / 3200 });
    // The away agent's only time is the 100 s they handled: fully occupied.
    expect(hour.get(idle)).toEqual({ handlingSeconds: 100, staffedSeconds: 100, occupancy: 1 });

    // A window cuts periods and interactions at its edges: 1000–2000 is all staffed, 800 s handling.
    const slice = await agentOccupancy(ctx.db, [agent], { from: at(1000), to: at(2000) });
    expect(slice.get(agent)).toEqual({ handlingSeconds: 800, staffedSeconds: 1000, occupancy: 0.8 });
  });

  it('is null for an agent with neither available nor handling time in the window', async () => {
    const q = await createQueue(ctx.db, { name: 'occupancy-none', channels: ['whatsapp'] });
    const away = await makeAgent(ctx.db, { queueIds: [q.id], status: 'away', at: at(0) });
    expect((await agentOccupancy(ctx.db, [away], { from: at(0), to: at(3600) })).get(away)).toEqual({ handlingSeconds: 0, staffedSeconds: 0, occupancy: null });
  });

  it('records each presence change as a period closed by the next one', async () => {
    const q = await createQueue(ctx.db, { name: 'occupancy-periods', channels: ['whatsapp'] });
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], at: at(0) });
    await setPresence(ctx.db, { agentId: agent, status: 'available', now: at(10) }); // unchanged: no new period
    await setPresence(ctx.db, { agentId: agent, status: 'busy', now: at(60) });
    const periods = await ctx.db.selectFrom('agent_presence_periods').select(['status', 'started_at', 'ended_at']).where('agent_id', '=', agent).orderBy('id').execute();
    expect(periods).toEqual([
      { status: 'offline', started_at: at(0), ended_at: at(0) },
      { status: 'available', started_at: at(0), ended_at: at(60) },
      { status: 'busy', started_at: at(60), ended_at: null },
    ]);
  });
});
