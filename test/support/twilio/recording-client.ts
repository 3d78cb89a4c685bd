import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/** One request the project sent to Twilio, as sent, with the contract mock's verdict. */
export interface SentRequest {
  method: string;
  /** The path on api.twilio.com, e.g. /2010-04-01/Accounts/AC…/Messages.json. */
  path: string;
  /** Form fields in the order sent; repeated fields (MediaUrl) appear once per value. */
  form: [string, string][];
  status: number;
  /** Prism's validation messages when it refused the request (422). */
  body: unknown;
  /** The JSON body, for the APIs that take one (e.g. the Senders API); null for form posts. */
  json: unknown;
}

/**
 * The `twilio` SDK's supported seam: a RequestClient whose requests go to the Prism mock instead of
 * https://*.twilio.com. It records each request exactly as sent, and gives each created message or
 * call a fresh sid (Prism answers every create with the same example sid; Twilio never would).
 */
export class RecordingRequestClient extends twilio.RequestClient {
  readonly sent: SentRequest[] = [];
  /** Requests that never got an answer from the stand-in (Twilio unreachable), with the error code seen. */
  readonly unanswered: { method: string; path: string; code: string }[] = [];
  /**
   * While set, requests go here instead of the mock (fault tests: a closed loopback port answers
   * ECONNREFUSED, a silent one times out) — Twilio unreachable, through the SDK's real HTTP stack.
   */
  divertTo: string | null = null;

  constructor(
    private readonly mockUrl: string,
    timeoutMs = 10_000,
    /** Other Twilio hosts' contract mocks, by host name (e.g. messaging.twilio.com → a Prism of twilio_messaging_v2.json). */
    private readonly hostMocks: Record<string, string> = {},
  ) {
    super({ timeout: timeoutMs });
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const target = new URL(opts.uri);
    const uri = `${this.divertTo ?? this.hostMocks[target.hostname] ?? this.mockUrl}${target.pathname}${target.search}`;
    const isJson = /json/i.test(String((opts.headers as Record<string, string> | undefined)?.['Content-Type'] ?? ''));
    const form = isJson ? [] : [...new URLSearchParams(opts.data ? toForm(opts.data as Record<string, unknown>) : '')];
    let response: Response<TData>;
    try {
      response = await super.request({ ...opts, uri });
    } catch (e) {
      this.unanswered.push({ method: opts.method.toUpperCase(), path: target.pathname, code: String((e as { code?: unknown }).code ?? 'error') });
      throw e;
    }
    const record: SentRequest = { method: opts.method.toUpperCase(), path: target.pathname, form, status: response.statusCode, body: response.body, json: isJson ? (opts.data ?? null) : null };
    this.sent.push(record);
    if (response.statusCode < 300 && response.body && typeof response.body === 'object' && 'sid' in response.body) {
      const prefix = String((response.body as { sid: string }).sid).slice(0, 2);
      if (opts.method.toUpperCase() === 'POST' && /\/(Messages|Calls)\.json$/.test(target.pathname)) {
        (response.body as { sid: string }).sid = `${prefix}${randomBytes(16).toString('hex')}`;
      }
    }
    return response;
  }

  /** Requests whose path ends with `suffix` (e.g. '/Messages.json'). */
  to(suffix: string | RegExp): SentRequest[] {
    return this.sent.filter((r) => (typeof suffix === 'string' ? r.path.endsWith(suffix) : suffix.test(r.path)));
  }
}

/** The SDK's form encoding (qs, arrayFormat "repeat"), so the recording shows what went on the wire. */
function toForm(data: Record<string, unknown>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) out.append(k, String(item));
  }
  return out.toString();
}

/** The fields of a recorded request as an object; repeated ones as arrays. */
export function formFields(request: SentRequest): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [k, v] of request.form) {
    const prev = fields[k];
    fields[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return fields;
}
