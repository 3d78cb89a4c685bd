import { z } from 'zod';
import { ProviderUnreachableError } from '@cc/channels/provider-failure';
import { builder } from '../builder';
import { LinkNotAllowedError, TemplateNotApprovedError } from '../push/errors';
import { paceRefusals } from '../push/limits';
import { sendWhatsAppMessage } from '../messaging/send-whatsapp-message';
import { whatsAppReplyWindow } from '../messaging/window';
import { CustomerOptedOutError, EmptyMessageError, MessageRefusedByProviderError, TemplateVariablesMissingError, TwilioNotConfiguredError, WhatsAppWindowClosedError, WrongChannelError } from '../messaging/errors';
import { inputErrors } from './errors';
import { Interaction, Message } from './interactions';
import { TemplateVariableInput } from './push';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';

const MessagingWindow = builder.simpleObject('MessagingWindow', {
  description: 'WhatsApp’s customer-service window: free-form replies only while open.',
  fields: (t) => ({
    open: t.boolean({ description: 'True while a free-form reply may be sent (within 24 h of the customer’s last WhatsApp message); otherwise only approved templates.' }),
    closesAt: t.field({ type: 'DateTime', nullable: true, description: 'Null when the customer never wrote on WhatsApp.' }),
    optedOut: t.boolean({ description: 'The customer replied STOP (or similar): nothing may be sent.' }),
  }),
});

builder.objectField(Interaction, 'whatsAppWindow', (t) =>
  t.field({
    type: MessagingWindow,
    nullable: true,
    description: 'For WhatsApp interactions when Twilio is configured: may a free-form reply be sent now?',
    resolve: (i, _a, ctx) => whatsAppReplyWindow(ctx, i),
  }),
);

const RefusedMedia = builder.simpleObject('RefusedMedia', {
  description: 'A file the customer sent that was not kept (type or size WhatsApp does not allow, or unavailable).',
  fields: (t) => ({
    contentType: t.string({ description: 'The MIME type the customer’s file declared.' }),
    reason: t.string({ description: 'Why it was not kept, for a person to read.' }),
  }),
});

builder.objectField(Message, 'buttonPayload', (t) =>
  t.string({
    nullable: true,
    description: 'The payload of the quick-reply button the customer pressed (WhatsApp ButtonPayload).',
    resolve: (m) => {
      const button = m.context.button as { payload?: unknown } | undefined;
      return typeof button?.payload === 'string' ? button.payload : null;
    },
  }),
);

builder.objectField(Message, 'refusedMedia', (t) =>
  t.field({
    type: [RefusedMedia],
    description: 'Files the customer sent with this message that were not kept; empty when all were.',
    resolve: (m) => (Array.isArray(m.context.refusedMedia) ? (m.context.refusedMedia as { contentType: string; reason: string }[]) : []),
  }),
);

const LocationInput = builder.inputType('LocationInput', {
  description: 'A map pin to send on WhatsApp.',
  fields: (t) => ({
    latitude: t.float({ required: true, description: 'Degrees, −90 to 90.', validate: z.number().min(-90).max(90) }),
    longitude: t.float({ required: true, description: 'Degrees, −180 to 180.', validate: z.number().min(-180).max(180) }),
    label: t.string({ required: false, description: 'The place’s name, up to 200 characters.', validate: z.string().trim().min(1).max(200).optional().nullable() }),
  }),
});

const ReplyTemplateInput = builder.inputType('ReplyTemplateInput', {
  description: 'An approved WhatsApp template (Content API) and a value for each of its placeholders.',
  fields: (t) => ({
    contentSid: t.string({ required: true, validate: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'a Content SID is HX + 32 hex digits') }),
    variables: t.field({ type: [TemplateVariableInput], required: false }),
  }),
});

type ReplyShape = { body?: string | null; mediaUrls?: readonly string[] | null; location?: unknown; template?: unknown };

const SendWhatsAppMessageInput = builder.inputType('SendWhatsAppMessageInput', {
  description: 'Text, media (up to 10 public URLs), a location, or a combination; or, on its own, an approved template (the only way once the 24 h window has closed).',
  // A template's body is fixed by WhatsApp: anything beside it would silently not be sent.
  validate: z.custom<ReplyShape>((i) => {
    const r = i as ReplyShape;
    return !r.template || (!r.body?.trim() && !r.mediaUrls?.length && !r.location);
  }, 'A template is sent on its own: leave out the text, media and location.'),
  fields: (t) => ({
    template: t.field({ type: ReplyTemplateInput, required: false }),
    interactionId: t.globalID({ required: true, for: [Interaction] }),
    body: t.string({ required: false, validate: z.string().max(4096, 'WhatsApp messages are at most 4096 characters').optional().nullable() }),
    mediaUrls: t.stringList({
      required: false,
      validate: z.array(z.url({ protocol: /^https?$/, message: 'each media URL must be an http(s) URL' })).max(10, 'WhatsApp takes at most 10 media per message').optional().nullable(),
    }),
    location: t.field({ type: LocationInput, required: false }),
  }),
});

// `sent`, not `message`: it would clash with `... on Error { message }` in the same selection.
const SendWhatsAppMessagePayload = builder.simpleObject('SendWhatsAppMessagePayload', {
  description: 'The message was handed to Twilio.',
  fields: (t) => ({ sent: t.field({ type: Message, description: 'The stored message; its deliveryStatus moves on as Twilio reports.' }) }),
});

builder.mutationField('sendWhatsAppMessage', (t) =>
  t.field({
    type: SendWhatsAppMessagePayload,
    description:
      'The assigned agent replies on a WhatsApp interaction (assigned or in wrap-up). Free-form is refused before sending when the 24 h window is closed (choose an approved template then) or the customer opted out; delivery updates (sent, delivered, read, failed) arrive on interactionUpdated.',
    authScopes: { user: true },
    errors: {
      types: [
        NotFoundError,
        NotYourInteractionError,
        InteractionStateError,
        WrongChannelError,
        EmptyMessageError,
        LinkNotAllowedError,
        WhatsAppWindowClosedError,
        TemplateNotApprovedError,
        TemplateVariablesMissingError,
        ...paceRefusals,
        CustomerOptedOutError,
        TwilioNotConfiguredError,
        MessageRefusedByProviderError,
        ProviderUnreachableError,
        ...inputErrors,
      ],
      directResult: true,
      union: { name: 'SendWhatsAppMessageResult' },
    },
    args: { input: t.arg({ type: SendWhatsAppMessageInput, required: true, description: 'The interaction and what to send.' }) },
    resolve: async (_r, { input }, ctx) => {
      const content = input.template
        ? { kind: 'template' as const, contentSid: input.template.contentSid, variables: Object.fromEntries((input.template.variables ?? []).map((v) => [v.key, v.value])) }
        : { kind: 'free_form' as const, body: input.body ?? null, mediaUrls: input.mediaUrls ?? [], location: input.location ? { latitude: input.location.latitude, longitude: input.location.longitude, label: input.location.label ?? null } : null };
      return { sent: await sendWhatsAppMessage(ctx, { principal: ctx.principal, interactionId: String(input.interactionId.id), content }) };
    },
  }),
);
