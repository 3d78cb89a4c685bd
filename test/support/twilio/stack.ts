import { afterAll, beforeAll, inject } from 'vitest';
import { parseApiEnv } from '@cc/api/env';
import { startSystem } from '@cc/api/system';
import { parseTwilioEnv, type TwilioConfig } from '@cc/channels/env';
import { attachGraphQLClient, testTemporalEnv, type TestApi } from '../api';
import { createTestDatabase } from '../postgres';
import { startMediaServer, type MediaServer } from './media-server';
import { startPrism, type PrismMock } from './prism';
import { RecordingRequestClient } from './recording-client';
import { testAccountSid, testAuthToken } from './signing';

export const whatsAppSender = 'whatsapp:+34910000000';
export const voiceNumber = '+34910000001';

/** The Twilio configuration every test stack runs with (test account, sender, one voice number). */
export function testTwilioConfig(overrides: Record<string, string> = {}): TwilioConfig {
  const config = parseTwilioEnv({
    TWILIO_ACCOUNT_SID: testAccountSid,
    TWILIO_AUTH_TOKEN: testAuthToken,
    TWILIO_API_KEY_SID: `SK${'b2'.repeat(16)}`,
    TWILIO_API_KEY_SECRET: 'test-api-key-secret-0123456789',
    TWILIO_WHATSAPP_FROM: whatsAppSender,
    TWILIO_VOICE_NUMBERS: voiceNumber,
    TWILIO_TWIML_APP_SID: `AP${'c3'.repeat(16)}`,
    ...overrides,
  });
  if (!config) throw new Error('test Twilio configuration is incomplete');
  return config;
}

/** Prism of the Senders API (messaging.twilio.com, twilio_messaging_v2.json): the WhatsApp sender's profile. */
export function startSendersPrism(): Promise<PrismMock> {
  return startPrism({ specFile: 'twilio_messaging_v2.json', keep: /^\/v2\/Channels\/Senders/ });
}

/** Prism with the parts of the contract the project calls: Messages and Calls, and what erasure deletes (Recordings, a message's Media). */
export function startTwilioPrism(): Promise<PrismMock> {
  return startPrism({ keep: /\/Accounts\/\{AccountSid\}\/((Messages|Calls)(\.json|\/\{Sid\}\.json)|Recordings\/\{Sid\}\.json|Messages\/\{MessageSid\}\/Media\/\{Sid\}\.json)$/ });
}

export interface TwilioTestApi extends TestApi {
  /** The contract mock standing in for api.twilio.com. */
  prism: PrismMock;
  /** With `senders: true`: the contract mock standing in for messaging.twilio.com (Senders API). */
  sendersPrism?: PrismMock;
  /** Every request the SDK sent, as sent, with Prism's status. */
  twilio: RecordingRequestClient;
  config: TwilioConfig;
  /** The stand-in for Twilio's media API (the only host inbound media is fetched from): `serve` files, name them with `url`. */
  media: MediaServer;
  /** Absolute URL of an API path, as Twilio would call it. */
  url(path: string): string;
}

/**
 * Like useTestApi (whole system, fresh database, in-memory Temporal, worker), with Twilio
 * configured: its REST requests go through the SDK to a Prism mock of Twilio's OpenAPI contract.
 */
export function useTwilioTestApi(
  options: {
    env?: Record<string, string>;
    twilioEnv?: Record<string, string>;
    /** Serve this built console (e.g. web/dist) from the API's origin, as `npm start` does. */
    webDist?: string;
    /** Also mock messaging.twilio.com's Senders API (the WhatsApp business profile). */
    senders?: boolean;
    /** Where subject-access packages are written (a temporary directory). */
    exportsDir?: string;
  } = {},
): TwilioTestApi {
  const handle = {} as TwilioTestApi;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    handle.prism = await startTwilioPrism();
    if (options.senders) handle.sendersPrism = await startSendersPrism();
    handle.twilio = new RecordingRequestClient(handle.prism.url, undefined, handle.sendersPrism ? { 'messaging.twilio.com': handle.sendersPrism.url } : {});
    const database = await createTestDatabase(inject('postgresUrl'));
    drop = database.drop;
    const api = parseApiEnv({ NODE_ENV: 'test', PORT: '0', JWT_SECRET: 'x'.repeat(40), SERVE_WEB: 'false', RUN_WORKER: 'true', WRAP_UP_SECONDS: '1', ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}), ...options.env });
    const temporal = testTemporalEnv(database.url);
    const config = testTwilioConfig(options.twilioEnv);
    handle.config = config;
    handle.media = await startMediaServer({ username: config.TWILIO_API_KEY_SID ?? config.TWILIO_ACCOUNT_SID, password: config.TWILIO_API_KEY_SECRET ?? config.TWILIO_AUTH_TOKEN }, {}, config.TWILIO_ACCOUNT_SID);
    handle.api = await startSystem({
      api,
      temporal,
      databaseUrl: database.url,
      temporalStore: 'memory',
      twilio: { config, httpClient: handle.twilio, mediaApiBase: handle.media.base },
      webDist: options.webDist,
      exportsDir: options.exportsDir,
    });
  }, 60_000);
  afterAll(async () => {
    await handle.api?.stop();
    await handle.prism?.stop();
    await handle.sendersPrism?.stop();
    await handle.media?.stop();
    await drop?.();
  });
  handle.url = (path) => `${handle.api.url}${path}`;
  attachGraphQLClient(handle, 'twilio.test');
  return handle;
}
