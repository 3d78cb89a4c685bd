import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { logger } from '@cc/core/logger';

/** One accepted SMTP transaction: the raw message and its envelope. */
export interface ReceivedMail {
  raw: Buffer;
  /** Envelope sender; '' for bounces (MAIL FROM:<>). */
  mailFrom: string;
  /** Accepted recipients (configured inboxes only), lower-case. */
  rcptTo: string[];
  sessionId: string;
}

/** A handler's way to refuse a mail for good (5xx); any other error answers 451 (try later). */
export class PermanentMailRefusal extends Error {
  constructor(message: string, readonly responseCode = 550) {
    super(message);
  }
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The inbound SMTP server: accepts mail only for `inboxes`, up to `maxBytes`, optionally behind
 * AUTH and STARTTLS, and hands each message to `onMail` before answering 250 — so the sender keeps
 * its copy (and retries) until the mail is stored.
 */
export async function startSmtpListener(options: {
  host: string;
  port: number;
  hostname: string;
  inboxes: readonly string[];
  maxBytes: number;
  auth: { user: string; password: string } | null;
  tls: { keyFile: string; certFile: string } | null;
  onMail(mail: ReceivedMail): Promise<void>;
}): Promise<SmtpListener> {
  const inboxes = new Set(options.inboxes.map((a) => a.toLowerCase()));
  const disabled: string[] = [];
  if (!options.auth) disabled.push('AUTH');
  if (!options.tls) disabled.push('STARTTLS');
  const config: SMTPServerOptions = {
    name: options.hostname,
    banner: 'contact center',
    size: options.maxBytes,
    logger: false,
    disabledCommands: disabled,
    authOptional: !options.auth,
    // Credentials over plain text are refused unless STARTTLS is offered; loopback relays excepted.
    allowInsecureAuth: !options.tls,
    ...(options.tls ? { key: readFileSync(options.tls.keyFile), cert: readFileSync(options.tls.certFile) } : {}),
    onAuth(auth, _session, callback) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.password;
      if (!ok) return callback(smtpError('Invalid username or password', 535));
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (!inboxes.has(address.address.toLowerCase())) return callback(smtpError(`No such mailbox here: ${address.address}`, 550));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e) => callback(e));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError(`Message exceeds the ${options.maxBytes} byte limit`, 552));
        }
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        options
          .onMail({ raw: Buffer.concat(chunks), mailFrom, rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), sessionId: session.id })
          .then(() => callback(null, 'Message accepted'))
          .catch((e: unknown) => {
            if (e instanceof PermanentMailRefusal) return callback(smtpError(e.message, e.responseCode));
            logger({ component: 'smtp', sessionId: session.id }).error({ err: e }, 'inbound mail could not be stored; the sender will retry');
            callback(smtpError('Temporary failure storing the message, try again later', 451));
          });
      });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', (e) => logger({ component: 'smtp' }).error({ err: e }, 'SMTP listener error'));
  await new Promise<void>((ok, fail) => {
    server.server.once('error', fail);
    server.listen(options.port, options.host, () => ok());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
