import { ProviderUnreachableError } from '@cc/channels/provider-failure';
import { z } from 'zod';
import { InvalidPhoneNumberError } from '@cc/core/errors';
import { consentState } from '@cc/core/consent';
import { messagingWindow } from '@cc/core/messaging-window';
import { currentConsent } from '@cc/db/repositories/consents';
import { lastInboundAt } from '@cc/db/repositories/customer-channel-state';
import { getInteraction } from '@cc/db/repositories/interactions';
import { pushLinkStats } from '@cc/db/repositories/push-links';
import { getMessage } from '@cc/db/repositories/messages';
import { getPush, listInteractionPushes } from '@cc/db/repositories/pushes';
import type { Push as PushRow } from '@cc/db/tables/pushes';
import { builder } from '../builder';
import { isAssignedAgent } from '../authorization/policy';
import type { Context } from '../context';
import { MediaRefusedError } from '../push/errors';
import type { PushRequest } from '../push/service';
import { CustomerOptedOutError, EmptyMessageError, TemplateVariablesMissingError, TwilioNotConfiguredError, WrongChannelError } from '../messaging/errors';
import { ConsentStateEnum } from './consent';
import { Customer } from './customers';
import { inputErrors } from './errors';
import { Interaction, Message } from './interactions';
import { ChannelEnum } from './routing-enums';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { assertCanSubscribeToInteraction } from './subscription-auth';
import { startingWith } from './subscription-start';
import { User } from './users';
import {
  LinkNotAllowedError,
  NoConsentError,
  NoTargetNumberError,
  SmsFallbackNotOfferedError,
  SmsRefusedError,
  TemplateNotApprovedError,
  TemplateRequiredError,
} from '../push/errors';
import { sendPushBySms, smsFallbackRefusal } from '../push/sms-fallback';
import { paceRefusals } from '../push/limits';
import { storePushFile } from '../push/media';
import { shortUrl } from '../push/short-links';
import { publicUrl } from '../twilio/deps';
import './push-errors';

const PushKindEnum = builder.enumType('PushKind', {
  description: 'What a push carries.',
  values: {
    LINK: { value: 'link', description: 'A tracked short link with a title (allow-listed domains only, PUSH_LINK_DOMAINS).' },
    MEDIA: { value: 'media', description: 'A file: an upload (uploadPushMedia) or a library document.' },
    LOCATION: { value: 'location', description: 'A map pin: coordinates, name and address.' },
    TEMPLATE: { value: 'template', description: 'An approved WhatsApp template alone, with its variables.' },
  } as const,
});
const PushModeEnum = builder.enumType('PushMode', {
  description: 'FREE_FORM inside the 24 h window; TEMPLATE (approved Content API template) outside it.',
  values: {
    FREE_FORM: { value: 'free_form', description: 'Sent as a free-form message, inside the 24 h window.' },
    TEMPLATE: { value: 'template', description: 'Sent through an approved template (the window was closed, or a template was asked for).' },
  } as const,
});
const SmsFallbackEnum = builder.enumType('SmsFallback', {
  description: 'OFFERED: WhatsApp cannot reach the number (63016-class error) and the customer consented; SENT once the agent sent it.',
  values: {
    OFFERED: { value: 'sms_offered', description: 'The agent may send it by SMS (sendPushBySms).' },
    SENT: { value: 'sms_sent', description: 'It was sent by SMS.' },
  } as const,
});

/** Where people and Twilio reach this API ('' without Twilio: then paths stay relative). */
const publicBase = (ctx: Context) => ctx.twilio?.deps.publicBaseUrl() ?? '';
/** A stored file's public address (uploads and library documents). */
export const mediaUrl = (ctx: Context, mediaId: string) => publicUrl({ publicBaseUrl: () => publicBase(ctx) }, `/media/${mediaId}`);

const PushLink = builder.simpleObject('PushLink', {
  description: 'A tracked short link in a push: opening it is recorded and redirects to the target.',
  fields: (t) => ({
    url: t.string({ description: 'Where it leads.' }),
    shortUrl: t.string({ description: 'What the customer received (/l/<token> on this API).' }),
    opens: t.int({ description: 'How many times it was opened.' }),
    firstOpenedAt: t.field({ type: 'DateTime', nullable: true, description: 'First opening; null while never opened.' }),
    lastOpenedAt: t.field({ type: 'DateTime', nullable: true, description: 'Latest opening; null while never opened.' }),
    lastUserAgent: t.string({ nullable: true, description: 'The browser’s User-Agent at the latest opening; null while never opened.' }),
  }),
});

const PushLocation = builder.simpleObject('PushLocation', {
  description: 'A map pin pushed to the caller.',
  fields: (t) => ({
    latitude: t.float({ description: 'Degrees, −90 to 90 (WGS 84).' }),
    longitude: t.float({ description: 'Degrees, −180 to 180 (WGS 84).' }),
    name: t.string({ description: 'The place’s name, shown with the pin.' }),
    address: t.string({ nullable: true, description: 'Its address; null when none was given.' }),
  }),
});

export const Push = builder.objectRef<PushRow>('Push').implement({
  description: 'A link, file, location or template an agent pushed over WhatsApp to the caller, and how far it got.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The push’s id (UUID); pass it to sendPushBySms.' }),
    kind: t.field({ type: PushKindEnum, description: 'What it carries.', resolve: (p) => p.kind }),
    mode: t.field({ type: PushModeEnum, description: 'Free-form or template.', resolve: (p) => p.mode }),
    status: t.exposeString('status', { description: 'pending until Twilio accepts it, then queued, sent, delivered, read — or failed / undelivered with errorCode.' }),
    errorCode: t.exposeString('error_code', { nullable: true, description: 'Twilio’s error code when it failed; null otherwise.' }),
    to: t.exposeString('to_number', { description: 'The number it went to, E.164.' }),
    templateSid: t.exposeString('template_sid', { nullable: true, description: 'Content SID (HX…) of the template used; null for free-form.' }),
    fallback: t.field({ type: SmsFallbackEnum, nullable: true, description: 'The SMS fallback, when WhatsApp could not reach the number; null otherwise.', resolve: (p) => p.fallback }),
    title: t.string({ nullable: true, description: 'A link push’s title; null for other kinds.', resolve: (p) => (p.content.kind === 'link' ? p.content.title : null) }),
    location: t.field({
      type: PushLocation,
      nullable: true,
      description: 'A location push’s pin; null for other kinds.',
      resolve: (p) => (p.content.kind === 'location' ? { latitude: p.content.latitude, longitude: p.content.longitude, name: p.content.name, address: p.content.address } : null),
    }),
    links: t.field({
      type: [PushLink],
      description: 'Its tracked links with their openings.',
      resolve: async (p, _a, ctx) => (await pushLinkStats(ctx.db, p.id)).map((l) => ({ ...l, shortUrl: shortUrl(publicBase(ctx), l.token) })),
    }),
    opened: t.boolean({ description: 'A link in it was opened.', resolve: async (p, _a, ctx) => (await pushLinkStats(ctx.db, p.id)).some((l) => l.opens > 0) }),
    message: t.field({
      type: Message,
      description: 'The WhatsApp (or SMS) message that carried it, on the customer’s timeline.',
      resolve: async (p, _a, ctx) => {
        const message = await getMessage(ctx.db, p.message_id);
        // Stored with the push in one statement: missing only if the database lost it.
        if (!message) throw new Error(`message ${p.message_id} of push ${p.id} is missing`);
        return message;
      },
    }),
    agent: t.field({ type: User, nullable: true, description: 'The agent who pushed it; null if that account is gone.', resolve: (p) => p.agent_id }),
    interaction: t.field({ type: Interaction, description: 'The call it was pushed during.', resolve: (p) => p.interaction_id }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When the agent pushed it.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When its status last changed.' }),
  }),
});

const PushPolicy = builder.simpleObject('PushPolicy', {
  description: 'What a push to this caller can be right now (the console reflects it; the server enforces it).',
  fields: (t) => ({
    consent: t.field({ type: ConsentStateEnum, description: 'The caller’s WhatsApp consent for service messages.' }),
    windowOpen: t.boolean({ description: 'Free-form allowed; otherwise only approved templates.' }),
    serviceWindowExpiresAt: t.field({ type: 'DateTime', nullable: true, description: 'When the 24 h window closes; null when it is closed.' }),
    targetNumber: t.string({ nullable: true, description: 'The caller id as E.164, the default target.' }),
  }),
});

async function windowOf(ctx: Context, customerId: string) {
  const hours = ctx.twilio?.deps.config.WHATSAPP_WINDOW_HOURS ?? 24;
  return messagingWindow(await lastInboundAt(ctx.db, customerId, 'whatsapp'), ctx.clock(), hours);
}

builder.objectFields(Interaction, (t) => ({
  pushes: t.field({ type: [Push], description: 'In-call pushes, oldest first.', resolve: (i, _a, ctx) => listInteractionPushes(ctx.db, i.id) }),
  pushPolicy: t.field({
    type: PushPolicy,
    nullable: true,
    description: 'For voice interactions: consent, WhatsApp window and target number.',
    resolve: async (i, _a, ctx) => {
      if (i.channel !== 'voice') return null;
      const window = await windowOf(ctx, i.customer_id);
      const consent = consentState(await currentConsent(ctx.db, i.customer_id, 'whatsapp', 'service'));
      return { consent, windowOpen: window.open, serviceWindowExpiresAt: window.open ? window.closesAt : null, targetNumber: typeof i.context.from === 'string' ? i.context.from : null };
    },
  }),
}));

builder.objectField(Customer, 'serviceWindowExpiresAt', (t) =>
  t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When the customer-service window on the channel closes (WhatsApp: 24 h after their last message); null when it is closed.',
    authScopes: { user: true, apiScope: 'customers:read' },
    args: { channel: t.arg({ type: ChannelEnum, required: false, defaultValue: 'whatsapp', description: 'The channel; WHATSAPP by default.' }) },
    resolve: async (c, { channel }, ctx) => {
      if ((channel ?? 'whatsapp') !== 'whatsapp') return null;
      const window = await windowOf(ctx, c.id);
      return window.open ? window.closesAt : null;
    },
  }),
);

const PushLinkInput = builder.inputType('PushLinkInput', {
  description: 'A link to push; sent as a tracked short link.',
  fields: (t) => ({
    url: t.string({ required: true, description: 'https URL on an allowed domain (PUSH_LINK_DOMAINS), up to 2000 characters.', validate: z.string().trim().min(1).max(2000) }),
    title: t.string({ required: true, description: 'Text shown with the link, 1–200 characters.', validate: z.string().trim().min(1).max(200) }),
  }),
});
const PushMediaInput = builder.inputType('PushMediaInput', {
  description: 'A file to push: an upload or a library document.',
  fields: (t) => ({
    mediaId: t.id({ required: false, description: 'A file from uploadPushMedia (or documentId instead).', validate: z.uuid('not a media id').optional().nullable() }),
    documentId: t.id({ required: false, description: 'A document from the approved library (pushDocuments), instead of an upload.', validate: z.uuid('not a document id').optional().nullable() }),
    caption: t.string({ required: false, description: 'Text with the file, up to 1024 characters.', validate: z.string().trim().max(1024).optional().nullable() }),
  }),
});
const PushLocationInput = builder.inputType('PushLocationInput', {
  description: 'A map pin to push.',
  fields: (t) => ({
    latitude: t.float({ required: true, description: 'Degrees, −90 to 90.', validate: z.number().min(-90).max(90) }),
    longitude: t.float({ required: true, description: 'Degrees, −180 to 180.', validate: z.number().min(-180).max(180) }),
    name: t.string({ required: true, description: 'The place’s name, 1–200 characters.', validate: z.string().trim().min(1).max(200) }),
    address: t.string({ required: false, description: 'Its address, up to 500 characters.', validate: z.string().trim().max(500).optional().nullable() }),
  }),
});
export const TemplateVariableInput = builder.inputType('TemplateVariableInput', {
  description: 'A value for one template placeholder.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The placeholder’s key (TemplateVariable.key), e.g. "1".', validate: z.string().regex(/^\w{1,20}$/) }),
    value: t.string({ required: true, description: 'Its value, up to 1024 characters; never empty (WhatsApp refuses it).', validate: z.string().max(1024) }),
  }),
});
const PushTemplateInput = builder.inputType('PushTemplateInput', {
  description: 'An approved WhatsApp template and its values.',
  fields: (t) => ({
    contentSid: t.string({ required: true, description: 'WhatsAppTemplate.contentSid (HX + 32 hex digits); it must be approved.', validate: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'a Content SID is HX + 32 hex digits') }),
    variables: t.field({ type: [TemplateVariableInput], required: false, description: 'Values for its placeholders.' }),
    contentVariable: t.string({ required: false, description: 'The placeholder that receives the link, file or map pin (default: the last one).', validate: z.string().regex(/^\w{1,20}$/).optional().nullable() }),
  }),
});

const PushInput = builder.inputType('PushInput', {
  description: 'Exactly one of link, media or location (or kind TEMPLATE with only a template). A template is required when the window is closed.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction], description: 'The call assigned to you.' }),
    kind: t.field({ type: PushKindEnum, required: true, description: 'What to push; the matching field below must be set.' }),
    link: t.field({ type: PushLinkInput, required: false, description: 'For LINK.' }),
    media: t.field({ type: PushMediaInput, required: false, description: 'For MEDIA.' }),
    location: t.field({ type: PushLocationInput, required: false, description: 'For LOCATION.' }),
    template: t.field({ type: PushTemplateInput, required: false, description: 'For TEMPLATE, or with any kind when the window is closed.' }),
    to: t.string({ required: false, description: 'A number the agent confirmed with the caller; default: the caller id.', validate: z.string().trim().min(3).max(40).optional().nullable() }),
  }),
});

const PushPayload = builder.simpleObject('PushPayload', {
  description: 'The push was accepted; its status follows on pushUpdated.',
  fields: (t) => ({ push: t.field({ type: Push, description: 'The push as stored.' }) }),
});

builder.mutationField('push', (t) =>
  t.field({
    type: PushPayload,
    description:
      'The agent on a call pushes a link, file, location or template to the caller over WhatsApp. Every rule is checked first (consent, opt-out, window → template, link domains, media limits, spacing, rate, daily budget); a refusal says why and nothing is sent. Progress arrives on pushUpdated.',
    authScopes: { user: true },
    errors: {
      types: [
        NotFoundError,
        NotYourInteractionError,
        InteractionStateError,
        WrongChannelError,
        TwilioNotConfiguredError,
        EmptyMessageError,
        NoTargetNumberError,
        InvalidPhoneNumberError,
        NoConsentError,
        CustomerOptedOutError,
        LinkNotAllowedError,
        MediaRefusedError,
        TemplateRequiredError,
        TemplateNotApprovedError,
        TemplateVariablesMissingError,
        ...paceRefusals,
        ...inputErrors,
      ],
      directResult: true,
      union: { name: 'PushResult' },
    },
    args: { input: t.arg({ type: PushInput, required: true, description: 'The call and what to push.' }) },
    resolve: async (_r, { input }, ctx) => {
      if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
      const given = input.kind === 'link' ? input.link : input.kind === 'media' ? input.media : input.kind === 'location' ? input.location : input.template;
      if (!given) throw new EmptyMessageError();
      const template = input.template
        ? { contentSid: input.template.contentSid, variables: Object.fromEntries((input.template.variables ?? []).map((v) => [v.key, v.value])), contentVariable: input.template.contentVariable ?? null }
        : null;
      const common = { interactionId: String(input.interactionId.id), agentId: ctx.principal.userId, to: input.to ?? null, template };
      let req: PushRequest;
      if (input.kind === 'link') req = { ...common, kind: 'link', url: input.link!.url.trim(), title: input.link!.title.trim() };
      else if (input.kind === 'media') {
        const { mediaId, documentId, caption } = input.media!;
        if (!mediaId === !documentId) throw new EmptyMessageError('Give either an uploaded file (mediaId) or a library document (documentId), not both.');
        const file = documentId ? { documentId: String(documentId) } : { mediaId: String(mediaId) };
        req = { ...common, kind: 'media', file, caption: caption?.trim() || null };
      }
      else if (input.kind === 'location') {
        const l = input.location!;
        req = { ...common, kind: 'location', latitude: l.latitude, longitude: l.longitude, name: l.name.trim(), address: l.address?.trim() || null };
      } else req = { ...common, kind: 'template' };
      return { push: await ctx.push.service.request(req) };
    },
  }),
);

/** A file to push, base64 in the GraphQL request (≤ 16 MB decoded, WhatsApp's largest). */
export const pushFileInputFields = {
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'not a content type'),
  dataBase64: z.string().max(Math.ceil((16 * 1024 * 1024 + 1) / 3) * 4 + 4),
};
const UploadPushMediaInput = builder.inputType('UploadPushMediaInput', {
  description: 'A file to push later.',
  fields: (t) => ({
    contentType: t.string({ required: true, description: 'MIME type; WhatsApp’s accepted media types only.', validate: pushFileInputFields.contentType }),
    dataBase64: t.string({ required: true, description: 'The file, base64 (≤ 16 MB decoded).', validate: pushFileInputFields.dataBase64 }),
  }),
});
const UploadedMedia = builder.simpleObject('UploadedPushMedia', {
  description: 'A stored file, ready to push (PushMediaInput.mediaId).',
  fields: (t) => ({
    mediaId: t.id({ description: 'Pass as PushMediaInput.mediaId.' }),
    contentType: t.string({ description: 'MIME type as checked.' }),
    sizeBytes: t.int({ description: 'Size in bytes.' }),
    url: t.string({ description: 'The file on this server (/media/<id>).' }),
  }),
});

builder.mutationField('uploadPushMedia', (t) =>
  t.field({
    type: UploadedMedia,
    description: 'Stores a file the agent will push; refused unless WhatsApp would take it (type, size, content matching its type).',
    authScopes: { user: true },
    errors: { types: [MediaRefusedError, ...inputErrors], directResult: true, union: { name: 'UploadPushMediaResult' } },
    args: { input: t.arg({ type: UploadPushMediaInput, required: true, description: 'The file.' }) },
    resolve: async (_r, { input }, ctx) => {
      const stored = await storePushFile(ctx.db, input, { kind: 'push_upload', uploadedBy: ctx.principal.kind === 'user' ? ctx.principal.userId : null });
      return { mediaId: stored.id, contentType: stored.content_type, sizeBytes: stored.size_bytes, url: mediaUrl(ctx, stored.id) };
    },
  }),
);

const SendPushBySmsInput = builder.inputType('SendPushBySmsInput', {
  description: 'The push whose SMS fallback to send.',
  fields: (t) => ({ pushId: t.id({ required: true, description: 'Push.id, with fallback OFFERED.', validate: z.uuid('not a push id') }) }),
});

builder.mutationField('sendPushBySms', (t) =>
  t.field({
    type: PushPayload,
    description: 'Sends an offered SMS fallback (Push.fallback OFFERED: WhatsApp cannot reach the number) once, with the push’s text and link.',
    authScopes: { user: true },
    errors: {
      types: [NotFoundError, NotYourInteractionError, TwilioNotConfiguredError, SmsFallbackNotOfferedError, NoConsentError, SmsRefusedError, ProviderUnreachableError, ...inputErrors],
      directResult: true,
      union: { name: 'SendPushBySmsResult' },
    },
    args: { input: t.arg({ type: SendPushBySmsInput, required: true, description: 'Which push.' }) },
    resolve: async (_r, { input }, ctx) => {
      if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
      const push = await getPush(ctx.db, String(input.pushId));
      if (!push) throw new NotFoundError('Push');
      const interaction = await getInteraction(ctx.db, push.interaction_id);
      if (!interaction || !isAssignedAgent(ctx.principal, interaction)) throw new NotYourInteractionError();
      if (!ctx.twilio) throw new TwilioNotConfiguredError('SMS');
      const from = ctx.env.PUSH_SMS_FROM ?? ctx.twilio.deps.config.TWILIO_VOICE_NUMBERS[0]?.number ?? null;
      const outcome = await sendPushBySms({ db: ctx.db, clock: ctx.clock, twilio: ctx.twilio, from, mediaUrls: ctx.mediaUrls, linkTtlSeconds: ctx.env.MEDIA_LINK_TTL_SECONDS }, push, ctx.principal.userId);
      if (outcome.ok) {
        ctx.push.service.published(outcome.push);
        return { push: outcome.push };
      }
      throw smsFallbackRefusal(outcome);
    },
  }),
);

builder.subscriptionField('pushUpdated', (t) =>
  t.field({
    type: Push,
    description: 'Each push of the interaction as it is now, then each push as it moves: requested, sent, delivered, read, failed, link opened, fallback offered.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    args: { interactionId: t.arg.globalID({ required: true, for: [Interaction], description: 'An interaction you may read.' }) },
    subscribe: async (_r, { interactionId }, ctx) => {
      await assertCanSubscribeToInteraction(ctx, String(interactionId.id));
      const id = String(interactionId.id);
      const live = ctx.pubsub.subscribe('pushUpdated', id);
      return startingWith(async () => (await listInteractionPushes(ctx.db, id)).map((p) => ({ pushId: p.id })), live);
    },
    resolve: async (payload, _a, ctx) => (await getPush(ctx.db, String(payload.pushId)))!,
  }),
);
