import { describe, expect, it } from 'vitest';
import { addWorkflowStart, claimWorkflowStarts, completeWorkflowStarts, releaseWorkflowStarts } from '../src/repositories/workflow-starts';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();
const t0 = new Date('2026-12-05T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
let n = 0;
const start = () => ({ workflowId: `wf-${++n}`, workflowType: 'interactionWorkflow', args: [{ n }] });

describe('workflow start outbox', () => {
  it('a row born claimed is its writer’s until the lease lapses; another relay then takes it, once', async () => {
    const owned = await addWorkflowStart(ctx.db, start(), { claimedUntil: at(30) });
    const free = await addWorkflowStart(ctx.db, start());
    expect(owned.claimed_until).toEqual(at(30));

    const sweep = (s: number) => claimWorkflowStarts(ctx.db, { now: at(s), leaseMs: 30_000, limit: 100, ids: [owned.id, free.id] });
    expect((await sweep(1)).map((r) => r.id)).toEqual([free.id]);
    expect(await sweep(2)).toEqual([]);
    const lapsed = await sweep(30.5);
    expect(lapsed.map((r) => r.id)).toEqual([owned.id]);
    expect(lapsed[0]!.args).toEqual(owned.args);
    await completeWorkflowStarts(ctx.db, [owned.id, free.id]);
  });

  it('released (its relay stopping), a born-claimed row is taken by the next sweep at once', async () => {
    const owned = await addWorkflowStart(ctx.db, start(), { claimedUntil: at(30) });
    await releaseWorkflowStarts(ctx.db, [owned.id]);
    const taken = await claimWorkflowStarts(ctx.db, { now: at(1), leaseMs: 30_000, limit: 100, ids: [owned.id] });
    expect(taken.map((r) => r.id)).toEqual([owned.id]);
    await completeWorkflowStarts(ctx.db, [owned.id]);
  });
});
