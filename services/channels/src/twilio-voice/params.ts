import { z } from 'zod';
import { describeIssue, type TwilioParams } from '../twilio/form';
import type { ParseResult } from '../whatsapp/inbound';

const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'CallSid must be CA + 32 hex digits');
const accountSid = z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'AccountSid must be AC + 32 hex digits');
export const callStatuses = ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
/** Statuses after which the call is over. */
export const endedCallStatuses: readonly string[] = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];

const incoming = z.object({
  CallSid: callSid,
  AccountSid: accountSid,
  // Withheld numbers arrive as "anonymous" and the like: checked by the caller, not refused here.
  From: z.string().min(1, 'From is required').max(64),
  To: z.string().min(1, 'To is required').max(64),
  CallStatus: z.enum(callStatuses, { message: `CallStatus must be one of ${callStatuses.join(', ')}` }),
  Direction: z.string().max(32).optional(),
});

export interface IncomingCall {
  callSid: string;
  accountSid: string;
  from: string;
  to: string;
  status: (typeof callStatuses)[number];
}

export function parseIncomingCall(params: TwilioParams): ParseResult<IncomingCall> {
  const parsed = incoming.safeParse(params);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues, params) };
  const p = parsed.data;
  return { ok: true, value: { callSid: p.CallSid, accountSid: p.AccountSid, from: p.From, to: p.To, status: p.CallStatus } };
}

/** Call status callbacks carry the same fields (plus duration), so they parse alike. */
export const parseCallStatus = parseIncomingCall;

const waiting = z.object({
  CallSid: callSid,
  AccountSid: accountSid,
  QueuePosition: z.coerce.number().int().min(0).max(100_000).optional(),
  AvgQueueTime: z.coerce.number().int().min(0).optional(),
  QueueTime: z.coerce.number().int().min(0).optional(),
});

export interface QueueWait {
  callSid: string;
  accountSid: string;
  position: number | null;
  averageWaitSeconds: number | null;
}

/** The <Enqueue> waitUrl request: where the caller is in Twilio's queue. */
export function parseQueueWait(params: TwilioParams): ParseResult<QueueWait> {
  const parsed = waiting.safeParse(params);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues, params) };
  const p = parsed.data;
  return { ok: true, value: { callSid: p.CallSid, accountSid: p.AccountSid, position: p.QueuePosition ?? null, averageWaitSeconds: p.AvgQueueTime ?? null } };
}

const recording = z.object({
  CallSid: callSid,
  AccountSid: accountSid,
  RecordingSid: z.string().regex(/^RE[0-9a-fA-F]{32}$/, 'RecordingSid must be RE + 32 hex digits'),
  RecordingUrl: z.url({ message: 'RecordingUrl must be a URL' }),
  RecordingStatus: z.enum(['in-progress', 'completed', 'absent', 'failed'], { message: 'RecordingStatus is not a recording status' }),
  RecordingDuration: z.coerce.number().int().min(0).optional(),
});

export interface RecordingUpdate {
  callSid: string;
  accountSid: string;
  recordingSid: string;
  url: string;
  status: string;
  durationSeconds: number | null;
}

export function parseRecording(params: TwilioParams): ParseResult<RecordingUpdate> {
  const parsed = recording.safeParse(params);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues, params) };
  const p = parsed.data;
  return { ok: true, value: { callSid: p.CallSid, accountSid: p.AccountSid, recordingSid: p.RecordingSid, url: p.RecordingUrl, status: p.RecordingStatus, durationSeconds: p.RecordingDuration ?? null } };
}

const gathered = z.object({ CallSid: callSid, AccountSid: accountSid, Digits: z.string().regex(/^[0-9*#]{0,32}$/, 'Digits must be keypad digits').default('') });

export function parseGather(params: TwilioParams): ParseResult<{ callSid: string; accountSid: string; digits: string }> {
  const parsed = gathered.safeParse(params);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues, params) };
  return { ok: true, value: { callSid: parsed.data.CallSid, accountSid: parsed.data.AccountSid, digits: parsed.data.Digits } };
}
