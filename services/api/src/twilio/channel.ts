import type twilio from 'twilio';
import type { CountryCode } from 'libphonenumber-js';
import type { TwilioConfig } from '@cc/channels/env';
import { createTwilioClient } from '@cc/channels/twilio/client';
import type { Db } from '@cc/db/database';
import { markDeliveredOutOfBand } from '@cc/db/repositories/outbound-messages';
import type { ChannelHooks } from '@cc/workflows/activities/routing';
import type { AppPubSub } from '../pubsub';
import type { RoutingService } from '../routing-service';
import { createTwilioWebhooks } from '../webhooks/twilio';
import type { TwilioDeps } from './deps';
import { bridgeToAgent } from './voice-calls';
import { deliverWhatsAppAutoReply } from './whatsapp-replies';

/** Twilio voice and WhatsApp, as the rest of the API sees them. */
export interface TwilioChannel {
  deps: TwilioDeps;
  /** Routing moments: bridge an assigned call, deliver a closed-hours auto-reply. */
  hooks: ChannelHooks;
  webhooks: ReturnType<typeof createTwilioWebhooks>;
}

export function createTwilioChannel(options: {
  config: TwilioConfig;
  /** The SDK's HTTP seam (tests: a RequestClient that sends to a contract-checking mock). */
  httpClient?: twilio.RequestClient;
  db: Db;
  routing: RoutingService;
  pubsub: AppPubSub;
  clock: () => Date;
  publicBaseUrl: () => string;
  region: CountryCode;
}): TwilioChannel {
  const deps: TwilioDeps = { ...options, client: createTwilioClient(options.config, options.httpClient) };
  return {
    deps,
    hooks: {
      onAssigned: (interaction) => bridgeToAgent(deps, interaction),
      deliverAutoReply: async (message, interaction) => {
        if (interaction.channel === 'whatsapp') await deliverWhatsAppAutoReply(deps, message, interaction);
        // A caller heard the closed-hours announcement from the voice webhook's TwiML.
        if (interaction.channel === 'voice') await markDeliveredOutOfBand(deps.db, { messageId: message.id, provider: 'twilio', now: deps.clock() });
      },
    },
    webhooks: createTwilioWebhooks(deps),
  };
}
