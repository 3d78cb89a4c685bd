import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { reportFigures, agentTimeFigures } from '@cc/core/report-figures';
import { abandonInteraction, closeInteraction, createInteraction, overflowInteraction, transferInteraction, wrapUpInteraction } from '../src/repositories/interactions';
import { recordInteractionEvent } from '../src/repositories/interaction-events';
import { createQueue } from '../src/repositories/queues';
import { saveDisposition, setInteractionDisposition } from '../src/repositories/dispositions';
import { setPresence } from '../src/repositories/presence';
import {
  rebuildReports,
  reportAgentTime,
  reportDispositions,
  reportImpact,
  reportInteractionIds,
  reportPushLinks,
  reportRows,
  streamOutcomes,
  updateReportSettings,
  type ReportQuery,
} from '../src/repositories/reports';
import type { Channel } from '@cc/core/channels';
import { makeAgent, makeCustomer } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

// Each figure computed by hand from the definitions in contact-center-metrics.md, on histories
// built through the same repository functions the product uses (the triggers do the rest).
const ctx = useAppDatabase();
const T0 = new Date('2026-03-10T09:00:00Z'); // 10:00 in Madrid (CET)
const at = (s: number, base = T0) => new Date(base.getTime() + s * 1000);

async function enqueue(queueId: string, channel: Channel, s: number, customerId?: string, base = T0): Promise<string> {
  const r = await createInteraction(ctx.db, { customerId: customerId ?? (await makeCustomer(ctx.db)), queueId, channel }, at(s, base));
  if (!r.ok) throw new Error(r.reason);
  return r.interaction.id;
}
async function answer(id: string, agentId: string, s: number, base = T0): Promise<void> {
  await ctx.db.updateTable('interactions').set({ status: 'assigned', assigned_agent_id: agentId, assigned_at: at(s, base) }).where('id', '=', id).execute();
}
async function ok<T extends { ok: boolean }>(p: Promise<T>): Promise<Extract<T, { ok: true }>> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
}

function query(over: Partial<ReportQuery> = {}): ReportQuery {
  return { from: new Date('2026-03-09T23:00:00Z'), to: new Date('2026-03-10T23:00:00Z'), timeZone: 'Europe/Madrid', interval: 'day', groupBy: 'queue', queueIds: null, channels: null, agentIds: null, ...over };
}

describe('historical report figures', () => {
  it('computes every queue figure of a hand-built day as the definitions say, incrementally and after a rebuild alike', async () => {
    const b = await createQueue(ctx.db, { name: 'Reports B', channels: ['voice', 'whatsapp'], slaTargetSeconds: 60 });
    const a = await createQueue(ctx.db, { name: 'Reports A', channels: ['voice', 'whatsapp'], slaTargetSeconds: 20, overflow: { queueId: b.id, afterSeconds: 60 } });
    const agent1 = await makeAgent(ctx.db, { queueIds: [a.id, b.id], at: at(-600) });
    const agent2 = await makeAgent(ctx.db, { queueIds: [a.id, b.id], at: at(-600) });
    const sale = await ok(saveDisposition(ctx.db, { queueId: a.id, code: 'SALE', label: 'Sale', active: true }));
    const info = await ok(saveDisposition(ctx.db, { queueId: a.id, code: 'INFO', label: 'Information', active: true }));
    const repeatCustomer = await makeCustomer(ctx.db);

    // i1: answered in 10 s (in SLA), 30 s on hold, wrap-up 30 s, closed; its customer calls back 71 h later (not resolved).
    const i1 = await enqueue(a.id, 'voice', 0, repeatCustomer);
    await answer(i1, agent1, 10);
    await recordInteractionEvent(ctx.db, { interactionId: i1, type: 'call_held', actor: { type: 'user', id: agent1 }, at: at(60) });
    await recordInteractionEvent(ctx.db, { interactionId: i1, type: 'call_resumed', actor: { type: 'user', id: agent1 }, at: at(90) });
    await ok(wrapUpInteraction(ctx.db, { interactionId: i1, agentId: agent1, now: at(130) }));
    await ok(setInteractionDisposition(ctx.db, { interactionId: i1, dispositionId: info.disposition.id, agentId: agent1, now: at(135) }));
    await ok(closeInteraction(ctx.db, { interactionId: i1, actor: { type: 'system', id: null }, now: at(160) }));
    // i2: abandoned after 3 s — a short abandon, counted nowhere else.
    const i2 = await enqueue(a.id, 'voice', 60);
    await ok(abandonInteraction(ctx.db, { interactionId: i2, now: at(63) }));
    // i3: abandoned after 30 s (past T = 20 s); i4 after 10 s (before T: out of the service level).
    const i3 = await enqueue(a.id, 'voice', 120);
    await ok(abandonInteraction(ctx.db, { interactionId: i3, now: at(150) }));
    const i4 = await enqueue(a.id, 'voice', 180);
    await ok(abandonInteraction(ctx.db, { interactionId: i4, now: at(190) }));
    // i5: answered after 30 s (late), transferred to B at 300 s; its second leg i6 waits 10 s there and closes at 400 s.
    const i5 = await enqueue(a.id, 'voice', 240);
    await answer(i5, agent1, 270);
    const moved = await ok(transferInteraction(ctx.db, { interactionId: i5, agentId: agent1, to: { queueId: b.id }, now: at(300) }));
    const i6 = moved.interaction.id;
    await answer(i6, agent2, 310);
    await ok(closeInteraction(ctx.db, { interactionId: i6, actor: { type: 'system', id: null }, now: at(400) }));
    // i9: waits in A, overflows to B at 70 s, answered there at 80 s (its wait counts from its first enqueue), closes at 100 s.
    const i9 = await enqueue(a.id, 'whatsapp', 0);
    await ok(overflowInteraction(ctx.db, { interactionId: i9, now: at(70) }));
    await answer(i9, agent2, 80);
    await ok(closeInteraction(ctx.db, { interactionId: i9, actor: { type: 'system', id: null }, now: at(100) }));
    // Interval boundary: i7 enqueued 1 ms before 09:15 lands in 09:00; i8 at 09:15 in the next.
    const i7 = await enqueue(a.id, 'whatsapp', 15 * 60 - 0.001);
    await answer(i7, agent1, 15 * 60 + 5);
    await ok(setInteractionDisposition(ctx.db, { interactionId: i7, dispositionId: sale.disposition.id, agentId: agent1, now: at(15 * 60 + 6) }));
    await ok(closeInteraction(ctx.db, { interactionId: i7, actor: { type: 'system', id: null }, now: at(15 * 60 + 65) }));
    const i8 = await enqueue(a.id, 'whatsapp', 15 * 60);
    await answer(i8, agent1, 15 * 60 + 25);
    await ok(closeInteraction(ctx.db, { interactionId: i8, actor: { type: 'system', id: null }, now: at(15 * 60 + 45) }));
    // The repeat contact 71 h after i1 ended (another channel): i1 leaves "resolved". One 73 h after i8's end changes nothing.
    await enqueue(b.id, 'whatsapp', 160 + 71 * 3600, repeatCustomer);
    const i8customer = (await ctx.db.selectFrom('interactions').select('customer_id').where('id', '=', i8).executeTakeFirstOrThrow()).customer_id;
    await enqueue(b.id, 'whatsapp', 15 * 60 + 45 + 73 * 3600, i8customer);
    // An interaction still waiting is in no figure yet.
    await enqueue(a.id, 'voice', 500);

    const check = async () => {
      const rows = await reportRows(ctx.db, query());
      const fa = reportFigures(rows.find((r) => r.groupKey === a.id)!.sums);
      expect(rows.find((r) => r.groupKey === a.id)!.intervalStart).toEqual(new Date('2026-03-09T23:00:00Z'));
      // A: i1, i3, i4, i5, i7, i8 offered (i2 short; i9 left by overflow).
      expect(fa).toMatchObject({ offered: 6, answered: 4, abandoned: 2, shortAbandoned: 1, transfers: 1, overflowsOut: 1 });
      expect(fa.abandonRatePercent).toBeCloseTo((2 / 6) * 100);
      // ASA: i1 10, i5 30, i7 5.001, i8 25.
      expect(fa.averageSpeedOfAnswerSeconds).toBeCloseTo((10 + 30 + 5.001 + 25) / 4, 2);
      // In SLA (≤ 20 s): i1, i7 → 2 ÷ (4 answered + i3 abandoned after T).
      expect(fa.serviceLevelPercent).toBeCloseTo((2 / 5) * 100);
      // Waits: 10, 30, 10 (i4), 30 (i3), 5.001, 25.
      expect(fa.averageWaitSeconds).toBeCloseTo((10 + 30 + 10 + 30 + 5.001 + 25) / 6, 2);
      // Handle: i1 90 talk + 30 hold + 30 wrap; i5 30 talk (transferred); i7 59.999; i8 20.
      expect(fa.averageHoldSeconds).toBeCloseTo(30 / 4);
      expect(fa.averageWrapUpSeconds).toBeCloseTo(30 / 4);
      expect(fa.averageHandleSeconds).toBeCloseTo((150 + 30 + 59.999 + 20) / 4, 2);
      // FCR: i1 (repeat within 72 h), i7, i8 eligible — i5 was transferred, not closed.
      expect(fa).toMatchObject({ fcrEligible: 3, fcrResolved: 2 });
      // p90 of six waits [5.001, 10, 10, 25, 30, 30]: rank 5.4 falls in the 30–45 s bucket (2 there, 4 below).
      expect(fa.p90WaitSeconds).toBeCloseTo(30 + ((5.4 - 4) / 2) * 15);

      const fb = reportFigures(rows.find((r) => r.groupKey === b.id)!.sums);
      // B: i6 (transfer in, 10 s) and i9 (overflow, 80 s from its first enqueue; T = 60 s: late).
      expect(fb).toMatchObject({ offered: 2, answered: 2, transfersIn: 1, serviceLevelPercent: 50, fcrEligible: 2, fcrResolved: 2 });
      expect(fb.averageSpeedOfAnswerSeconds).toBeCloseTo(45);

      const quarter = await reportRows(ctx.db, query({ interval: 'fifteen_minutes', queueIds: [a.id], channels: ['whatsapp'] }));
      expect(quarter.map((r) => [r.intervalStart!.toISOString(), r.sums.offered])).toEqual([
        ['2026-03-10T09:00:00.000Z', 1],
        ['2026-03-10T09:15:00.000Z', 1],
      ]);
      const dispositions = await reportDispositions(ctx.db, query({ groupBy: 'none' }));
      expect(dispositions.map((d) => [d.code, d.count])).toEqual([
        ['INFO', 1],
        ['SALE', 1],
      ]);
      // Per agent: agent1 answered i1, i5, i7, i8.
      const perAgent = await reportRows(ctx.db, query({ groupBy: 'agent' }));
      expect(perAgent.map((r) => [r.groupKey, r.sums.answered]).sort()).toEqual([[agent1, 4], [agent2, 2]].sort());
      // Drill-down: the interactions behind "abandoned" and "not resolved".
      const abandoned = await reportInteractionIds(ctx.db, { ...query(), figure: 'abandoned', dispositionId: null }, { first: 10, after: null });
      expect(abandoned.map((r) => r.id)).toEqual([i3, i4]);
      const notResolved = await reportInteractionIds(ctx.db, { ...query(), figure: 'not_resolved', dispositionId: null }, { first: 10, after: null });
      expect(notResolved.map((r) => r.id)).toEqual([i1]);
      const page2 = await reportInteractionIds(ctx.db, { ...query(), queueIds: [a.id], figure: 'answered', dispositionId: null }, { first: 2, after: { enqueuedAt: at(0), id: i1 } });
      expect(page2.map((r) => r.id)).toEqual([i5, i7]);
    };
    await check();
    // Everything recomputed from the raw tables gives the same rollups.
    const before = await sql`select * from report_rollups order by by_agent, hourly, bucket_start, queue_id, channel, agent_id nulls first, with_push, with_cobrowse`.execute(ctx.db);
    const activityBefore = await sql`select * from report_agent_activity order by 1, 2`.execute(ctx.db);
    await rebuildReports(ctx.db);
    expect((await sql`select * from report_rollups order by by_agent, hourly, bucket_start, queue_id, channel, agent_id nulls first, with_push, with_cobrowse`.execute(ctx.db)).rows).toEqual(before.rows);
    expect((await sql`select * from report_agent_activity order by 1, 2`.execute(ctx.db)).rows).toEqual(activityBefore.rows);
    await check();

    // A later disposition change moves the count; the CSV rows carry each interaction once.
    await ok(setInteractionDisposition(ctx.db, { interactionId: i1, dispositionId: sale.disposition.id, agentId: agent1, now: at(3000) }));
    expect((await reportDispositions(ctx.db, query({ groupBy: 'none' }))).map((d) => [d.code, d.count])).toEqual([['SALE', 2]]);
    const csvRows = [];
    for await (const r of streamOutcomes(ctx.db, { ...query(), figure: null }, 3)) csvRows.push(r);
    expect(csvRows.map((r) => r.interaction_id).sort()).toEqual([i1, i2, i3, i4, i5, i6, i7, i8, i9].sort());
    expect(csvRows.find((r) => r.interaction_id === i1)).toMatchObject({ disposition: 'SALE', hold_ms: '30000', resolved: false, queue: 'Reports A' });
  });

  it('cuts hours and days in the viewer’s zone across DST, keeping a repeated hour as two', async () => {
    const q = await createQueue(ctx.db, { name: 'Reports DST', channels: ['webchat'] });
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], at: new Date('2026-10-24T00:00:00Z') });
    const base = new Date('2026-10-25T00:00:00Z');
    // Madrid falls back at 01:00Z (03:00 CEST → 02:00 CET): 00:30Z and 01:30Z are both 02:30 local.
    for (const s of [30 * 60, 90 * 60, 22.5 * 3600, 23 * 3600 + 60]) {
      const id = await enqueue(q.id, 'webchat', s, undefined, base);
      await answer(id, agent, s + 5, base);
      await ok(closeInteraction(ctx.db, { interactionId: id, actor: { type: 'system', id: null }, now: at(s + 65, base) }));
    }
    const scope = { queueIds: [q.id], from: new Date('2026-10-24T22:00:00Z'), to: new Date('2026-10-26T23:00:00Z'), groupBy: 'none' as const };
    const hours = await reportRows(ctx.db, query({ ...scope, interval: 'hour' }));
    expect(hours.map((r) => r.intervalStart!.toISOString())).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    // The 25-hour local day of 25 October holds the first three; 23:01Z is already the 26th.
    const days = await reportRows(ctx.db, query({ ...scope, interval: 'day' }));
    expect(days.map((r) => [r.intervalStart!.toISOString(), r.intervalEnd!.toISOString(), r.sums.answered])).toEqual([
      ['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 3],
      ['2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z', 1],
    ]);
    // Weeks start on Monday local: Sunday the 25th belongs to the week of Monday 19 October (CEST).
    const weeks = await reportRows(ctx.db, query({ ...scope, interval: 'week' }));
    expect(weeks.map((r) => [r.intervalStart!.toISOString(), r.sums.answered])).toEqual([
      ['2026-10-18T22:00:00.000Z', 3],
      ['2026-10-25T23:00:00.000Z', 1],
    ]);
    // A half-hour zone's hours start at :30 UTC.
    const kolkata = await reportRows(ctx.db, query({ ...scope, interval: 'hour', timeZone: 'Asia/Kolkata' }));
    expect(kolkata.map((r) => [r.intervalStart!.toISOString(), r.sums.answered])).toEqual([
      ['2026-10-25T00:30:00.000Z', 1],
      ['2026-10-25T01:30:00.000Z', 1],
      ['2026-10-25T22:30:00.000Z', 2],
    ]);
  });

  it('measures agent time: presence per status, on-contact time counting concurrent work once, occupancy and utilization', async () => {
    const base = new Date('2026-05-04T08:00:00Z');
    const q = await createQueue(ctx.db, { name: 'Reports agents', channels: ['whatsapp'] });
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], at: base, capacity: { whatsapp: 2 } });
    await setPresence(ctx.db, { agentId: agent, status: 'away', now: at(1800, base) });
    await setPresence(ctx.db, { agentId: agent, status: 'available', now: at(2400, base) });
    for (const [from, to] of [[600, 1200], [900, 1500], [1700, 2000]] as const) {
      const id = await enqueue(q.id, 'whatsapp', from - 5, undefined, base);
      await answer(id, agent, from, base);
      await ok(closeInteraction(ctx.db, { interactionId: id, actor: { type: 'system', id: null }, now: at(to, base) }));
    }
    const rows = await reportAgentTime(ctx.db, query({ from: base, to: at(3600, base), interval: 'hour', groupBy: 'agent', agentIds: [agent] }), at(3600, base));
    expect(rows).toHaveLength(1);
    const f = agentTimeFigures(rows[0]!);
    // Available 0–1800 and 2400–3600 = 3000 s, away 600 s; on contact 600–1500 and 1700–2000 = 1200 s.
    expect(f).toMatchObject({ availableSeconds: 3000, awaySeconds: 600, onContactSeconds: 1200 });
    expect(f.occupancyPercent).toBeCloseTo(40);
    // Handle time 600 + 600 + 300 s over 3000 s × 2 slots.
    expect(f.utilizationPercent).toBeCloseTo((1500 / 6000) * 100);
  });

  it('compares calls with an in-call push or co-browsing with those without, and applies new thresholds on a rebuild', async () => {
    const base = new Date('2026-06-01T10:00:00Z');
    const q = await createQueue(ctx.db, { name: 'Reports impact', channels: ['voice'] });
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], at: base });
    const ids: string[] = [];
    for (const [i, handle] of [[0, 100], [1, 300]] as const) {
      const id = await enqueue(q.id, 'voice', i * 1000, undefined, base);
      await answer(id, agent, i * 1000 + 5, base);
      if (i === 1) {
        const customer = (await ctx.db.selectFrom('interactions').select('customer_id').where('id', '=', id).executeTakeFirstOrThrow()).customer_id;
        const message = await sql<{ id: string }>`insert into messages (interaction_id, customer_id, direction, channel, body) values (${id}, ${customer}, 'outbound', 'whatsapp', 'x') returning id`.execute(ctx.db);
        const push = await ctx.db
          .insertInto('pushes')
          .values({ interaction_id: id, customer_id: customer, agent_id: agent, kind: 'link', content: JSON.stringify({ kind: 'link', url: 'https://x.test', title: 'x', shortUrl: 'https://s/l/t1' }), to_number: '+34600000000', mode: 'free_form', template_sid: null, template_variables: null, message_id: message.rows[0]!.id, status: 'sent', error_code: null, send_started_at: null, fallback: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await ctx.db.insertInto('push_links').values({ token: 't1', push_id: push.id, url: 'https://x.test' }).execute();
        await ctx.db.insertInto('push_link_opens').values({ token: 't1', user_agent: null }).execute();
      }
      await ok(closeInteraction(ctx.db, { interactionId: id, actor: { type: 'system', id: null }, now: at(i * 1000 + 5 + handle, base) }));
      ids.push(id);
    }
    const scope = { from: base, to: at(3600, base), queueIds: [q.id], channels: null, agentIds: null };
    const impact = await reportImpact(ctx.db, scope);
    const push = (w: boolean) => reportFigures(impact.find((s) => s.kind === 'push' && s.with === w)!.sums);
    expect(push(true)).toMatchObject({ answered: 1, averageHandleSeconds: 300, firstContactResolutionPercent: 100 });
    expect(push(false)).toMatchObject({ answered: 1, averageHandleSeconds: 100 });
    expect(reportFigures(impact.find((s) => s.kind === 'cobrowse' && s.with === false)!.sums).answered).toBe(2);
    expect(await reportPushLinks(ctx.db, scope)).toEqual({ pushes: 1, linkPushes: 1, linksOpened: 1 });

    // A 3 s abandon is short at 5 s; with the threshold at 2 s and a rebuild it counts.
    const gone = await enqueue(q.id, 'voice', 2000, undefined, base);
    await ok(abandonInteraction(ctx.db, { interactionId: gone, now: at(2003, base) }));
    const rowsOf = async () => reportFigures((await reportRows(ctx.db, query({ ...scope, groupBy: 'none', interval: 'day', timeZone: 'UTC' })))[0]!.sums);
    expect(await rowsOf()).toMatchObject({ abandoned: 0, shortAbandoned: 1 });
    await updateReportSettings(ctx.db, { shortAbandonSeconds: 2, fcrWindowHours: 72, rebuild: true });
    expect(await rowsOf()).toMatchObject({ abandoned: 1, shortAbandoned: 0 });
    await updateReportSettings(ctx.db, { shortAbandonSeconds: 5, fcrWindowHours: 72, rebuild: true });
  });
});
