import { z } from 'zod';
import { InvalidPhoneNumberError } from '@cc/core/errors';
import { builder } from '../builder';
import { TwilioNotConfiguredError } from '../messaging/errors';
import { createVoiceAccessToken, myVoiceEndpoint, setVoiceEndpoint } from '../voice/endpoints';
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

builder.queryField('myVoiceEndpoint', (t) =>
  t.field({
    type: VoiceEndpoint,
    description: 'Where the signed-in agent’s calls ring; NotAnAgentError for users who take no interactions.',
    authScopes: { user: true },
    errors: { types: [NotAnAgentError], directResult: true, union: { name: 'MyVoiceEndpointResult' } },
    resolve: (_r, _a, ctx) => myVoiceEndpoint(ctx, ctx.principal),
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
    resolve: async (_r, { input }, ctx) => ({ endpoint: await setVoiceEndpoint(ctx, ctx.principal, { kind: input.kind, phoneNumber: input.phoneNumber ?? null }) }),
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
    resolve: (_r, _a, ctx) => createVoiceAccessToken(ctx, ctx.principal),
  }),
);
