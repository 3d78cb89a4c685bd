import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type ScheduleDescription, type ScheduleHandle } from '@temporalio/client';
import { freePort } from '@cc/db/embedded';
import { startTemporalDevServer, type TemporalDevServer } from '@cc/temporal-dev/server';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../support/postgres';
import { externalAddress, startTemporalTestEnv, type TemporalTestEnv } from '../../support/temporal/harness';
import { waitFor } from '../../support/temporal/history';
import * as wf from '../../support/temporal/workflows';

/**
 * Schedules through the SDK's ScheduleClient, against temporal-dev or TEMPORAL_ADDRESS. Timing is
 * driven by trigger / backfill and by next action times; the real server acts on patches
 * asynchronously, so effects are awaited on describe (bounded), never on the wall clock.
 */
let env: TemporalTestEnv;
const created: ScheduleHandle[] = [];
beforeAll(async () => {
  env = await startTemporalTestEnv();
});
afterAll(async () => {
  for (const h of created) await h.delete().catch(() => {});
  await env?.stop();
});

const HOUR = 3600_000;
/** RFC 3339 to the second, as the server appends it to the action's workflow id. */
const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function create(prefix: string, opts: { every?: string; overlap?: ScheduleOverlapPolicy; args?: [number]; paused?: boolean } = {}) {
  const scheduleId = `${prefix}-${randomUUID()}`;
  const handle = await env.client.schedule.create({
    scheduleId,
    spec: { intervals: [{ every: opts.every ?? '1h', offset: opts.every ? undefined : '5m' }] },
    action: { type: 'startWorkflow', workflowType: wf.sleeper, args: opts.args ?? [10], taskQueue: env.taskQueue, workflowId: `${scheduleId}-wf` },
    policies: opts.overlap ? { overlap: opts.overlap } : undefined,
    state: opts.paused ? { paused: true, note: 'created paused' } : undefined,
  });
  created.push(handle);
  return { handle, scheduleId, workflowId: `${scheduleId}-wf` };
}

const describeUntil = (h: ScheduleHandle, ok: (d: ScheduleDescription) => boolean) => waitFor(() => h.describe(), ok, 20_000);

describe.concurrent('schedules', () => {
  it('interval spec: describe shows the spec, defaults and the next ten action times', async () => {
    const before = Date.now();
    const { handle } = await create('interval');
    const d = await handle.describe();
    expect(d.spec.intervals).toEqual([{ every: HOUR, offset: 5 * 60_000 }]);
    expect(d.policies).toEqual({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 365 * 24 * HOUR, pauseOnFailure: false });
    expect(d.state.paused).toBe(false);
    expect(d.info.numActionsTaken).toBe(0);
    expect(d.info.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const times = d.info.nextActionTimes.map((t) => t.getTime());
    expect(times).toHaveLength(10);
    expect(times[0]).toBeGreaterThan(before);
    expect(times[0]! - before).toBeLessThanOrEqual(HOUR);
    for (const [i, t] of times.entries()) {
      expect(t % HOUR).toBe(5 * 60_000);
      if (i > 0) expect(t - times[i - 1]!).toBe(HOUR);
    }
  });

  it('cron string and calendar: compiled to structured calendars, next times in the time zone', async () => {
    const scheduleId = `cron-${randomUUID()}`;
    const handle = await env.client.schedule.create({
      scheduleId,
      spec: { cronExpressions: ['30 9 * * MON-FRI'], calendars: [{ hour: 18, dayOfWeek: 'SATURDAY' }], timezone: 'Europe/Madrid' },
      action: { type: 'startWorkflow', workflowType: wf.sleeper, taskQueue: env.taskQueue },
    });
    created.push(handle);
    const d = await handle.describe();
    expect(d.spec.timezone).toBe('Europe/Madrid');
    expect(d.spec.calendars).toContainEqual(expect.objectContaining({
      second: [{ start: 0, end: 0, step: 1 }],
      minute: [{ start: 30, end: 30, step: 1 }],
      hour: [{ start: 9, end: 9, step: 1 }],
      dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY', step: 1 }],
    }));
    const madrid = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const seen = d.info.nextActionTimes.map((t) => madrid.format(t));
    expect(seen).toHaveLength(10);
    for (const s of seen) expect(s).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:30:00$|^Sat 18:00:00$/);
  });

  it('trigger immediately starts the action with id <workflowId>-<RFC 3339> and the schedule search attributes', async () => {
    const { handle, scheduleId, workflowId } = await create('trigger');
    const before = Date.now();
    await handle.trigger();
    const d = await describeUntil(handle, (x) => x.info.recentActions.length >= 1);
    expect(d.info.numActionsTaken).toBe(1);
    const action = d.info.recentActions[0]!;
    const id = action.action.workflow.workflowId;
    expect(id).toBe(`${workflowId}-${rfc3339(action.scheduledAt.getTime())}`);
    expect(action.scheduledAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const run = env.client.workflow.getHandle(id);
    expect(await run.result()).toBe('woke');
    const info = await run.describe();
    expect(info.runId).toBe(action.action.workflow.firstExecutionRunId);
    expect(info.searchAttributes.TemporalScheduledById).toEqual([scheduleId]);
    const at = info.searchAttributes.TemporalScheduledStartTime?.[0] as Date | string | undefined;
    expect(new Date(at!).getTime()).toBe(Math.floor(action.scheduledAt.getTime() / 1000) * 1000);
  });

  it('pause and unpause with notes; a paused schedule still runs what is triggered', async () => {
    const { handle } = await create('pause');
    await handle.pause('maintenance window');
    let d = await handle.describe();
    expect(d.state).toMatchObject({ paused: true, note: 'maintenance window' });
    await handle.trigger();
    d = await describeUntil(handle, (x) => x.info.numActionsTaken >= 1);
    expect(d.info.numActionsTaken).toBe(1);
    await handle.unpause('back on');
    d = await handle.describe();
    expect(d.state).toMatchObject({ paused: false, note: 'back on' });
  });

  it('backfill over a past range with ALLOW_ALL starts one run per matching time, both ends included', async () => {
    const { handle, workflowId } = await create('backfill', { every: '1h' });
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    await handle.backfill({ start: new Date(hour - 3 * HOUR), end: new Date(hour - HOUR), overlap: ScheduleOverlapPolicy.ALLOW_ALL });
    const d = await describeUntil(handle, (x) => x.info.recentActions.length >= 3);
    const ids = d.info.recentActions.map((a) => a.action.workflow.workflowId).sort();
    expect(ids).toEqual([3, 2, 1].map((h) => `${workflowId}-${rfc3339(hour - h * HOUR)}`));
    expect(d.info.runningActions).toEqual([]); // allow-all runs are not tracked as running
    for (const id of ids) expect(await env.client.workflow.getHandle(id).result()).toBe('woke');
  });

  it('overlap SKIP: a second start while the first run is open is skipped and counted', async () => {
    const { handle } = await create('skip', { args: [60_000], overlap: ScheduleOverlapPolicy.SKIP });
    await handle.trigger(ScheduleOverlapPolicy.SKIP);
    let d = await describeUntil(handle, (x) => x.info.runningActions.length === 1);
    const first = d.info.runningActions[0]!.workflow.workflowId;
    await handle.trigger(ScheduleOverlapPolicy.SKIP);
    d = await describeUntil(handle, (x) => x.info.numActionsSkippedOverlap >= 1);
    expect(d.info.numActionsSkippedOverlap).toBe(1);
    expect(d.info.numActionsTaken).toBe(1);
    expect(d.info.runningActions.map((a) => a.workflow.workflowId)).toEqual([first]);
    // Once it is gone, the schedule no longer lists it as running.
    await env.client.workflow.getHandle(first).terminate('test done');
    d = await describeUntil(handle, (x) => x.info.runningActions.length === 0);
    expect(d.info.runningActions).toEqual([]);
  });

  it('update replaces the spec and state; next times follow the new spec', async () => {
    const { handle } = await create('update');
    await handle.update((prev) => ({ ...prev, spec: { intervals: [{ every: '30m' }] }, state: { ...prev.state, remainingActions: 3 } }));
    const d = await describeUntil(handle, (x) => x.spec.intervals?.[0]?.every === 30 * 60_000);
    expect(d.spec.intervals?.map((i) => i.every)).toEqual([30 * 60_000]);
    expect(d.state.remainingActions).toBe(3);
    expect(d.info.lastUpdatedAt).toBeInstanceOf(Date);
    const times = d.info.nextActionTimes.map((t) => t.getTime());
    expect(times).toHaveLength(3); // no more than the remaining actions
    for (const t of times) expect(t % (30 * 60_000)).toBe(0);
  });

  it('list shows the schedule; delete removes it', async () => {
    const { handle, scheduleId } = await create('list');
    const listed = await waitFor(
      async () => {
        for await (const s of env.client.schedule.list()) if (s.scheduleId === scheduleId) return s;
        return undefined;
      },
      (s) => !!s,
      20_000,
    );
    expect(listed?.spec?.intervals).toEqual([{ every: HOUR, offset: 5 * 60_000 }]);
    expect(listed?.action).toEqual({ type: 'startWorkflow', workflowType: 'sleeper' });
    expect(listed?.info.nextActionTimes.length).toBeGreaterThan(0);
    await handle.delete();
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  it('invalid specs are refused with the reason', async () => {
    await expect(env.client.schedule.create({
      scheduleId: `bad-${randomUUID()}`,
      spec: { intervals: [{ every: 500 }] },
      action: { type: 'startWorkflow', workflowType: wf.sleeper, taskQueue: env.taskQueue },
    })).rejects.toThrow('interval is too small');
    await expect(env.client.schedule.create({
      scheduleId: `bad-${randomUUID()}`,
      spec: { intervals: [{ every: '1h' }], timezone: 'Mars/Olympus' },
      action: { type: 'startWorkflow', workflowType: wf.sleeper, taskQueue: env.taskQueue },
    })).rejects.toThrow('unknown time zone Mars/Olympus');
  });

  it('a 1-second interval fires by itself', async () => {
    const { handle, workflowId } = await create('every-second', { every: '1s' });
    const d = await describeUntil(handle, (x) => x.info.recentActions.length >= 1);
    const a = d.info.recentActions[0]!;
    expect(a.action.workflow.workflowId).toBe(`${workflowId}-${rfc3339(a.scheduledAt.getTime())}`);
    expect(a.scheduledAt.getTime() % 1000).toBe(0);
    await handle.delete();
  });
});

describe('schedules on the PostgreSQL store (embedded only)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let server: TemporalDevServer | undefined;
  beforeAll(async () => {
    if (!externalAddress) db = await createTestDatabase(inject('postgresUrl'));
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it.skipIf(!!externalAddress)('a restart keeps schedules and fires the actions missed while down', { timeout: 60_000 }, async () => {
    const port = await freePort();
    server = await startTemporalDevServer({ port, databaseUrl: db.url });
    let connection = await Connection.connect({ address: server.address });
    let client = new Client({ connection });
    const scheduleId = `durable-${randomUUID()}`;
    // No worker: started runs stay open, so each missed second shows up as its own run (allow-all).
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1s' }] },
      action: { type: 'startWorkflow', workflowType: 'sleeper', taskQueue: `nobody-${randomUUID()}`, workflowId: `${scheduleId}-wf` },
      policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1m' },
      state: { note: 'kept' },
    });
    const kept = await client.schedule.getHandle(scheduleId).describe();
    await connection.close();
    await server.stop();
    const down = Date.now();
    await new Promise((r) => setTimeout(r, 2500)); // at least two whole seconds pass while it is down
    const up = Date.now();
    server = await startTemporalDevServer({ port, databaseUrl: db.url });
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
    const d = await client.schedule.getHandle(scheduleId).describe();
    expect(d.state.note).toBe('kept');
    expect(d.info.createdAt).toEqual(kept.info.createdAt);
    expect(d.spec.intervals).toEqual(kept.spec.intervals);
    const missed = d.info.recentActions.filter((a) => a.scheduledAt.getTime() > down && a.scheduledAt.getTime() <= up);
    expect(missed.length).toBeGreaterThanOrEqual(2);
    for (const a of missed) {
      const run = await client.workflow.getHandle(a.action.workflow.workflowId).describe();
      expect(run.status.name).toBe('RUNNING');
    }
    await client.schedule.getHandle(scheduleId).delete();
    await connection.close();
  });
});
