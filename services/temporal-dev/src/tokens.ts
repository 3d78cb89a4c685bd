import { invalidArgument } from './errors';

/** Task tokens: opaque to workers, stable across restarts (they name state, not memory). */
export type TaskToken =
  | { k: 'w'; r: string; s: number; a: number } // workflow task: run, scheduled event, attempt
  | { k: 'a'; r: string; s: number; a: number } // activity task: run, scheduled event, attempt
  | { k: 'q'; r: string; q: string }; // legacy query task

export function encodeToken(t: TaskToken): Buffer {
  return Buffer.from(JSON.stringify(t));
}

export function decodeToken(buf: Buffer | Uint8Array | undefined): TaskToken {
  try {
    const t = JSON.parse(Buffer.from(buf ?? []).toString('utf8')) as TaskToken;
    if (t && typeof t.r === 'string' && (t.k === 'w' || t.k === 'a' || t.k === 'q')) return t;
  } catch {
    // fall through
  }
  throw invalidArgument('Error deserializing task token.');
}
