const RESOLVED = Promise.resolve();

/**
 * Group commit: at most one write in flight; everything changed while it runs goes into the next
 * one, which all callers in the meantime share. `commit()` resolves once every change made before
 * the call is written.
 */
export class GroupCommit {
  private running: Promise<void> | null = null;
  private pending: Promise<void> | null = null;

  /** `write` takes (synchronously) whatever is unwritten at the moment it is called. */
  constructor(
    private readonly write: () => Promise<void>,
    private readonly hasWork: () => boolean,
  ) {}

  commit(): Promise<void> {
    if (this.pending) return this.pending;
    const start = (): Promise<void> => {
      this.pending = null;
      const p = this.write();
      this.running = p;
      const clear = () => {
        if (this.running === p) this.running = null;
      };
      p.then(clear, clear);
      return p;
    };
    if (!this.running) return this.hasWork() ? start() : RESOLVED;
    this.pending = this.running.catch(() => {}).then(start);
    return this.pending;
  }
}
