import nodemailer from 'nodemailer';

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

export type SendOutcome = { ok: true } | { ok: false; errorCode: string; detail: string };

export interface Mailer {
  send(mail: OutboundMail): Promise<SendOutcome>;
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
        const err = e as { responseCode?: number; code?: string; message?: string };
        return { ok: false, errorCode: err.responseCode ? String(err.responseCode) : (err.code ?? 'ESEND'), detail: err.message ?? 'send failed' };
      }
    },
    close: () => transport.close(),
  };
}
