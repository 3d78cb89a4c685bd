import twilio from 'twilio';

/**
 * Twilio's webhook signature: HMAC-SHA1 keyed with the auth token over the full public URL
 * followed by every POST parameter sorted by name (name then value), base64.
 */
export function isValidTwilioSignature(authToken: string, signature: string, url: string, params: Record<string, string>): boolean {
  return twilio.validateRequest(authToken, signature, url, params);
}

/** What Twilio would send as X-Twilio-Signature (tests and local tools sign with it). */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
