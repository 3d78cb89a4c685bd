import type { CountryCode } from 'libphonenumber-js';
import type { TwilioConfig } from '@cc/channels/env';
import type { TwilioClient } from '@cc/channels/twilio/client';
import type { Db } from '@cc/db/database';
import type { Message } from '@cc/db/tables/messages';
import type { AppPubSub } from '../pubsub';
import type { RoutingService } from '../routing/service';

/** What the Twilio channel's services share. */
export interface TwilioDeps {
  config: TwilioConfig;
  client: TwilioClient;
  db: Db;
  routing: RoutingService;
  pubsub: AppPubSub;
  clock: () => Date;
  /** The URL Twilio reaches this API at (PUBLIC_BASE_URL, or the listening address). */
  publicBaseUrl: () => string;
  region: CountryCode;
  /** Where inbound media may be fetched from with the account's credentials: Twilio's API (tests: a stand-in). */
  mediaApiBase?: string;
  /** PUSH_LINK_DOMAINS: where links in automatic replies may point (none when left out). */
  allowedLinkDomains?: readonly string[];
  /** Told of every status recorded on one of our outbound WhatsApp messages (pushes follow theirs). */
  onOutboundStatus?: (message: Message) => Promise<void>;
  /** Told of every customer's WhatsApp message once stored on its interaction (a campaign reply is tied to its campaign). */
  onInboundWhatsApp?: (message: Message) => Promise<void>;
}

export function publicUrl(deps: Pick<TwilioDeps, 'publicBaseUrl'>, path: string): string {
  return `${deps.publicBaseUrl().replace(/\/+$/, '')}${path}`;
}
