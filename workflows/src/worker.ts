import { fileURLToPath } from 'node:url';
import { Worker, type ActivityInterceptorsFactory, type NativeConnection } from '@temporalio/worker';
import { withLogContext } from '@cc/core/logger';

/** The registration index of every workflow type; bundled for the worker's sandbox. */
export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

export interface RunningWorker {
  /** Stops polling, lets running tasks finish, then resolves. */
  stop(): Promise<void>;
}

/** Whatever an activity logs (through use cases, repositories, adapters) names its workflow and activity. */
const logContext: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    execute: (input, next) =>
      withLogContext({ workflowId: ctx.info.workflowExecution?.workflowId, activity: ctx.info.activityType, attempt: ctx.info.attempt }, () => next(input)),
  },
});

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
    interceptors: { activity: [logContext] },
  });
  const running = worker.run();
  return {
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
