import { CompleteAsyncError, Context } from '@temporalio/activity';

/** Every invocation, and every completion the server acknowledged, per `key:step`. */
export interface FaultLog {
  invocations: Map<string, number[]>;
  acked: Map<string, number>;
}

/**
 * Activities that complete asynchronously through `complete`, so the test knows exactly which
 * completions the server acknowledged (and can check none of those activities ran again).
 */
export function createFaultActivities(log: FaultLog, complete: (taskToken: Uint8Array, id: string) => void) {
  return {
    async step(key: string, step: string): Promise<string> {
      const id = `${key}:${step}`;
      const list = log.invocations.get(id) ?? [];
      list.push(Date.now());
      log.invocations.set(id, list);
      complete(Context.current().info.taskToken, id);
      throw new CompleteAsyncError();
    },
  };
}

export type FaultActivities = ReturnType<typeof createFaultActivities>;
