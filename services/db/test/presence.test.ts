import { describe, expect, it } from 'vitest';
import { setPresence } from '../src/repositories/presence';
import { createQueue } from '../src/repositories/queues';
import { makeAgent } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();
const t0 = new Date('2026-12-05T08:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('setPresence', () => {
  it('a change that read the clock before one that got the lock first takes effect when that one began: no period ends before it starts', async () => {
    const q = await createQueue(ctx.db, { name: 'presence-race', channels: ['whatsapp'] });
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], at: at(0) });
    // B (read at 10 s) committed first; A (read at 9 s) waited for the lock behind it.
    await setPresence(ctx.db, { agentId: agent, status: 'away', now: at(10) });
    const late = await setPresence(ctx.db, { agentId: agent, status: 'offline', now: at(9) });
    expect(late!.presence).toMatchObject({ status: 'offline', since: at(10) });
    const periods = await ctx.db.selectFrom('agent_presence_periods').select(['status', 'started_at', 'ended_at']).where('agent_id', '=', agent).orderBy('id').execute();
    expect(periods.slice(-2)).toEqual([
      { status: 'away', started_at: at(10), ended_at: at(10) },
      { status: 'offline', started_at: at(10), ended_at: null },
    ]);
    // In order, a change takes its own time.
    await setPresence(ctx.db, { agentId: agent, status: 'available', now: at(20) });
    expect((await ctx.db.selectFrom('agent_presence').selectAll().where('agent_id', '=', agent).executeTakeFirstOrThrow()).since).toEqual(at(20));
  });
});
