import type { ProviderFailure } from '../provider-failure';

/** Errors of a connection that was never made: the request did not leave this process. */
const notConnected = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
/** Errors of a connection that broke or went quiet: the request may have reached Twilio. */
const broken = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_SOCKET']);

function networkCode(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== 'object' || depth > 3) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (notConnected.has(code) || broken.has(code))) return code;
  // Node wraps parallel connection attempts (AggregateError) and causes.
  for (const inner of [(error as { cause?: unknown }).cause, ...((error as { errors?: unknown[] }).errors ?? [])]) {
    const found = networkCode(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The one place a failed Twilio REST request is classified. The SDK throws a RestException (numeric
 * `status`, Twilio's `code`) when Twilio answered: 5xx means Twilio could not handle it now
 * (unreachable, may retry), anything else is a refusal with Twilio's code. Connection errors (axios,
 * Node) mean Twilio was not reached.
 */
export function classifyTwilioError(error: unknown): ProviderFailure {
  const detail = error instanceof Error ? error.message : String(error);
  const status = error && typeof error === 'object' && 'status' in error && typeof error.status === 'number' ? error.status : null;
  if (status !== null) {
    if (status >= 500) return { kind: 'unreachable', certainlyNotSent: false, detail: `Twilio answered ${status}: ${detail}` };
    const code = (error as { code?: unknown }).code;
    return { kind: 'refused', code: typeof code === 'number' || (typeof code === 'string' && code) ? String(code) : `http_${status}`, detail };
  }
  const network = networkCode(error);
  if (network) return { kind: 'unreachable', certainlyNotSent: notConnected.has(network), detail: `${network}: ${detail}` };
  const code = error && typeof error === 'object' && 'code' in error && (typeof error.code === 'string' || typeof error.code === 'number') ? String(error.code) : 'error';
  return { kind: 'refused', code, detail };
}
