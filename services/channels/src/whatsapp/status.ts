import { z } from 'zod';
import { describeIssue, type TwilioParams } from '../twilio/form';
import type { ParseResult } from './inbound';

export const messageStatuses = ['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'read', 'undelivered', 'failed', 'canceled', 'receiving', 'received'] as const;

const fields = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'MessageSid must be SM/MM + 32 hex digits'),
  AccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'AccountSid must be AC + 32 hex digits'),
  MessageStatus: z.enum(messageStatuses, { message: `MessageStatus must be one of ${messageStatuses.join(', ')}` }),
  ErrorCode: z.string().regex(/^\d{1,6}$/, 'ErrorCode must be a number').optional(),
});

export interface MessageStatusUpdate {
  messageSid: string;
  accountSid: string;
  status: (typeof messageStatuses)[number];
  errorCode: string | null;
}

/** Reads a message status callback (queued, sent, delivered, read, undelivered, failed + ErrorCode). */
export function parseMessageStatus(params: TwilioParams): ParseResult<MessageStatusUpdate> {
  const parsed = fields.safeParse(params);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues, params) };
  const p = parsed.data;
  return { ok: true, value: { messageSid: p.MessageSid, accountSid: p.AccountSid, status: p.MessageStatus, errorCode: p.ErrorCode && p.ErrorCode !== '0' ? p.ErrorCode : null } };
}
