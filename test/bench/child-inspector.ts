/**
 * A benchmark's look inside a child it started with `--inspect=127.0.0.1:0`: a CPU profile of one
 * window only (the idle state, not the seeding before it) and the child's memory breakdown, over
 * the DevTools protocol (ws). `node --cpu-prof` alone would profile the whole life of the process.
 */
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';

export interface ChildInspector {
  /** Profiles until the returned function is called; it writes the .cpuprofile to `file`. */
  profile(): Promise<(file: string) => Promise<void>>;
  /** The child's `process.memoryUsage()`, in MB. */
  memory(): Promise<Record<string, number>>;
  /**
   * Samples the main heap's allocations from now on; the returned function writes the samples
   * still alive then (a .heapprofile: what holds the memory, by allocating stack) to `file`.
   */
  sampleHeap(): Promise<(file: string) => Promise<void>>;
  close(): void;
}

/** The inspector's address from the child's output ("Debugger listening on ws://…"). */
export function inspectorUrlIn(output: string): string | undefined {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
}

export async function connectChildInspector(url: string): Promise<ChildInspector> {
  const ws = new WebSocket(url);
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  let next = 1;
  // DevTools protocol results, read field by field by the methods below.
  type Result = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const pending = new Map<number, { ok: (v: Result) => void; fail: (e: Error) => void }>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = msg.id === undefined ? undefined : pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id!);
    if (msg.error) waiter.fail(new Error(msg.error.message));
    else waiter.ok(msg.result as Result);
  });
  const post = (method: string, params: object = {}): Promise<Result> =>
    new Promise((ok, fail) => {
      const id = next++;
      pending.set(id, { ok, fail });
      ws.send(JSON.stringify({ id, method, params }));
    });
  // The child waits for nothing (no --inspect-brk); enabling the runtime is enough to evaluate.
  await post('Runtime.enable');
  return {
    async profile() {
      await post('Profiler.enable');
      await post('Profiler.start');
      return async (file) => {
        const { profile } = await post('Profiler.stop');
        writeFileSync(file, JSON.stringify(profile));
      };
    },
    async memory() {
      const expression = `(() => {
        const mb = (n) => Math.round(n / 1048576);
        const out = {};
        for (const [k, v] of Object.entries(process.memoryUsage())) out[k] = mb(v);
        return JSON.stringify(out);
      })()`;
      const { result } = await post('Runtime.evaluate', { expression, returnByValue: true });
      const usage = JSON.parse(result.value as string) as Record<string, number>;
      const { usedSize, totalSize } = await post('Runtime.getHeapUsage');
      return { ...usage, heapUsedByInspector: Math.round(usedSize / 1048576), heapTotalByInspector: Math.round(totalSize / 1048576) };
    },
    async sampleHeap() {
      await post('HeapProfiler.enable');
      await post('HeapProfiler.startSampling', { samplingInterval: 64 * 1024 });
      return async (file) => {
        await post('HeapProfiler.collectGarbage');
        const { profile } = await post('HeapProfiler.getSamplingProfile');
        writeFileSync(file, JSON.stringify(profile));
      };
    },
    close: () => ws.close(),
  };
}
