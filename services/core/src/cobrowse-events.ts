/**
 * What the API lets through of a co-browse widget's rrweb events (rrweb 2.x numbering: event type
 * FullSnapshot 2, IncrementalSnapshot 3, Meta 4; incremental source Mutation 0, Input 5,
 * CanvasMutation 9; serialized node type Element 2). Masking is the widget's job; this is the
 * second line: no typed value ever passes, whatever the page markup or the widget's version.
 */
export type BatchCheck =
  | { ok: true; events: unknown[]; bytes: number; page: string | null; masked: number }
  | { ok: false; reason: 'not_a_list' | 'too_many_events' | 'event_too_large' | 'canvas'; detail: string };

const EventType = { FullSnapshot: 2, IncrementalSnapshot: 3, Meta: 4 } as const;
const Source = { Mutation: 0, Input: 5, CanvasMutation: 9 } as const;
const ElementNode = 2;
const maskChar = '*';
/** Inputs whose value is their label, not something typed. */
const labelInputTypes = new Set(['submit', 'button', 'reset', 'image']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const masked = (text: string) => [...text].every((c) => c === maskChar);
const mask = (text: string) => maskChar.repeat([...text].length);

export function checkCobrowseBatch(events: unknown, limits: { maxEventBytes: number; maxEvents: number }): BatchCheck {
  if (!Array.isArray(events) || !events.every(isObject)) return { ok: false, reason: 'not_a_list', detail: 'events must be a list of rrweb events' };
  if (events.length > limits.maxEvents) return { ok: false, reason: 'too_many_events', detail: `at most ${limits.maxEvents} events per batch` };
  let bytes = 0;
  let page: string | null = null;
  const counter = { masked: 0, canvas: false };
  const out: unknown[] = [];
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event));
    if (size > limits.maxEventBytes) return { ok: false, reason: 'event_too_large', detail: `an event of ${size} bytes (at most ${limits.maxEventBytes})` };
    bytes += size;
    const data = isObject(event.data) ? event.data : null;
    if (event.type === EventType.Meta && data && typeof data.href === 'string') page = data.href;
    if (event.type === EventType.IncrementalSnapshot && data?.source === Source.CanvasMutation) return { ok: false, reason: 'canvas', detail: 'canvas recording is not accepted' };
    out.push(sanitize(event, counter));
    if (counter.canvas) return { ok: false, reason: 'canvas', detail: 'canvas recording is not accepted' };
  }
  return { ok: true, events: out, bytes, page, masked: counter.masked };
}

function sanitize(event: Json, counter: { masked: number; canvas: boolean }): Json {
  const data = isObject(event.data) ? event.data : null;
  if (!data) return event;
  if (event.type === EventType.FullSnapshot && isObject(data.node)) walkNode(data.node, counter);
  if (event.type !== EventType.IncrementalSnapshot) return event;
  if (data.source === Source.Input && typeof data.text === 'string' && !masked(data.text)) {
    counter.masked++;
    return { ...event, data: { ...data, text: mask(data.text) } };
  }
  if (data.source === Source.Mutation) {
    for (const add of Array.isArray(data.adds) ? data.adds : []) if (isObject(add) && isObject(add.node)) walkNode(add.node, counter);
    // An attribute change names the node by id only: any `value` set here is masked.
    for (const change of Array.isArray(data.attributes) ? data.attributes : []) {
      const attributes = isObject(change) && isObject(change.attributes) ? change.attributes : null;
      if (attributes) maskAttributes(attributes, null, counter);
    }
  }
  return event;
}

/** Masks form values in a serialized node tree in place (the events were parsed for this request only). */
function walkNode(node: Json, counter: { masked: number; canvas: boolean }): void {
  const stack: Json[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === ElementNode && isObject(n.attributes)) maskAttributes(n.attributes, typeof n.tagName === 'string' ? n.tagName.toLowerCase() : null, counter);
    if (Array.isArray(n.childNodes)) for (const c of n.childNodes) if (isObject(c)) stack.push(c);
  }
}

function maskAttributes(attributes: Json, tag: string | null, counter: { masked: number; canvas: boolean }): void {
  if ('rr_dataURL' in attributes) counter.canvas = true;
  const value = attributes.value;
  if (typeof value !== 'string' || value === '' || masked(value)) return;
  if (tag !== null && tag !== 'input' && tag !== 'textarea' && tag !== 'select') return;
  if (tag === 'input' && typeof attributes.type === 'string' && labelInputTypes.has(attributes.type.toLowerCase())) return;
  attributes.value = mask(value);
  counter.masked++;
}
