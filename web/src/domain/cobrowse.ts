/*
 * The agent's side of a co-browse stream, without Vue or rrweb: which events the replayer may
 * apply (in order, from a full snapshot on), when to ask the customer's page for a new snapshot,
 * and how to name an element the agent clicked so the customer's page finds the same one.
 */

/** rrweb 2.x event types the stream cares about. */
export const FULL_SNAPSHOT = 2;
export const META = 4;

interface RrwebEvent { type: number; timestamp: number }

const isEvent = (e: unknown): e is RrwebEvent => typeof e === 'object' && e !== null && typeof (e as RrwebEvent).type === 'number';

/**
 * Orders the batches: a lost batch (seq gap) can break every incremental event after it, so from
 * a gap on nothing is applied until a batch brings a full snapshot, and a snapshot is asked for.
 */
export class CobrowseStream {
  private lastSeq: number | null = null;
  private hasSnapshot = false;

  constructor(
    private readonly deliver: (events: RrwebEvent[]) => void,
    private readonly needSnapshot: () => void,
  ) {}

  /** True once a full snapshot was applied and no batch was missed since. */
  get inSync(): boolean {
    return this.hasSnapshot;
  }

  receive(batch: { seq: number; events: unknown }): void {
    const events = Array.isArray(batch.events) ? batch.events.filter(isEvent) : [];
    // Status changes come without events; they carry the last seq and prove nothing missing.
    if (!events.length) return;
    if (this.lastSeq !== null && batch.seq <= this.lastSeq) return;
    if (this.lastSeq !== null && batch.seq !== this.lastSeq + 1) this.hasSnapshot = false;
    this.lastSeq = batch.seq;
    if (this.hasSnapshot) return this.deliver(events);
    const full = events.findIndex((e) => e.type === FULL_SNAPSHOT);
    if (full < 0) return this.needSnapshot();
    // The Meta event (viewport size, URL) just before the snapshot belongs with it.
    const meta = events.slice(0, full).map((e) => e.type).lastIndexOf(META);
    this.hasSnapshot = true;
    this.deliver(events.slice(meta >= 0 ? meta : full));
  }

  /** The live stream was interrupted: whatever comes next may have missed something. */
  interrupted(): void {
    this.hasSnapshot = false;
    this.lastSeq = null;
  }
}

/**
 * A CSS selector for `element` that the same page finds again: its id when unique, else the
 * nearest ancestor's unique id (or the root) followed by tag:nth-of-type steps.
 */
export function selectorFor(element: Element): string {
  const doc = element.ownerDocument;
  const escape = (s: string) => (typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/[^\w-]/g, (c) => `\\${c}`));
  const steps: string[] = [];
  let el: Element | null = element;
  while (el && el !== doc.documentElement) {
    if (el.id && doc.querySelectorAll(`#${escape(el.id)}`).length === 1) {
      steps.unshift(`#${escape(el.id)}`);
      return steps.join(' > ');
    }
    const tag = el.tagName.toLowerCase();
    const parent: Element | null = el.parentElement;
    const sameTag = parent ? [...parent.children].filter((c) => c.tagName === el!.tagName) : [el];
    steps.unshift(sameTag.length > 1 ? `${tag}:nth-of-type(${sameTag.indexOf(el) + 1})` : tag);
    el = parent;
  }
  steps.unshift('html');
  return steps.join(' > ');
}
