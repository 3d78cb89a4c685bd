import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import { DomainError } from './errors';

/**
 * The processes' one logger (pino): JSON lines on stdout, one per event, each carrying what ties
 * it to the rest (a request id, a workflow id). API, worker, activities and channel adapters log
 * here; workflow code never does (it is replayed, and the lint rules keep it from importing this).
 */
export type { Logger };

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Programming mistakes keep their stack; anything else carrying a code is a failure we expect. */
const bugs = [TypeError, RangeError, ReferenceError, SyntaxError];

/**
 * An error as one log field. Expected failures — domain errors, provider refusals and outages,
 * network errors (anything with a `code`), Temporal ApplicationFailures — give type, code and
 * message only; the stack is kept
 * for the unforeseen. Causes are followed (Temporal wraps the activity's error).
 */
export function describeError(e: unknown, depth = 0): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: typeof e === 'string' ? e : JSON.stringify(e) };
  // Temporal's ApplicationFailure is thrown on purpose (retry or not): its `type` is its code.
  const applicationFailure = e.name === 'ApplicationFailure' && typeof (e as { nonRetryable?: unknown }).nonRetryable === 'boolean';
  const code = (e as { code?: unknown }).code ?? (applicationFailure ? (e as { type?: unknown }).type : undefined);
  const expected = e instanceof DomainError || applicationFailure || (code !== undefined && code !== null && !bugs.some((b) => e instanceof b));
  const described: Record<string, unknown> = { type: e.name, message: e.message };
  if (code !== undefined && code !== null) described.code = code;
  // A wrapper's own stack adds nothing to its cause's.
  if (!expected && !(e.cause instanceof Error)) described.stack = e.stack;
  if (e.cause !== undefined && depth < 4) described.cause = describeError(e.cause, depth + 1);
  return described;
}

/** What every line logged while handling one request or one activity carries (its id). */
const scope = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs `fn` with `bindings` (`{ requestId }`, `{ workflowId, activity }`) on every line it logs. */
export function withLogContext<T>(bindings: Record<string, unknown>, fn: () => T): T {
  return scope.run({ ...scope.getStore(), ...bindings }, fn);
}

/** The bindings of the request or activity running now (`{ requestId }`…), if any: what ties work to its cause. */
export function currentLogContext(): Readonly<Record<string, unknown>> | undefined {
  return scope.getStore();
}

function create(level: LogLevel, name?: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    mixin: () => scope.getStore() ?? {},
    level,
    ...(name ? { name } : {}),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: describeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

let root = create('info');

/** Sets the level (LOG_LEVEL, parsed by the process's config) and the process name; once, at start. */
export function configureLogging(options: { level: LogLevel; name?: string; destination?: DestinationStream }): void {
  root = create(options.level, options.name, options.destination);
}

/**
 * The logger, with `bindings` on every line (`{ requestId }`, `{ workflowId }`, `{ component }`).
 * Ask for it where you log rather than keeping one in a module: the level is set at start.
 */
export function logger(bindings?: Record<string, unknown>): Logger {
  return bindings ? root.child(bindings) : root;
}
