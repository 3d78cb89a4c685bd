import { createRequire } from 'node:module';
import type { ServiceDefinition } from '@grpc/grpc-js';

interface ProtoType {
  fromObject(obj: Record<string, unknown>): unknown;
  toObject(msg: unknown, opts: Record<string, unknown>): Msg;
  encode(msg: unknown): { finish(): Uint8Array };
  decode(buf: Uint8Array): unknown;
}
interface ProtoRoot {
  lookupType(name: string): ProtoType;
  lookupService(name: string): {
    methods: Record<string, { requestType: string; responseType: string; requestStream?: boolean; responseStream?: boolean }>;
  };
}

// The SDK's reflected descriptors (the same ones its client uses), without parsing .proto files.
const root = createRequire(import.meta.url)('@temporalio/proto/protos/json-module.js') as ProtoRoot;

/** A decoded protobuf message as a plain object (camelCase fields, enums as names, int64 as number). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- messages of ~200 proto types, read field by field
export type Msg = Record<string, any>;

const toObjectOptions = { longs: Number, enums: String, defaults: false, oneofs: false };
const types = new Map<string, ProtoType>();

function lookup(name: string): ProtoType {
  let t = types.get(name);
  if (!t) {
    t = root.lookupType(name);
    types.set(name, t);
  }
  return t;
}

export function encode(typeName: string, obj: Msg): Buffer {
  const t = lookup(typeName);
  const bytes = t.encode(t.fromObject(obj)).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decoded `bytes` fields (payloads) are views on the buffer they were decoded from, and a run's
 * history keeps them for the run's life: decoding from an exactly-sized copy keeps each payload
 * from pinning the larger buffer its message arrived in (a 16 KB zlib chunk for the worker's gzip
 * requests, an 8 KB Buffer pool slab).
 */
export function decode(typeName: string, buf: Uint8Array): Msg {
  const t = lookup(typeName);
  return t.toObject(t.decode(exactlySized(buf)), toObjectOptions);
}

/** `buf` alone in its memory: a copy unless it already is (the copy keeps nothing else alive). */
function exactlySized(buf: Uint8Array): Buffer {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength) return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer);
  return Buffer.from(new Uint8Array(buf).buffer);
}

const historyEventType = 'temporal.api.history.v1.HistoryEvent';
const eventBytes = new WeakMap<Msg, Buffer>();

/**
 * A history event's protobuf bytes, encoded once (events never change after they are written) and
 * kept for the run's life: exactly sized, not a slice of an 8 KB Buffer pool slab that the slab's
 * dead neighbours could not free (issue 16's routing-idle, 10,000 waiting runs: the process's
 * ArrayBuffers after a full GC 66 -> 21 MB).
 */
export function encodeEvent(ev: Msg): Buffer {
  let b = eventBytes.get(ev);
  if (!b) {
    b = exactlySized(encode(historyEventType, ev));
    eventBytes.set(ev, b);
  }
  return b;
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** `History history = field` built from cached event bytes instead of re-encoding every event. */
function historyField(field: number, events: Msg[]): Buffer {
  const parts: Buffer[] = [];
  let len = 0;
  for (const ev of events) {
    const b = encodeEvent(ev);
    const head = Buffer.from([0x0a, ...varint(b.length)]); // HistoryEvent events = 1
    parts.push(head, b);
    len += head.length + b.length;
  }
  return Buffer.concat([Buffer.from([(field << 3) | 2, ...varint(len)]), ...parts], len + 1 + varint(len).length);
}

/** Responses that carry a whole history, and its field number there. */
const HISTORY_FIELD: Record<string, number> = { PollWorkflowTaskQueue: 8, GetWorkflowExecutionHistory: 1 };

/** Wraps a message in google.protobuf.Any (used by protocol messages and gRPC status details). */
export function packAny(typeName: string, obj: Msg): Msg {
  return { type_url: `type.googleapis.com/${typeName}`, value: encode(typeName, obj) };
}

export function unpackAny(any: Msg | undefined): { typeName: string; value: Msg } | undefined {
  const url: string | undefined = any?.type_url ?? any?.typeUrl;
  if (!any || !url) return undefined;
  const typeName = url.replace(/^.*\//, '');
  return { typeName, value: decode(typeName, any.value ?? Buffer.alloc(0)) };
}

const servicePackage = 'temporal.api.workflowservice.v1';
const serviceName = `${servicePackage}.WorkflowService`;

/**
 * grpc-js service definition built from the SDK's own descriptors, so requests arrive as plain
 * objects and responses are encoded from plain objects; every method is listed, so the ones the
 * server lacks answer UNIMPLEMENTED like a real server's unknown RPC.
 */
export function workflowServiceDefinition(): ServiceDefinition {
  const svc = root.lookupService(serviceName);
  const def: Record<string, unknown> = {};
  for (const [name, m] of Object.entries(svc.methods)) {
    const reqType = `${servicePackage}.${m.requestType}`;
    const resType = `${servicePackage}.${m.responseType}`;
    def[name] = {
      path: `/${serviceName}/${name}`,
      requestStream: !!m.requestStream,
      responseStream: !!m.responseStream,
      requestSerialize: (o: Msg) => encode(reqType, o),
      requestDeserialize: (b: Buffer) => decode(reqType, b),
      responseSerialize: (o: Msg) => {
        const field = HISTORY_FIELD[name];
        const events: Msg[] | undefined = o.history?.events;
        if (!field || !events || events.length === 0) return encode(resType, o);
        const { history: _history, ...rest } = o;
        return Buffer.concat([encode(resType, rest), historyField(field, events)]);
      },
      responseDeserialize: (b: Buffer) => decode(resType, b),
      originalName: name,
    };
  }
  return def as ServiceDefinition;
}

// ---- small converters between proto shapes and numbers ----

export function timestamp(ms: number): Msg {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.min(Math.round((ms - seconds * 1000) * 1_000_000), 999_999_999) };
}

/** Wall-clock time with sub-millisecond precision (event times, so latencies can be measured). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

export function duration(ms: number): Msg {
  return { seconds: Math.floor(ms / 1000), nanos: Math.round((ms % 1000) * 1_000_000) };
}

/** Milliseconds of a google.protobuf.Duration; 0 when absent. */
export function durationMs(d: Msg | null | undefined): number {
  if (!d) return 0;
  return Number(d.seconds ?? 0) * 1000 + Math.round(Number(d.nanos ?? 0) / 1_000_000);
}

export function timestampMs(t: Msg | null | undefined): number {
  return durationMs(t);
}

/** 'WORKFLOW_TASK_SCHEDULED' -> 'workflowTaskScheduled' (the attribute field names follow the enum). */
export function camel(upper: string): string {
  let c = camelCache.get(upper);
  if (c === undefined) {
    c = upper.toLowerCase().replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
    camelCache.set(upper, c);
  }
  return c;
}
const camelCache = new Map<string, string>();
