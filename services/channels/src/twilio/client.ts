import twilio from 'twilio';
import type { TwilioConfig } from '../env';

export type TwilioClient = twilio.Twilio;

/**
 * The REST client every outbound request goes through. `httpClient` is the SDK's own seam
 * (a RequestClient subclass): tests send the requests to a contract-checking mock with it.
 */
export function createTwilioClient(config: TwilioConfig, httpClient?: twilio.RequestClient): TwilioClient {
  const [username, password] = config.TWILIO_API_KEY_SID && config.TWILIO_API_KEY_SECRET
    ? [config.TWILIO_API_KEY_SID, config.TWILIO_API_KEY_SECRET]
    : [config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN];
  return twilio(username, password, { accountSid: config.TWILIO_ACCOUNT_SID, httpClient });
}

/** Twilio's error code of a refused REST request (e.g. 63016 outside the window), or a generic one. */
export function twilioErrorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && (typeof error.code === 'number' || typeof error.code === 'string')) return String(error.code);
  if (error && typeof error === 'object' && 'status' in error && typeof error.status === 'number') return `http_${error.status}`;
  return 'network';
}
