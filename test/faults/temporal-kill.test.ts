import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { status } from '@grpc/grpc-js';
import { freePort } from '@cc/db/embedded';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../support/postgres';
import { spawnTemporalDev, type DevServerProcess } from '../support/temporal/dev-process';
import { createFaultActivities, type FaultLog } from '../support/temporal/fault-activities';
import { externalAddress, workflowBundle } from '../support/temporal/harness';
import { approve, faultTolerant } from '../support/temporal/workflows';

/**
 * kill -9 the dev server (a child process on PostgreSQL) while 100 workflows are mid-flight, restart
 * it on the same port and database: every workflow completes with the right result, and no activity
 * whose completion the server acknowledged runs again.
 */
const N = 100;
let db: { url: string; drop: () => Promise<void> };
let server: DevServerProcess | undefined;

beforeAll(async () => {
  db = await createTestDatabase(inject('postgresUrl'));
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

// temporal-dev only: it kills and restarts the embedded server's process; a real server given by
// TEMPORAL_ADDRESS is not ours to kill (skipped there, and reported as skipped).
it.skipIf(!!externalAddress)('survives kill -9 with 100 workflows mid-flight', { timeout: 120_000 }, async () => {
  const port = await freePort();
  server = await spawnTemporalDev({ port, databaseUrl: db.url });
  const address = server.address;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const log: FaultLog = { invocations: new Map(), acked: new Map() };

  // Completes activities after a random delay, retrying while the server is down.
  const pending = new Set<Promise<void>>();
  let stopping = false;
  // A quarter of the runs' first activity is held until after the restart: activities certainly
  // in flight across the kill, whatever the machine's speed.
  const held = (id: string) => id.endsWith(':a') && Number(/^k(\d+):/.exec(id)![1]) % 4 === 0;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const complete = (token: Uint8Array, id: string) => {
    const p = (async () => {
      if (held(id)) await released;
      await new Promise((r) => setTimeout(r, Math.random() * 600));
      for (let i = 0; !stopping && i < 600; i++) {
        try {
          await client.activity.complete(token, `${id}@done`);
          log.acked.set(id, Date.now());
          return;
        } catch (e) {
          const code = (e as { cause?: { code?: number }; code?: number }).cause?.code ?? (e as { code?: number }).code;
          if (code === status.NOT_FOUND || /not found/i.test((e as Error).message)) return; // already settled
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    })();
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue: 'faults',
    workflowBundle: await workflowBundle(),
    activities: createFaultActivities(log, complete),
    maxCachedWorkflows: 200,
  });
  const running = worker.run();

  const timerMs = (i: number) => 1500 + (i % 10) * 300;
  const handles = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      client.workflow.start(faultTolerant, {
        taskQueue: 'faults',
        workflowId: `fault-${i}`,
        args: [`k${i}`, timerMs(i)],
        workflowTaskTimeout: '2s',
      }),
    ),
  );
  // Half get their signal before the kill (some runs still in their timer then), half after.
  await Promise.all(handles.slice(0, N / 2).map((h, i) => h.signal(approve, `s${i}`)));

  // The kill moment comes from the server's state, not from elapsed time: a run whose timer the
  // server has started and not fired, with at least a second left, and the held activities pending.
  const timerPending = async (i: number) => {
    const events = (await handles[i]!.fetchHistory()).events ?? [];
    return events.some((e) => e.timerStartedEventAttributes) && !events.some((e) => e.timerFiredEventAttributes);
  };
  let killedAt = 0;
  for (const end = Date.now() + 60_000; !killedAt; ) {
    if (Date.now() > end) throw new Error('no timer was ever in flight with a second to spare');
    // Fires no earlier than timerMs after the first activity's completion was acknowledged.
    const left = (i: number) => (log.acked.get(`k${i}:a`) ?? -Infinity) + timerMs(i) - Date.now();
    const best = handles.map((_, i) => i).sort((a, b) => left(b) - left(a))[0]!;
    const pendingActivities = handles.filter((_, i) => !log.acked.has(`k${i}:a`)).length;
    // Checked again after the history call: the kill follows at once, well before the timer fires.
    if (left(best) > 1000 && pendingActivities > 0 && (await timerPending(best)) && left(best) > 500) {
      killedAt = Date.now();
      await server.kill9();
    } else await new Promise((r) => setTimeout(r, 20));
  }
  const ackedBeforeKill = new Map(log.acked);
  await new Promise((r) => setTimeout(r, 300));
  server = await spawnTemporalDev({ port, databaseUrl: db.url });
  release();

  await Promise.all(handles.slice(N / 2).map((h, i) => h.signal(approve, `s${i + N / 2}`)));
  const results = await Promise.all(handles.map((h) => h.result()));
  results.forEach((r, i) => expect(r).toBe(`k${i}:a@done|s${i}|k${i}:b@done`));

  // No activity ran again after the server acknowledged its completion.
  for (const [id, ackedAt] of log.acked) {
    const later = (log.invocations.get(id) ?? []).filter((t) => t > ackedAt);
    expect(later, `${id} ran again after its completion was acknowledged`).toEqual([]);
  }
  // The kill really hit work in flight: some activities were done, others not yet, and timers
  // and activities were pending across it.
  expect(ackedBeforeKill.size).toBeGreaterThan(0);
  expect(ackedBeforeKill.size).toBeLessThan(2 * N);
  const spans = { timers: 0, activities: 0 };
  const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
  for (const h of handles) {
    const events = (await h.fetchHistory()).events ?? [];
    const at = (attr: string) => events.filter((e) => (e as Record<string, unknown>)[attr]).map((e) => ms(e.eventTime));
    const [timerStarted] = at('timerStartedEventAttributes');
    const [timerFired] = at('timerFiredEventAttributes');
    if (timerStarted! < killedAt && timerFired! > killedAt) spans.timers++;
    const scheduled = at('activityTaskScheduledEventAttributes');
    const completed = at('activityTaskCompletedEventAttributes');
    scheduled.forEach((s, i) => { if (s < killedAt && completed[i]! > killedAt) spans.activities++; });
  }
  expect(spans.timers).toBeGreaterThan(0);
  expect(spans.activities).toBeGreaterThan(0);
  console.log(`temporal-kill: ${ackedBeforeKill.size} activity completions acknowledged before the kill; across it: ${spans.timers} timers, ${spans.activities} activities`);

  stopping = true;
  await Promise.all(pending);
  worker.shutdown();
  await running;
  await nativeConnection.close();
  await connection.close();
});
