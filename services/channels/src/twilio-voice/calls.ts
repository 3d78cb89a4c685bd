import type { TwilioClient } from '../twilio/client';

/**
 * Gives a live call new instructions (the REST "modify a call" request): bridging a queued caller
 * to an agent, or back to hold after a transfer. Throws the SDK's RestException when Twilio refuses
 * (e.g. 21220: the call is no longer in progress).
 */
export async function redirectCall(client: TwilioClient, callSid: string, twiml: string): Promise<{ status: string }> {
  const call = await client.calls(callSid).update({ twiml });
  return { status: call.status };
}

/** Twilio's codes for "that call is over or unknown": nothing left to bridge. */
export function isCallGoneError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = 'code' in error ? Number(error.code) : NaN;
  const status = 'status' in error ? Number(error.status) : NaN;
  return code === 21220 || code === 20404 || status === 404;
}
