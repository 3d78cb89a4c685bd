import { z } from 'zod';
import { InvalidPhoneNumberError } from '@cc/core/errors';
import { normalizePhone } from '@cc/core/phone';
import { agentClientIdentity, voiceAccessToken } from '@cc/channels/twilio-voice/access-token';
import { getAgentVoiceEndpoint, setAgentVoiceEndpoint } from '@cc/db/repositories/agent-voice-endpoints';
import { getAgent } from '@cc/db/repositories/agents';
import { builder } from '../builder';
import type { Context } from '../context';
import { TwilioNotConfiguredError } from '../messaging/errors';
import { inputErrors } from './errors';
import { Interaction } from './interactions';
import { NotAnAgentError } from '../routing/errors';

const Recording = builder.simpleObject('CallRecording', {
  description: 'A call’s recording, kept by Twilio.',
  fields: (t) => ({
    sid: t.string({ description: 'Twilio Recording SID (RE…).' }),
    url: t.string({ description: 'Where to fetch the audio (Twilio; needs the account’s credentials).' }),
    durationSeconds: t.int({ nullable: true, description: 'Length in seconds; null when Twilio did not say.' }),
  }),
});

builder.objectField(Interaction, 'recording', (t) =>
  t.field({
    type: Recording,
    nullable: true,
    description: 'The call’s recording (Twilio), when recording is enabled and it is ready.',
    resolve: (i) => {
      const r = i.context.recording as { sid?: unknown; url?: unknown; durationSeconds?: unknown } | undefined;
      return r && typeof r.sid === 'string' && typeof r.url === 'string' ? { sid: r.sid, url: r.url, durationSeconds: typeof r.durationSeconds === 'number' ? r.durationSeconds : null } : null;
    },
  }),
);

builder.objectField(Interaction, 'callbackRequestedAt', (t) =>
  t.field({
    type: 'DateTime',
    nullable: true,
    description: 'A caller who reached a closed queue asked to be called back (pressed 1).',
    resolve: (i) => {
      const at = (i.context.callbackRequested as { at?: unknown } | undefined)?.at;
      return typeof at === 'string' ? new Date(at) : null;
    },
  }),
);

const VoiceEndpointKindEnum = builder.enumType('VoiceEndpointKind', {
  description: 'Where an agent’s calls are bridged.',
  values: {
    SOFTPHONE: { value: 'softphone', description: 'The console’s browser softphone (Twilio Voice JS SDK).' },
    PHONE: { value: 'phone', description: 'An ordinary phone number the call is forwarded to.' },
  } as const,
});

const VoiceEndpoint = builder.simpleObject('VoiceEndpoint', {
  description: 'Where the agent’s calls ring.',
  fields: (t) => ({
    kind: t.field({ type: VoiceEndpointKindEnum, description: 'Softphone or phone.' }),
    phoneNumber: t.string({ nullable: true, description: 'The number for PHONE, E.164; null for SOFTPHONE.' }),
    clientIdentity: t.string({ description: 'The Voice JS SDK identity calls ring on when kind is SOFTPHONE.' }),
  }),
});

async function agentId(ctx: Context): Promise<string> {
  if (ctx.principal.kind !== 'user') throw new NotAnAgentError();
  const agent = await getAgent(ctx.db, ctx.principal.userId);
  if (!agent) throw new NotAnAgentError();
  return agent.user_id;
}

builder.queryField('myVoiceEndpoint', (t) =>
  t.field({
    type: VoiceEndpoint,
    description: 'Where the signed-in agent’s calls ring; NotAnAgentError for users who take no interactions.',
    authScopes: { user: true },
    errors: { types: [NotAnAgentError], directResult: true, union: { name: 'MyVoiceEndpointResult' } },
    resolve: async (_r, _a, ctx) => {
      const id = await agentId(ctx);
      const endpoint = await getAgentVoiceEndpoint(ctx.db, id);
      return { kind: endpoint.kind, phoneNumber: endpoint.phoneNumber, clientIdentity: agentClientIdentity(id) };
    },
  }),
);

const VoiceEndpointInput = builder.inputType('VoiceEndpointInput', {
  description: 'Where your calls should ring.',
  fields: (t) => ({
    kind: t.field({ type: VoiceEndpointKindEnum, required: true, description: 'Softphone or phone.' }),
    phoneNumber: t.string({ required: false, description: 'Required for PHONE; international format.', validate: z.string().max(32).optional().nullable() }),
  }),
});

const VoiceEndpointPayload = builder.simpleObject('VoiceEndpointPayload', {
  description: 'The voice endpoint was saved.',
  fields: (t) => ({ endpoint: t.field({ type: VoiceEndpoint, description: 'Where your calls ring now.' }) }),
});

builder.mutationField('setVoiceEndpoint', (t) =>
  t.field({
    type: VoiceEndpointPayload,
    description: 'Take calls in the browser softphone or on a phone number.',
    authScopes: { user: true },
    errors: { types: [NotAnAgentError, InvalidPhoneNumberError, ...inputErrors], directResult: true, union: { name: 'SetVoiceEndpointResult' } },
    args: { input: t.arg({ type: VoiceEndpointInput, required: true, description: 'The endpoint.' }) },
    resolve: async (_r, { input }, ctx) => {
      const id = await agentId(ctx);
      const phoneNumber = input.kind === 'phone' ? normalizePhone(input.phoneNumber ?? '', ctx.env.DEFAULT_PHONE_REGION as never) : null;
      const saved = await setAgentVoiceEndpoint(ctx.db, { agentId: id, kind: input.kind, phoneNumber, now: ctx.clock() });
      return { endpoint: { kind: saved.kind, phoneNumber: saved.phone_number, clientIdentity: agentClientIdentity(id) } };
    },
  }),
);

const VoiceAccessToken = builder.simpleObject('VoiceAccessToken', {
  description: 'For the Twilio Voice JS SDK (`new Device(token)`): receives bridged calls as `identity`.',
  fields: (t) => ({
    token: t.string({ description: 'The access token (a JWT); secret, for this agent’s browser only.' }),
    identity: t.string({ description: 'The client identity calls are bridged to.' }),
    expiresAt: t.field({ type: 'DateTime', description: 'When it stops working; ask for a new one before.' }),
  }),
});

builder.mutationField('createVoiceAccessToken', (t) =>
  t.field({
    type: VoiceAccessToken,
    description: 'A short-lived Voice access token for the signed-in agent’s browser softphone.',
    authScopes: { user: true },
    errors: { types: [NotAnAgentError, TwilioNotConfiguredError], directResult: true, union: { name: 'CreateVoiceAccessTokenResult' } },
    resolve: async (_r, _a, ctx) => {
      const id = await agentId(ctx);
      const config = ctx.twilio?.deps.config;
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
      return { token, identity, expiresAt: new Date(ctx.clock().getTime() + ttl * 1000) };
    },
  }),
);
