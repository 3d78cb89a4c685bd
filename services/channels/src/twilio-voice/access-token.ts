import twilio from 'twilio';

/** The Voice JS SDK identity of an agent: letters, digits and underscores only. */
export function agentClientIdentity(agentId: string): string {
  return `agent_${agentId.replace(/[^A-Za-z0-9]/g, '')}`;
}

/**
 * A Voice access token for an agent's browser softphone: receives calls as its identity (bridged
 * callers) and places calls through the TwiML app. Signed with an API key (Twilio requires one).
 */
export function voiceAccessToken(opts: { accountSid: string; apiKeySid: string; apiKeySecret: string; twimlAppSid: string | null; identity: string; ttlSeconds: number }): string {
  const token = new twilio.jwt.AccessToken(opts.accountSid, opts.apiKeySid, opts.apiKeySecret, { identity: opts.identity, ttl: opts.ttlSeconds });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true, ...(opts.twimlAppSid ? { outgoingApplicationSid: opts.twimlAppSid } : {}) }));
  return token.toJwt();
}
