import type { CountryCode } from 'libphonenumber-js';
import { normalizePhone } from '@cc/core/phone';
import { agentClientIdentity, voiceAccessToken } from '@cc/channels/twilio-voice/access-token';
import { getAgent } from '@cc/db/repositories/agents';
import { getAgentVoiceEndpoint, setAgentVoiceEndpoint } from '@cc/db/repositories/agent-voice-endpoints';
import type { VoiceEndpointKind } from '@cc/db/tables/agent-voice-endpoints';
import type { ApiServices, Principal } from '../context';
import { TwilioNotConfiguredError } from '../messaging/errors';
import { NotAnAgentError } from '../routing/errors';

/** Where an agent's calls ring: the browser softphone (as `clientIdentity`) or a phone number. */
export interface VoiceEndpoint {
  kind: VoiceEndpointKind;
  phoneNumber: string | null;
  clientIdentity: string;
}

/** The signed-in user, when they are an agent. */
async function signedInAgent(deps: Pick<ApiServices, 'db'>, principal: Principal): Promise<string> {
  if (principal.kind !== 'user') throw new NotAnAgentError();
  const agent = await getAgent(deps.db, principal.userId);
  if (!agent) throw new NotAnAgentError();
  return agent.user_id;
}

export async function myVoiceEndpoint(deps: Pick<ApiServices, 'db'>, principal: Principal): Promise<VoiceEndpoint> {
  const id = await signedInAgent(deps, principal);
  const endpoint = await getAgentVoiceEndpoint(deps.db, id);
  return { kind: endpoint.kind, phoneNumber: endpoint.phoneNumber, clientIdentity: agentClientIdentity(id) };
}

/** The agent takes calls in the softphone, or on a phone number (international format; throws InvalidPhoneNumberError). */
export async function setVoiceEndpoint(
  deps: Pick<ApiServices, 'db' | 'clock' | 'env'>,
  principal: Principal,
  choice: { kind: VoiceEndpointKind; phoneNumber: string | null },
): Promise<VoiceEndpoint> {
  const id = await signedInAgent(deps, principal);
  const phoneNumber = choice.kind === 'phone' ? normalizePhone(choice.phoneNumber ?? '', deps.env.DEFAULT_PHONE_REGION as CountryCode) : null;
  const saved = await setAgentVoiceEndpoint(deps.db, { agentId: id, kind: choice.kind, phoneNumber, now: deps.clock() });
  return { kind: saved.kind, phoneNumber: saved.phone_number, clientIdentity: agentClientIdentity(id) };
}

/** A short-lived Twilio Voice access token on which the agent's browser softphone receives bridged calls. */
export async function createVoiceAccessToken(
  deps: Pick<ApiServices, 'db' | 'clock' | 'twilio'>,
  principal: Principal,
): Promise<{ token: string; identity: string; expiresAt: Date }> {
  const id = await signedInAgent(deps, principal);
  const config = deps.twilio?.deps.config;
  if (!config?.TWILIO_API_KEY_SID || !config.TWILIO_API_KEY_SECRET) throw new TwilioNotConfiguredError('The browser softphone (TWILIO_API_KEY_SID/SECRET)');
  const identity = agentClientIdentity(id);
  const ttl = config.TWILIO_VOICE_TOKEN_TTL_SECONDS;
  const token = voiceAccessToken({
    accountSid: config.TWILIO_ACCOUNT_SID,
    apiKeySid: config.TWILIO_API_KEY_SID,
    apiKeySecret: config.TWILIO_API_KEY_SECRET,
    twimlAppSid: config.TWILIO_TWIML_APP_SID ?? null,
    identity,
    ttlSeconds: ttl,
  });
  return { token, identity, expiresAt: new Date(deps.clock().getTime() + ttl * 1000) };
}
