import type twilio from 'twilio';
import { createTwilioClient } from '@cc/channels/twilio/client';
import { markDeliveredOutOfBand } from '@cc/db/repositories/outbound-messages';
import type { ChannelHooks } from '@cc/workflows/activities/routing';
import { createTwilioWebhooks } from '../webhooks/twilio';
import type { TwilioDeps } from './deps';
import { bridgeFailed, bridgeToAgent } from './voice-calls';
import { deliverWhatsAppAutoReply } from './whatsapp-replies';

/** Twilio voice and WhatsApp, as the rest of the API sees them. */
export interface TwilioChannel {
  deps: TwilioDeps;
  /** Routing moments: bridge an assigned call, deliver a closed-hours auto-reply. */
  hooks: ChannelHooks;
  webhooks: ReturnType<typeof createTwilioWebhooks>;
}

export function createTwilioChannel(
  options: Omit<TwilioDeps, 'client'> & {
    /** The SDK's HTTP seam (tests: a RequestClient that sends to a contract-checking mock). */
    httpClient?: twilio.RequestClient;
  },
): TwilioChannel {
  const deps: TwilioDeps = { ...options, client: createTwilioClient(options.config, options.httpClient) };
  return {
    deps,
    hooks: {
      onAssigned: (interaction) => bridgeToAgent(deps, interaction),
      onConnectFailed: (interaction, reason) => bridgeFailed(deps, interaction, reason),
      deliverAutoReply: async (message, interaction) => {
        if (interaction.channel === 'whatsapp') await deliverWhatsAppAutoReply(deps, message, interaction);
        // A caller heard the closed-hours announcement from the voice webhook's TwiML.
        if (interaction.channel === 'voice') await markDeliveredOutOfBand(deps.db, { messageId: message.id, provider: 'twilio', now: deps.clock() });
      },
    },
    webhooks: createTwilioWebhooks(deps),
  };
}
