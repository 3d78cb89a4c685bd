import nodemailer from 'nodemailer';
import { failureCode, type ProviderFailure } from '../provider-failure';

export interface OutboundMail {
  from: { address: string; name: string };
  to: string;
  subject: string;
  text: string;
  /** Message-ID to send with (no angle brackets); stored so the customer's reply threads back. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** RFC 3834: set on automatic answers so other auto-responders stay quiet. */
  autoReplied: boolean;
}

export type SendOutcome = { ok: true } | { ok: false; errorCode: string; detail: string; failure: ProviderFailure };

/** Errors of a relay that could not be reached or broke off (nodemailer's codes). */
const connectionCodes = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** Of those, the ones where the connection never opened: nothing was handed over. */
const neverConnected = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'EDNS']);

/**
 * The one place a failed SMTP send is classified: a 5xx reply is the relay's permanent refusal (its
 * code kept); a 4xx reply (try later) or a connection that failed is `unreachable`. The relay accepts
 * a message only at the end of DATA, so a failure before that sent nothing.
 */
export function classifySmtpError(error: unknown): ProviderFailure {
  const err = (error ?? {}) as { responseCode?: number; code?: string; message?: string; command?: string };
  const detail = err.message ?? String(error);
  if (typeof err.responseCode === 'number' && err.responseCode >= 500) return { kind: 'refused', code: String(err.responseCode), detail };
  if (typeof err.responseCode === 'number' && err.responseCode >= 400) return { kind: 'unreachable', certainlyNotSent: true, detail: `relay answered ${err.responseCode}: ${detail}` };
  const code = err.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (code && connectionCodes.has(code)) {
    const beforeData = neverConnected.has(code) || (err.command !== undefined && err.command !== 'DATA');
    return { kind: 'unreachable', certainlyNotSent: beforeData || code === 'ECONNECTION', detail: `${code}: ${detail}` };
  }
  return { kind: 'refused', code: code ?? 'ESEND', detail };
}

export interface Mailer {
  send(mail: OutboundMail): Promise<SendOutcome>;
  /** Whether the relay answers and accepts our credentials now (connects; for readiness checks). */
  verify(): Promise<boolean>;
  close(): void;
}

const bracket = (id: string) => `<${id}>`;

/** Sends through the configured relay; a refusal comes back as an outcome with the SMTP code. */
export function createMailer(relayUrl: string, options: { insecureTls: boolean }): Mailer {
  const url = new URL(relayUrl);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    tls: options.insecureTls ? { rejectUnauthorized: false } : undefined,
  });
  return {
    send: async (mail) => {
      try {
        await transport.sendMail({
          from: { address: mail.from.address, name: mail.from.name },
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: bracket(mail.messageId),
          inReplyTo: mail.inReplyTo ? bracket(mail.inReplyTo) : undefined,
          references: mail.references.length ? mail.references.map(bracket).join(' ') : undefined,
          attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
          headers: mail.autoReplied ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {},
        });
        return { ok: true };
      } catch (e) {
        const failure = classifySmtpError(e);
        return { ok: false, errorCode: failureCode(failure), detail: failure.detail, failure };
      }
    },
    verify: () => transport.verify().then(
      () => true,
      () => false,
    ),
    close: () => transport.close(),
  };
}
