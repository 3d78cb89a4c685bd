/**
 * What the API lets through of a co-browse widget's rrweb events (rrweb 2.x numbering: event type
 * FullSnapshot 2, IncrementalSnapshot 3, Meta 4; incremental source Mutation 0, Input 5,
 * CanvasMutation 9; serialized node type Element 2). Masking is the widget's job; this is the
 * second line: a form value passes only from a field the page opted in (`data-cc-unmask`, which
 * the widget writes on each such field's serialized node), and never a password, a card field or
 * anything shaped like a card number, whatever the markup or the widget's version.
 */
export type BatchCheck =
  /** `json`: the events as let through, serialised once (what the agent's socket sends as is). */
  | { ok: true; events: unknown[]; json: string; bytes: number; page: string | null; masked: number }
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

/**
 * The fields of one session the page opted in (node ids), as its events declared them: a full
 * snapshot lists them afresh, added nodes add to them; a value typed later (Input, by node id)
 * passes only for these. Held by the replica counting the session (empty elsewhere: masked).
 */
export type UnmaskedFields = Set<number>;
export const unmaskAttribute = 'data-cc-unmask';

/** 13–19 digits, grouped by spaces or dashes or not: a payment card number's shape. */
function cardShaped(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{13,19}$/.test(digits);
}
const sensitiveAutocomplete = /(^|\s)(cc-(number|csc|exp|exp-month|exp-year)|current-password|new-password|one-time-code)(\s|$)/i;
const sensitiveName = /card|cc[-_]?(num|csc|cvc|exp)|cvv|cvc|iban|passw(or)?d/i;
const attr = (attributes: Json, name: string) => (typeof attributes[name] === 'string' ? (attributes[name] as string) : '');

/** A field whose value never leaves, opted in or not: password, card, security code, IBAN. */
function neverShared(attributes: Json): boolean {
  if (attr(attributes, 'type').toLowerCase() === 'password' || 'data-rr-is-password' in attributes) return true;
  if (sensitiveAutocomplete.test(attr(attributes, 'autocomplete'))) return true;
  return sensitiveName.test(attr(attributes, 'name')) || sensitiveName.test(attr(attributes, 'id'));
}

export function checkCobrowseBatch(events: unknown, limits: { maxEventBytes: number; maxEvents: number }, unmasked: UnmaskedFields = new Set()): BatchCheck {
  if (!Array.isArray(events) || !events.every(isObject)) return { ok: false, reason: 'not_a_list', detail: 'events must be a list of rrweb events' };
  if (events.length > limits.maxEvents) return { ok: false, reason: 'too_many_events', detail: `at most ${limits.maxEvents} events per batch` };
  let bytes = 0;
  let page: string | null = null;
  const counter: Walk = { masked: 0, canvas: false, unmasked };
  const out: unknown[] = [];
  const texts: string[] = [];
  for (const event of events) {
    const data = isObject(event.data) ? event.data : null;
    if (event.type === EventType.Meta && data && typeof data.href === 'string') page = data.href;
    if (event.type === EventType.IncrementalSnapshot && data?.source === Source.CanvasMutation) return { ok: false, reason: 'canvas', detail: 'canvas recording is not accepted' };
    const clean = sanitize(event, counter);
    if (counter.canvas) return { ok: false, reason: 'canvas', detail: 'canvas recording is not accepted' };
    // Measured as it goes on (masking never lengthens a value): the one serialisation the agent gets.
    const text = JSON.stringify(clean);
    const size = Buffer.byteLength(text);
    if (size > limits.maxEventBytes) return { ok: false, reason: 'event_too_large', detail: `an event of ${size} bytes (at most ${limits.maxEventBytes})` };
    bytes += size;
    out.push(clean);
    texts.push(text);
  }
  return { ok: true, events: out, json: `[${texts.join(',')}]`, bytes, page, masked: counter.masked };
}

interface Walk {
  masked: number;
  canvas: boolean;
  unmasked: UnmaskedFields;
}

/** An opted-in field's value as typed, unless card-shaped; anything else masked. */
const passes = (walk: Walk, id: unknown, value: string) => typeof id === 'number' && walk.unmasked.has(id) && !cardShaped(value);

function sanitize(event: Json, counter: Walk): Json {
  const data = isObject(event.data) ? event.data : null;
  if (!data) return event;
  if (event.type === EventType.FullSnapshot && isObject(data.node)) {
    counter.unmasked.clear();
    walkNode(data.node, counter);
  }
  if (event.type !== EventType.IncrementalSnapshot) return event;
  if (data.source === Source.Input && typeof data.text === 'string' && !masked(data.text) && !passes(counter, data.id, data.text)) {
    counter.masked++;
    return { ...event, data: { ...data, text: mask(data.text) } };
  }
  if (data.source === Source.Mutation) {
    for (const add of Array.isArray(data.adds) ? data.adds : []) if (isObject(add) && isObject(add.node)) walkNode(add.node, counter);
    // An attribute change names the node by id only: a `value` set here passes only for an
    // opted-in field; one that becomes sensitive or loses the opt-in is masked from now on.
    for (const change of Array.isArray(data.attributes) ? data.attributes : []) {
      const attributes = isObject(change) && isObject(change.attributes) ? change.attributes : null;
      if (!attributes || typeof change.id !== 'number') continue;
      if (neverShared(attributes) || attributes[unmaskAttribute] === null) counter.unmasked.delete(change.id);
      maskAttributes(attributes, null, change.id, counter);
    }
  }
  return event;
}

/** Masks form values in a serialized node tree in place (the events were parsed for this request only). */
function walkNode(node: Json, counter: Walk): void {
  const stack: Json[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === ElementNode && isObject(n.attributes)) {
      const tag = typeof n.tagName === 'string' ? n.tagName.toLowerCase() : null;
      if (typeof n.id === 'number' && isField(tag)) {
        if (unmaskAttribute in n.attributes && !neverShared(n.attributes)) counter.unmasked.add(n.id);
        else counter.unmasked.delete(n.id);
      }
      maskAttributes(n.attributes, tag, n.id, counter);
    }
    if (Array.isArray(n.childNodes)) for (const c of n.childNodes) if (isObject(c)) stack.push(c);
  }
}

const isField = (tag: string | null) => tag === 'input' || tag === 'textarea' || tag === 'select';

function maskAttributes(attributes: Json, tag: string | null, id: unknown, counter: Walk): void {
  if ('rr_dataURL' in attributes) counter.canvas = true;
  const value = attributes.value;
  if (typeof value !== 'string' || value === '' || masked(value) || passes(counter, id, value)) return;
  if (tag !== null && !isField(tag)) return;
  if (tag === 'input' && typeof attributes.type === 'string' && labelInputTypes.has(attributes.type.toLowerCase())) return;
  attributes.value = mask(value);
  counter.masked++;
}
