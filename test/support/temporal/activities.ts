import { ApplicationFailure, CancelledFailure, Context, sleep } from '@temporalio/activity';

/** What the activities saw, for assertions (the worker runs in the test process). */
export interface ActivityLog {
  attempts: Map<string, number[]>; // key -> attempt start times (ms)
  heartbeatDetailsSeen: Map<string, unknown>;
  cancelled: Set<string>;
}

export function createActivityLog(): ActivityLog {
  return { attempts: new Map(), heartbeatDetailsSeen: new Map(), cancelled: new Set() };
}

export function createActivities(log: ActivityLog) {
  const record = (key: string) => {
    const list = log.attempts.get(key) ?? [];
    list.push(Date.now());
    log.attempts.set(key, list);
  };
  return {
    async greet(name: string): Promise<string> {
      return `Hello, ${name}`;
    },
    /** Fails the first `failures` attempts, then returns the attempt number. */
    async flaky(key: string, failures: number, errorType = 'Flaky'): Promise<number> {
      record(key);
      const { attempt } = Context.current().info;
      if (attempt <= failures) throw ApplicationFailure.create({ message: `attempt ${attempt} failed`, type: errorType });
      return attempt;
    },
    async nonRetryable(key: string): Promise<void> {
      record(key);
      throw ApplicationFailure.nonRetryable('this will never work', 'Fatal');
    },
    /** Sleeps past the start-to-close timeout. */
    async slow(key: string, ms: number): Promise<string> {
      record(key);
      await sleep(ms);
      return 'slow done';
    },
    /** First attempt heartbeats `n` details then goes silent; a later attempt returns what it was handed. */
    async heartbeatThenStall(key: string): Promise<unknown> {
      record(key);
      const ctx = Context.current();
      if (ctx.info.attempt === 1) {
        ctx.heartbeat('progress-1');
        await sleep(100);
        ctx.heartbeat('progress-2');
        await sleep(10_000);
        return 'not reached';
      }
      log.heartbeatDetailsSeen.set(key, ctx.info.heartbeatDetails);
      return ctx.info.heartbeatDetails;
    },
    /** Heartbeats until cancelled; reports cancellation. */
    async heartbeatUntilCancelled(key: string): Promise<string> {
      record(key);
      const ctx = Context.current();
      try {
        for (let i = 0; i < 200; i++) {
          ctx.heartbeat(i);
          await sleep(100);
        }
        return 'finished';
      } catch (e) {
        if (e instanceof CancelledFailure) log.cancelled.add(key);
        throw e;
      }
    },
    async echo<T>(value: T): Promise<T> {
      return value;
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
