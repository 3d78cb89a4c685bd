import type { EmailEnv } from '@cc/channels/email/env';
import { createMailer } from '@cc/channels/email/send';
import { startSmtpListener, type SmtpListener } from '@cc/channels/email/smtp-listener';
import type { Db } from '@cc/db/database';
import type { ChannelHooks } from '@cc/workflows/activities/routing';
import type { AppPubSub } from '../pubsub';
import type { RoutingService } from '../routing/service';
import type { EmailDeps } from './deps';
import { receiveEmail } from './inbound';
import { sendAutomaticEmail } from './outbound';

/** Email as the rest of the API sees it: the SMTP listener, replies, the closed-hours hook. */
export interface EmailChannel {
  deps: EmailDeps;
  /** The port the SMTP listener bound (SMTP_LISTEN_PORT, or the one picked for 0); null without a listener. */
  smtpPort: number | null;
  hooks: Pick<ChannelHooks, 'deliverAutoReply'>;
  /** For `/ready`: the relay answers (checked at most every 30 s); without a relay, the listener is up. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

const relayCheckMs = 30_000;

/** `listen: false` (a worker apart) sends through the relay but takes no mail in. */
export async function startEmailChannel(options: { config: EmailEnv; db: Db; routing: RoutingService; pubsub: AppPubSub; clock: () => Date; listen?: boolean }): Promise<EmailChannel> {
  const { config, listen = true, ...rest } = options;
  const mailer = config.SMTP_RELAY_URL ? createMailer(config.SMTP_RELAY_URL, { insecureTls: config.SMTP_RELAY_INSECURE_TLS }) : null;
  const deps: EmailDeps = { ...rest, config, mailer };
  let listener: SmtpListener | null = null;
  try {
    if (listen) listener = await startSmtpListener({
      host: config.SMTP_LISTEN_HOST,
      port: config.SMTP_LISTEN_PORT,
      hostname: config.EMAIL_INBOXES[0]!.address.split('@')[1]!,
      inboxes: config.EMAIL_INBOXES.map((i) => i.address),
      maxBytes: config.SMTP_MAX_BYTES,
      auth: config.SMTP_AUTH_USER && config.SMTP_AUTH_PASSWORD ? { user: config.SMTP_AUTH_USER, password: config.SMTP_AUTH_PASSWORD } : null,
      tls: config.SMTP_TLS_KEY_FILE && config.SMTP_TLS_CERT_FILE ? { keyFile: config.SMTP_TLS_KEY_FILE, certFile: config.SMTP_TLS_CERT_FILE } : null,
      onMail: (mail) => receiveEmail(deps, mail),
    });
  } catch (e) {
    mailer?.close();
    throw e;
  }
  let relayCheck: { at: number; ok: Promise<boolean> } | null = null;
  return {
    deps,
    smtpPort: listener?.port ?? null,
    ready: async () => {
      if (!mailer) return true;
      const now = Date.now();
      if (!relayCheck || now - relayCheck.at > relayCheckMs) relayCheck = { at: now, ok: mailer.verify() };
      return relayCheck.ok;
    },
    hooks: {
      deliverAutoReply: async (message, interaction) => {
        if (interaction.channel === 'email') await sendAutomaticEmail(deps, interaction, message.body ?? '', message);
      },
    },
    close: async () => {
      await listener?.close();
      mailer?.close();
    },
  };
}
