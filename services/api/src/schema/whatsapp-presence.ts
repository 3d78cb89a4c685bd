import { z } from 'zod';
import { isQueueOpen, nextOpening } from '@cc/core/business-hours';
import { parseAllowList } from '@cc/core/link-allow-list';
import { maxPatternLength, senderVerticals, type AutoReplyTextKind, type ReplyLanguage, type SenderProfile } from '@cc/core/whatsapp-presence';
import { ProviderRefusedError, ProviderUnreachableError } from '@cc/channels/provider-failure';
import { findChannelQueue } from '@cc/db/repositories/channel-queues';
import { getQueue } from '@cc/db/repositories/queues';
import { getWebchatSite } from '@cc/db/repositories/webchat';
import type { Queue as QueueRow } from '@cc/db/tables/queues';
import type { WhatsAppSenderProfileRow } from '@cc/db/tables/whatsapp-presence';
import { builder } from '../builder';
import type { Context } from '../context';
import { TwilioNotConfiguredError } from '../messaging/errors';
import { NotFoundError } from '../routing/errors';
import { queueAutoReplies, saveQueueAutoReplies, type QueueAutoReplies } from '../whatsapp-presence/auto-reply-settings';
import { clickToWhatsApp, defaultPrefill, whatsAppLinkFor, type ClickToWhatsApp } from '../whatsapp-presence/click-to-whatsapp';
import { WhatsAppSenderNotConfiguredError, WhatsAppSettingInvalidError } from '../whatsapp-presence/errors';
import { cachedSenderProfile, refreshSenderProfile, updateSenderProfile } from '../whatsapp-presence/sender-profile';
import { inputErrors } from './errors';
import { Message } from './interactions';
import { Queue } from './queues';

/*
 * The company's WhatsApp presence: the sender's business profile (admins edit it through Twilio's
 * Senders API; the widget reads the cached copy), per-queue automatic replies and click-to-WhatsApp.
 */

function twilioOf(ctx: Context) {
  if (!ctx.twilio) throw new TwilioNotConfiguredError('WhatsApp');
  return ctx.twilio.deps;
}
const userIdOf = (ctx: Context) => (ctx.principal.kind === 'user' ? ctx.principal.userId : null);

const BusinessProfile = builder.objectRef<SenderProfile>('WhatsAppBusinessProfile').implement({
  description: 'The WhatsApp sender’s public profile, as customers see it in WhatsApp.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true, description: 'Display name (Meta’s display-name rules).' }),
    about: t.exposeString('about', { nullable: true, description: 'The short “about” line, up to 139 characters.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the business does, up to 512 characters.' }),
    address: t.exposeString('address', { nullable: true, description: 'Postal address.' }),
    emails: t.exposeStringList('emails', { description: 'Up to 2 e-mail addresses.' }),
    websites: t.exposeStringList('websites', { description: 'Up to 2 websites.' }),
    vertical: t.exposeString('vertical', { nullable: true, description: 'WhatsApp’s business category (e.g. Professional Services).' }),
    logoUrl: t.exposeString('logoUrl', { nullable: true, description: 'Logo image URL.' }),
  }),
});

const WhatsAppSender = builder.objectRef<WhatsAppSenderProfileRow>('WhatsAppSender').implement({
  description: 'The WhatsApp sender as last read from (or written to) Twilio. Administrators only.',
  fields: (t) => ({
    sid: t.exposeString('sender_sid', { description: 'Twilio’s sender SID (XE…).' }),
    senderId: t.exposeString('sender_id', { nullable: true, description: 'The sender’s address, whatsapp:+E164.' }),
    status: t.exposeString('status', { nullable: true, description: 'Twilio’s status: ONLINE, ONLINE:UPDATING (a profile change is being applied), VERIFYING, TWILIO_REVIEW, OFFLINE…' }),
    profile: t.field({ type: BusinessProfile, description: 'The public profile (after an update: what was asked for, while Twilio applies it).', resolve: (s) => s.profile }),
    fetchedAt: t.expose('fetched_at', { type: 'DateTime', description: 'When Twilio last answered about it.' }),
    verticals: t.stringList({ description: 'The categories `profile.vertical` may take (Twilio’s contract).', resolve: () => [...senderVerticals] }),
  }),
});

builder.queryField('whatsAppSender', (t) =>
  t.field({
    type: WhatsAppSender,
    nullable: true,
    description: 'Administrators: the WhatsApp sender’s profile and status as cached (refreshWhatsAppSender reads Twilio again); null before the first read.',
    authScopes: { admin: true },
    resolve: (_r, _a, ctx) => cachedSenderProfile(twilioOf(ctx)),
  }),
);

const WhatsAppSenderPayload = builder.simpleObject('WhatsAppSenderPayload', {
  description: 'Twilio answered; the cached sender is updated.',
  fields: (t) => ({ sender: t.field({ type: WhatsAppSender, description: 'The sender as now cached.' }) }),
});

const senderErrors = [TwilioNotConfiguredError, WhatsAppSenderNotConfiguredError, ProviderUnreachableError, ProviderRefusedError];

builder.mutationField('refreshWhatsAppSender', (t) =>
  t.field({
    type: WhatsAppSenderPayload,
    description: 'Administrators: reads the sender’s profile and status from Twilio’s Senders API and caches them. Twilio down answers ProviderUnreachableError (the cache is kept).',
    authScopes: { admin: true },
    errors: { types: senderErrors, directResult: true, union: { name: 'RefreshWhatsAppSenderResult' } },
    resolve: async (_r, _a, ctx) => ({ sender: await refreshSenderProfile(twilioOf(ctx)) }),
  }),
);

const optionalText = (max: number) => z.string().max(max).optional().nullable();

const WhatsAppBusinessProfileInput = builder.inputType('WhatsAppBusinessProfileInput', {
  description: 'The whole public profile (fields left out are cleared).',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Display name, 1–75 characters, no web or e-mail addresses.', validate: z.string().trim().min(1).max(75) }),
    about: t.string({ required: false, description: 'Up to 139 characters.', validate: optionalText(139) }),
    description: t.string({ required: false, description: 'Up to 512 characters.', validate: optionalText(512) }),
    address: t.string({ required: false, description: 'Up to 256 characters.', validate: optionalText(256) }),
    emails: t.stringList({ required: false, description: 'Up to 2 e-mail addresses.', validate: z.array(z.string()).max(2).optional().nullable() }),
    websites: t.stringList({ required: false, description: 'Up to 2 http(s) addresses.', validate: z.array(z.string()).max(2).optional().nullable() }),
    vertical: t.string({ required: false, description: `One of WhatsApp’s categories: ${senderVerticals.join(', ')}.` }),
    logoUrl: t.string({ required: false, description: 'An http(s) address of the logo image.', validate: optionalText(1000) }),
  }),
});

builder.mutationField('updateWhatsAppBusinessProfile', (t) =>
  t.field({
    type: WhatsAppSenderPayload,
    description: 'Administrators: changes the WhatsApp sender’s public profile through Twilio’s Senders API (checked first; nothing is sent when a field is wrong). Audited.',
    authScopes: { admin: true },
    errors: { types: [...senderErrors, WhatsAppSettingInvalidError, ...inputErrors], directResult: true, union: { name: 'UpdateWhatsAppBusinessProfileResult' } },
    args: { input: t.arg({ type: WhatsAppBusinessProfileInput, required: true, description: 'The profile.' }) },
    resolve: async (_r, { input }, ctx) => ({
      sender: await updateSenderProfile(twilioOf(ctx), userIdOf(ctx) ?? '', {
        name: input.name,
        about: input.about ?? null,
        description: input.description ?? null,
        address: input.address ?? null,
        emails: input.emails ?? [],
        websites: input.websites ?? [],
        vertical: input.vertical ?? null,
        logoUrl: input.logoUrl ?? null,
      }),
    }),
  }),
);

// ─── Automatic replies ───────────────────────────────────────────────────────────────────────

const AutoReplyKindEnum = builder.enumType('WhatsAppAutoReplyKind', {
  description: 'An automatic reply configured per queue.',
  values: {
    GREETING: { value: 'greeting', description: 'The first message of a new conversation.' },
    AWAY: { value: 'away', description: 'Outside business hours; `{back}` says when the team is back.' },
    BUSY: { value: 'busy', description: 'The estimated wait passes the threshold; `{wait}` says how long.' },
  } as const,
});
const LanguageEnum = builder.enumType('ReplyLanguage', {
  description: 'The language of an automatic reply (chosen by the customer’s message, else their number’s country).',
  values: { ES: { value: 'es', description: 'Spanish.' }, EN: { value: 'en', description: 'English.' } } as const,
});
const KeywordMatchEnum = builder.enumType('KeywordMatch', {
  description: 'How a keyword answer recognises a message.',
  values: {
    WORD: { value: 'word', description: 'The word anywhere in the message, whole, ignoring case and accents.' },
    PATTERN: { value: 'pattern', description: 'A case-insensitive regular expression.' },
  } as const,
});

type AutoReplyText = { kind: AutoReplyTextKind; language: ReplyLanguage; text: string };
const AutoReplyText = builder.objectRef<AutoReplyText>('WhatsAppAutoReplyText').implement({
  description: 'One automatic reply in one language. `{name}` is the business’s display name.',
  fields: (t) => ({
    kind: t.field({ type: AutoReplyKindEnum, description: 'Which reply.', resolve: (r) => r.kind }),
    language: t.field({ type: LanguageEnum, description: 'Its language.', resolve: (r) => r.language }),
    text: t.exposeString('text', { description: 'What is sent.' }),
  }),
});

type KeywordView = QueueAutoReplies['keywords'][number];
const KeywordAnswer = builder.objectRef<KeywordView>('WhatsAppKeywordAnswer').implement({
  description: 'A frequent question’s automatic answer.',
  fields: (t) => ({
    match: t.field({ type: KeywordMatchEnum, description: 'Word or pattern.', resolve: (k) => k.match }),
    pattern: t.exposeString('pattern', { description: 'The word or regular expression.' }),
    language: t.field({ type: LanguageEnum, nullable: true, description: 'Only for customers writing in this language; null = any.', resolve: (k) => k.language }),
    body: t.exposeString('body', { description: 'The answer’s text.' }),
    link: t.exposeString('link', { nullable: true, description: 'A link sent under the text (PUSH_LINK_DOMAINS).' }),
    mediaUrl: t.exposeString('mediaUrl', { nullable: true, description: 'An https file sent with it (image, PDF…).' }),
  }),
});

const WhatsAppAutoReplies = builder.objectRef<QueueAutoReplies>('WhatsAppAutoReplies').implement({
  description: 'A queue’s automatic WhatsApp replies. Each is marked automatic in the timeline; at most one per customer per interval, never to another machine, only inside the 24 h window.',
  fields: (t) => ({
    queue: t.field({ type: Queue, description: 'The queue.', resolve: (a) => a.queueId }),
    enabled: t.exposeBoolean('enabled', { description: 'False: none are sent.' }),
    texts: t.field({
      type: [AutoReplyText],
      description: 'The configured texts; a kind without a text in the customer’s language uses the other language, without any is not sent.',
      resolve: (a) => Object.entries(a.texts).flatMap(([kind, byLanguage]) => Object.entries(byLanguage ?? {}).map(([language, text]) => ({ kind: kind as AutoReplyTextKind, language: language as ReplyLanguage, text: text ?? '' }))),
    }),
    busyThresholdSeconds: t.exposeInt('busyThresholdSeconds', { description: 'Above this estimated wait, BUSY is sent instead of GREETING.' }),
    minIntervalMinutes: t.exposeInt('minIntervalMinutes', { description: 'At most one automatic reply per customer in this many minutes.' }),
    keywords: t.field({ type: [KeywordAnswer], description: 'Keyword answers, first match wins.', resolve: (a) => a.keywords }),
  }),
});

builder.queryField('whatsAppAutoReplies', (t) =>
  t.field({
    type: WhatsAppAutoReplies,
    description: 'Administrators: a queue’s automatic WhatsApp replies (disabled, empty ones when never saved).',
    authScopes: { admin: true },
    args: { queueId: t.arg.globalID({ required: true, for: [Queue], description: 'The queue.' }) },
    resolve: async (_r, { queueId }, ctx) => {
      if (!(await getQueue(ctx.db, String(queueId.id)))) throw new NotFoundError('Queue');
      return queueAutoReplies(ctx.db, String(queueId.id));
    },
  }),
);

const AutoReplyTextInput = builder.inputType('WhatsAppAutoReplyTextInput', {
  description: 'One automatic reply in one language.',
  fields: (t) => ({
    kind: t.field({ type: AutoReplyKindEnum, required: true, description: 'Which reply.' }),
    language: t.field({ type: LanguageEnum, required: true, description: 'Its language.' }),
    text: t.string({ required: true, description: 'Up to 1024 characters; empty removes it.', validate: z.string().max(1024) }),
  }),
});
const KeywordAnswerInput = builder.inputType('WhatsAppKeywordAnswerInput', {
  description: 'A keyword answer.',
  fields: (t) => ({
    match: t.field({ type: KeywordMatchEnum, required: true, description: 'Word or pattern.' }),
    pattern: t.string({ required: true, description: `The word, or a regular expression, up to ${maxPatternLength} characters.` }),
    language: t.field({ type: LanguageEnum, required: false, description: 'Only for this language; unset = any.' }),
    body: t.string({ required: true, description: 'The answer, 1–1024 characters.', validate: z.string().max(1024) }),
    link: t.string({ required: false, description: 'A link under the text (PUSH_LINK_DOMAINS).', validate: optionalText(1000) }),
    mediaUrl: t.string({ required: false, description: 'An https file to send with it.', validate: optionalText(1000) }),
  }),
});
const SaveAutoRepliesInput = builder.inputType('SaveWhatsAppAutoRepliesInput', {
  description: 'All of a queue’s automatic replies and keyword answers (replacing the old ones).',
  fields: (t) => ({
    queueId: t.globalID({ required: true, for: [Queue], description: 'The queue.' }),
    enabled: t.boolean({ required: true, description: 'False: none are sent.' }),
    texts: t.field({ type: [AutoReplyTextInput], required: true, description: 'The texts.' }),
    busyThresholdSeconds: t.int({ required: true, description: 'Seconds of estimated wait above which BUSY is sent.', validate: z.number().int().min(0).max(86_400) }),
    minIntervalMinutes: t.int({ required: true, description: 'Minutes between two automatic replies to one customer, 1–10080.', validate: z.number().int().min(1).max(10_080) }),
    keywords: t.field({ type: [KeywordAnswerInput], required: true, description: 'Up to 50 keyword answers, in order.' }),
  }),
});
const AutoRepliesPayload = builder.simpleObject('WhatsAppAutoRepliesPayload', {
  description: 'The automatic replies were saved.',
  fields: (t) => ({ autoReplies: t.field({ type: WhatsAppAutoReplies, description: 'As stored.' }) }),
});

builder.mutationField('saveWhatsAppAutoReplies', (t) =>
  t.field({
    type: AutoRepliesPayload,
    description: 'Administrators: saves a queue’s automatic WhatsApp replies and keyword answers, all or nothing. Audited.',
    authScopes: { admin: true },
    errors: { types: [NotFoundError, WhatsAppSettingInvalidError, ...inputErrors], directResult: true, union: { name: 'SaveWhatsAppAutoRepliesResult' } },
    args: { input: t.arg({ type: SaveAutoRepliesInput, required: true, description: 'The queue’s automatic replies.' }) },
    resolve: async (_r, { input }, ctx) => {
      const texts: QueueAutoReplies['texts'] = {};
      for (const t of input.texts) (texts[t.kind] ??= {})[t.language] = t.text;
      const autoReplies = await saveQueueAutoReplies({ db: ctx.db, clock: ctx.clock, allowedLinkDomains: parseAllowList(ctx.env.PUSH_LINK_DOMAINS) }, userIdOf(ctx) ?? '', {
        queueId: String(input.queueId.id),
        enabled: input.enabled,
        texts,
        busyThresholdSeconds: input.busyThresholdSeconds,
        minIntervalMinutes: input.minIntervalMinutes,
        keywords: input.keywords.map((k) => ({ match: k.match, pattern: k.pattern, language: k.language ?? null, body: k.body, link: k.link ?? null, mediaUrl: k.mediaUrl ?? null })),
      });
      return { autoReplies };
    },
  }),
);

builder.objectField(Message, 'automaticReply', (t) =>
  t.field({
    type: 'String',
    nullable: true,
    description: 'Sent automatically, not by a person: greeting, away, busy or keyword (closed for the queue’s closed-hours text); null otherwise.',
    resolve: (m) => (m.context.automatic as { kind?: string } | undefined)?.kind ?? null,
  }),
);

// ─── Click-to-WhatsApp ───────────────────────────────────────────────────────────────────────

const ClickToWhatsAppRef = builder.objectRef<ClickToWhatsApp>('ClickToWhatsApp').implement({
  description: 'A wa.me link and its QR code for a queue: the prefilled text carries the queue’s reference, so the conversation lands in that queue.',
  fields: (t) => ({
    link: t.exposeString('link', { description: 'https://wa.me/<number>?text=…' }),
    ref: t.exposeString('ref', { description: 'The queue’s reference, carried as #Q-<ref> in the prefilled text.' }),
    prefill: t.exposeString('prefill', { description: 'The prefilled text (without the reference).' }),
    qrSvg: t.exposeString('qrSvg', { description: 'The QR code as an SVG document.' }),
    qrPngDataUrl: t.exposeString('qrPngDataUrl', { description: 'The QR code as a 512 px PNG, data:image/png;base64,…' }),
  }),
});

async function whatsAppQueue(ctx: Context, queueId: string): Promise<QueueRow> {
  const queue = await getQueue(ctx.db, queueId);
  if (!queue || !queue.channels.includes('whatsapp')) throw new NotFoundError('A WhatsApp queue');
  return queue;
}

builder.queryField('clickToWhatsApp', (t) =>
  t.field({
    type: ClickToWhatsAppRef,
    description: 'Administrators: the wa.me link and QR code (PNG and SVG) that open a WhatsApp conversation with this queue.',
    authScopes: { admin: true },
    args: {
      queueId: t.arg.globalID({ required: true, for: [Queue], description: 'A queue serving WhatsApp.' }),
      prefill: t.arg.string({ required: false, description: 'The text WhatsApp opens with, up to 200 characters; default a Spanish greeting.', validate: optionalText(200) }),
      language: t.arg({ type: LanguageEnum, required: false, description: 'Language of the default prefill.' }),
    },
    resolve: async (_r, args, ctx) => {
      const queue = await whatsAppQueue(ctx, String(args.queueId.id));
      return clickToWhatsApp(twilioOf(ctx).config.TWILIO_WHATSAPP_FROM, queue, args.prefill?.trim() || defaultPrefill[args.language ?? 'es']);
    },
  }),
);

// ─── What the chat widget shows ──────────────────────────────────────────────────────────────

type Presence = { profile: SenderProfile | null; queue: QueueRow | null; link: string | null; now: Date };
const WhatsAppPresence = builder.objectRef<Presence>('WhatsAppPresence').implement({
  description: 'The business as the chat widget shows it: the WhatsApp profile, hours and a link to continue on WhatsApp.',
  fields: (t) => ({
    profile: t.field({ type: BusinessProfile, nullable: true, description: 'The cached public profile; null before an administrator has read it from Twilio.', resolve: (p) => p.profile }),
    businessHours: t.field({ type: 'JSON', nullable: true, description: 'Opening windows per weekday of the WhatsApp queue, in timeZone; null = always open.', resolve: (p) => p.queue?.business_hours ?? null }),
    timeZone: t.string({ nullable: true, description: 'IANA zone of businessHours.', resolve: (p) => p.queue?.timezone ?? null }),
    openNow: t.boolean({ description: 'Whether the team is working now.', resolve: (p) => !p.queue || isQueueOpen({ businessHours: p.queue.business_hours, timezone: p.queue.timezone }, p.now) }),
    opensAt: t.field({ type: 'DateTime', nullable: true, description: 'When the team is back (now while open); null when it never opens.', resolve: (p) => (p.queue ? nextOpening({ businessHours: p.queue.business_hours, timezone: p.queue.timezone }, p.now) : p.now) }),
    whatsAppLink: t.exposeString('link', { nullable: true, description: 'wa.me link that continues the conversation on WhatsApp in the site’s queue; null when WhatsApp is not set up.' }),
  }),
});

builder.queryField('visitorWhatsApp', (t) =>
  t.field({
    type: WhatsAppPresence,
    description: 'Chat visitors: the business’s WhatsApp profile and hours (from the cache, never a call to Twilio) and a “Continue on WhatsApp” link into the site’s queue (or the WhatsApp queue).',
    authScopes: { visitor: true },
    args: { language: t.arg({ type: LanguageEnum, required: false, description: 'Language of the prefilled text.' }) },
    resolve: async (_r, args, ctx) => {
      const now = ctx.clock();
      if (ctx.principal.kind !== 'visitor' || !ctx.twilio) return { profile: null, queue: null, link: null, now };
      const deps = ctx.twilio.deps;
      const site = await getWebchatSite(ctx.db, ctx.principal.siteId);
      const siteQueue = site ? await getQueue(ctx.db, site.queue_id) : undefined;
      const queue = siteQueue?.channels.includes('whatsapp') ? siteQueue : ((await findChannelQueue(ctx.db, 'whatsapp', deps.config.TWILIO_WHATSAPP_QUEUE ?? null)) ?? null);
      const cached = await cachedSenderProfile(deps);
      const link = queue && deps.config.TWILIO_WHATSAPP_FROM ? whatsAppLinkFor(deps.config.TWILIO_WHATSAPP_FROM, queue, defaultPrefill[args.language ?? 'es']) : null;
      return { profile: cached?.profile ?? null, queue, link, now };
    },
  }),
);
