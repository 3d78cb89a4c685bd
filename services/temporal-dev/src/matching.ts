/**
 * Task queues: ready task references and waiting long-poll callers, per namespace + queue + kind.
 * A reference is turned into a task (and the run's state moved to "started") only at the moment a
 * poller takes it, by `dispatch`; a stale reference (task already done elsewhere) yields null and
 * is dropped, so the queue never needs to be cleaned when runs change.
 */
export type TaskKind = 'workflow' | 'activity';

interface Poller<R> {
  dispatch: (ref: R) => unknown;
  resolve: (task: unknown) => void;
  identity: string;
  done: boolean;
}

interface Queue<R> {
  tasks: R[];
  pollers: Poller<R>[];
}

export class Matching<R> {
  private queues = new Map<string, Queue<R>>();

  private queue(namespace: string, name: string, kind: TaskKind): Queue<R> {
    const key = `${kind}\u0000${namespace}\u0000${name}`;
    let q = this.queues.get(key);
    if (!q) {
      q = { tasks: [], pollers: [] };
      this.queues.set(key, q);
    }
    return q;
  }

  /** Hands the reference to a waiting poller, or keeps it for the next one. */
  offer(namespace: string, name: string, kind: TaskKind, ref: R): void {
    const q = this.queue(namespace, name, kind);
    while (q.pollers.length > 0) {
      const p = q.pollers.shift()!;
      if (p.done) continue;
      const task = p.dispatch(ref);
      if (task === null) return; // stale: drop it
      p.done = true;
      p.resolve(task);
      return;
    }
    q.tasks.push(ref);
  }

  /**
   * Waits up to `timeoutMs` for a task; resolves null on timeout or `release`. `onCancel` lets
   * the caller drop the poller when its gRPC call goes away.
   */
  poll<T>(
    namespace: string,
    name: string,
    kind: TaskKind,
    identity: string,
    dispatch: (ref: R) => T | null,
    timeoutMs: number,
    onCancel: (cancel: () => void) => void,
  ): Promise<T | null> {
    const q = this.queue(namespace, name, kind);
    while (q.tasks.length > 0) {
      const ref = q.tasks.shift()!;
      const task = dispatch(ref);
      if (task !== null) return Promise.resolve(task);
    }
    return new Promise<T | null>((resolve) => {
      const poller: Poller<R> = {
        dispatch,
        identity,
        done: false,
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t as T | null);
        },
      };
      const finish = () => {
        if (poller.done) return;
        poller.done = true;
        const i = q.pollers.indexOf(poller);
        if (i >= 0) q.pollers.splice(i, 1);
        poller.resolve(null);
      };
      const timer = setTimeout(finish, timeoutMs);
      q.pollers.push(poller);
      onCancel(finish);
    });
  }

  /** Ends waiting polls (all, or those of one worker identity) with an empty answer. */
  release(identity?: string): void {
    for (const q of this.queues.values()) {
      for (const p of q.pollers) {
        if (p.done || (identity !== undefined && p.identity !== identity)) continue;
        p.done = true;
        p.resolve(null);
      }
      q.pollers = q.pollers.filter((p) => !p.done);
    }
  }

  backlog(namespace: string, name: string, kind: TaskKind): number {
    return this.queue(namespace, name, kind).tasks.length;
  }
}
