import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection } from '@temporalio/worker';

/** The registration index of every workflow type; bundled for the worker's sandbox. */
export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

export interface RunningWorker {
  /** Stops polling, lets running tasks finish, then resolves. */
  stop(): Promise<void>;
}

/** Runs a worker on `taskQueue` with the given activities (built by the caller's factories). */
export async function startWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: object;
}): Promise<RunningWorker> {
  const worker = await Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowsPath,
    activities: options.activities,
  });
  const running = worker.run();
  return {
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
