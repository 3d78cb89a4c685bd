import twilio from 'twilio';
import type { TwilioConfig } from '../env';
import { failureCode } from '../provider-failure';
import { classifyTwilioError } from './errors';

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

/** The code to store for a failed request: Twilio's (e.g. 63016 outside the window), or `unreachable`. */
export function twilioErrorCode(error: unknown): string {
  return failureCode(classifyTwilioError(error));
}
