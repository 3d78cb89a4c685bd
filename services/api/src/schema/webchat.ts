import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { getInteraction } from '@cc/db/repositories/interactions';
import { getQueue } from '@cc/db/repositories/queues';
import { claimProactiveApproach, getWebchatSite, getWebchatSiteByKey, listWebchatSites, queueHasAvailableAgent, saveWebchatSite, touchWebchatVisitor } from '@cc/db/repositories/webchat';
import type { Message as MessageRow } from '@cc/db/tables/messages';
import type { ChatTriggerRule, WebchatSite } from '@cc/db/tables/webchat';
import { builder } from '../builder';
import { isAssignedAgent } from '../authorization/policy';
import type { Context } from '../context';
import { leaveEmail, openVisitorChat, receiveVisitorMessage, sendAgentChatMessage, visitorKey } from '../webchat/chat';
import type { VisitorClaims } from '../webchat/visitor-tokens';
import { ChatMessageRefusedError, OriginNotAllowedError, UnknownChatSiteError } from '../webchat/errors';
import { EmailNotConfiguredError, NotThisChannelError } from '../email/errors';
import { ErrorInterface, inputErrors } from './errors';
import { TooManyRequestsError } from '../auth/errors';
import { Interaction, Message } from './interactions';
import { Queue } from './queues';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { assertCanSubscribeToInteraction } from './subscription-auth';

for (const cls of [UnknownChatSiteError, OriginNotAllowedError, ChatMessageRefusedError] as const) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, interfaces: [ErrorInterface], fields: () => ({}) });
}

/** Counts a public operation against its limit; over it, a typed refusal (nothing done). */
async function within(ctx: Context, key: string, limit: number, windowMs: number): Promise<void> {
  const verdict = await ctx.rateLimiter.hit(key, limit, windowMs, ctx.clock());
  if (!verdict.ok) throw new TooManyRequestsError(Math.ceil(verdict.retryAfterMs / 1000));
}
const byAddress = (ctx: Context) => ctx.clientAddress ?? 'unknown';
const byVisitor = (v: VisitorClaims) => `${v.siteId}:${v.visitorId}`;

function visitorOf(ctx: Context): VisitorClaims {
  if (ctx.principal.kind !== 'visitor') {
    throw new GraphQLError('This is for chat visitors: send the visitor token from startVisit.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  return { visitorId: ctx.principal.visitorId, siteId: ctx.principal.siteId };
}

// ─── Sites and proactive rules (supervisors) ───────────────────────────────────────────────────

const ChatTrigger = builder.objectRef<ChatTriggerRule>('ChatTrigger').implement({
  description: 'Open the widget with `message` when every condition set holds (unset = no condition).',
  fields: (t) => ({
    id: t.exposeString('id'),
    urlPattern: t.exposeString('urlPattern', { nullable: true, description: 'Glob over the page URL; `*` matches anything.' }),
    minSecondsOnPage: t.exposeInt('minSecondsOnPage', { nullable: true }),
    minIdleSeconds: t.exposeInt('minIdleSeconds', { nullable: true, description: 'Seconds without mouse, key or scroll activity (seems lost).' }),
    minVisits: t.exposeInt('minVisits', { nullable: true, description: 'Repeat visit: fires from this visit on (sessions 30 min apart).' }),
    message: t.exposeString('message'),
  }),
});

const ChatSite = builder.objectRef<WebchatSite>('ChatSite').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    key: t.exposeString('key', { description: 'What the embedding page passes as data-site.' }),
    name: t.exposeString('name'),
    queue: t.field({ type: Queue, resolve: (s) => s.queue_id }),
    allowedOrigins: t.exposeStringList('allowed_origins'),
    proactiveCooldownSeconds: t.exposeInt('proactive_cooldown_seconds', { description: 'At most one proactive approach per visitor in this time.' }),
    triggers: t.field({ type: [ChatTrigger], resolve: (s) => s.triggers }),
    cobrowseRetentionDays: t.exposeInt('cobrowse_retention_days', { description: 'Co-browse events kept (packed) this many days for quality review; 0 = never stored.' }),
  }),
});

builder.queryField('chatSites', (t) => t.field({ type: [ChatSite], authScopes: { supervisor: true }, resolve: (_r, _a, ctx) => listWebchatSites(ctx.db) }));

const ChatTriggerInput = builder.inputType('ChatTriggerInput', {
  fields: (t) => ({
    urlPattern: t.string({ required: false, validate: z.string().trim().min(1).max(500).optional().nullable() }),
    minSecondsOnPage: t.int({ required: false, validate: z.number().int().min(0).max(86_400).optional().nullable() }),
    minIdleSeconds: t.int({ required: false, validate: z.number().int().min(1).max(86_400).optional().nullable() }),
    minVisits: t.int({ required: false, validate: z.number().int().min(1).max(1000).optional().nullable() }),
    message: t.string({ required: true, validate: z.string().trim().min(1).max(500) }),
  }),
});

const SaveChatSiteInput = builder.inputType('SaveChatSiteInput', {
  fields: (t) => ({
    key: t.string({ required: true, validate: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes') }),
    name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
    queueId: t.globalID({ required: true, for: [Queue] }),
    allowedOrigins: t.stringList({ required: false, validate: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin such as https://shop.example')).max(50).optional().nullable() }),
    proactiveCooldownSeconds: t.int({ required: false, validate: z.number().int().min(0).max(30 * 86_400).optional().nullable() }),
    triggers: t.field({ type: [ChatTriggerInput], required: false, validate: z.array(z.any()).max(50).optional().nullable() }),
    cobrowseRetentionDays: t.int({ required: false, description: 'Keep co-browse events (packed) this many days for quality review; 0 = never (the default). Unset: unchanged.', validate: z.number().int().min(0).max(365).optional().nullable() }),
  }),
});

const ChatSitePayload = builder.simpleObject('ChatSitePayload', { fields: (t) => ({ site: t.field({ type: ChatSite }) }) });

builder.mutationField('saveChatSite', (t) =>
  t.field({
    type: ChatSitePayload,
    description: 'Creates the chat site with this key, or replaces its settings and proactive rules.',
    authScopes: { supervisor: true },
    errors: { types: [NotFoundError, NotThisChannelError, ...inputErrors], directResult: true, union: { name: 'SaveChatSiteResult' } },
    args: { input: t.arg({ type: SaveChatSiteInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const queue = await getQueue(ctx.db, String(input.queueId.id));
      if (!queue) throw new NotFoundError('Queue');
      if (!queue.channels.includes('webchat')) throw new NotThisChannelError('web chat', `${queue.channels.join('/')}-only queue`);
      const site = await saveWebchatSite(ctx.db, {
        key: input.key,
        name: input.name.trim(),
        queueId: queue.id,
        allowedOrigins: input.allowedOrigins ?? [],
        proactiveCooldownSeconds: input.proactiveCooldownSeconds ?? 3600,
        cobrowseRetentionDays: input.cobrowseRetentionDays ?? null,
        triggers: (input.triggers ?? []).map((r, i) => ({
          id: `t${i + 1}`,
          urlPattern: r.urlPattern?.trim() || null,
          minSecondsOnPage: r.minSecondsOnPage ?? null,
          minIdleSeconds: r.minIdleSeconds ?? null,
          minVisits: r.minVisits ?? null,
          message: r.message.trim(),
        })),
      });
      return { site };
    },
  }),
);

// ─── The visitor's side (widget) ───────────────────────────────────────────────────────────────

type ChatMessageView = { id: string; author: 'VISITOR' | 'AGENT'; body: string; at: Date; agentName: string | null };

const ChatAuthor = builder.enumType('ChatAuthor', { values: ['VISITOR', 'AGENT'] as const });

const VisitorChatMessage = builder.objectRef<ChatMessageView>('VisitorChatMessage').implement({
  description: 'A chat message as the visitor sees it. `body` is plain text: show it as text, never as HTML.',
  fields: (t) => ({
    id: t.exposeID('id'),
    author: t.field({ type: ChatAuthor, resolve: (m) => m.author }),
    body: t.exposeString('body'),
    at: t.expose('at', { type: 'DateTime' }),
    agentName: t.exposeString('agentName', { nullable: true }),
  }),
});

async function toView(ctx: Context, m: MessageRow): Promise<ChatMessageView> {
  const agent = m.agent_id ? await ctx.db.selectFrom('users').select('name').where('id', '=', m.agent_id).executeTakeFirst() : undefined;
  return { id: m.id, author: m.direction === 'inbound' ? 'VISITOR' : 'AGENT', body: m.body ?? '', at: m.created_at, agentName: agent?.name ?? null };
}

const VisitorChat = builder.simpleObject('VisitorChat', {
  fields: (t) => ({
    id: t.id(),
    waiting: t.boolean({ description: 'No agent has taken the chat yet.' }),
    agentName: t.string({ nullable: true }),
    messages: t.field({ type: [VisitorChatMessage] }),
  }),
});

async function visitorChatView(ctx: Context, visitor: VisitorClaims) {
  const chat = await openVisitorChat(ctx, visitor);
  if (!chat) return null;
  const messages = await Promise.all(chat.messages.filter((m) => m.body).map((m) => toView(ctx, m)));
  const agent = chat.interaction.assigned_agent_id ? await ctx.db.selectFrom('users').select('name').where('id', '=', chat.interaction.assigned_agent_id).executeTakeFirst() : undefined;
  return { id: chat.interaction.id, waiting: chat.interaction.status === 'queued' || chat.interaction.status === 'offered', agentName: agent?.name ?? null, messages };
}

const ProactiveRule = builder.simpleObject('ProactiveRule', {
  fields: (t) => ({
    id: t.string(),
    urlPattern: t.string({ nullable: true }),
    minSecondsOnPage: t.int({ nullable: true }),
    minIdleSeconds: t.int({ nullable: true }),
    minVisits: t.int({ nullable: true }),
    message: t.string(),
  }),
});

const StartVisitInput = builder.inputType('StartVisitInput', {
  fields: (t) => ({
    siteKey: t.string({ required: true, validate: z.string().min(1).max(64) }),
    visitorToken: t.string({ required: false, description: 'The token from an earlier visit (kept in the browser), to continue as the same visitor.', validate: z.string().max(2000).optional().nullable() }),
  }),
});

const VisitPayload = builder.simpleObject('VisitPayload', {
  fields: (t) => ({
    visitorToken: t.string({ description: 'Send as `Authorization: Bearer <token>` on every chat operation.' }),
    visitorId: t.string(),
    visits: t.int(),
    agentsAvailable: t.boolean({ description: 'False: offer leaving an email instead of a live chat.' }),
    triggers: t.field({ type: [ProactiveRule], description: 'The site’s proactive rules; the widget checks them and asks claimProactiveChat before opening.' }),
    chat: t.field({ type: VisitorChat, nullable: true, description: 'The open conversation (after a reload).' }),
  }),
});

builder.mutationField('startVisit', (t) =>
  t.field({
    type: VisitPayload,
    description: 'The widget loaded on a page: a new visitor token (or the given one renewed), the site’s proactive rules and any open chat. Public.',
    errors: { types: [UnknownChatSiteError, OriginNotAllowedError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'StartVisitResult' } },
    args: { input: t.arg({ type: StartVisitInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      await within(ctx, `chat-visit:${byAddress(ctx)}`, ctx.webchat.config.WEBCHAT_VISITS_PER_MINUTE, 60_000);
      const site = await getWebchatSiteByKey(ctx.db, input.siteKey);
      if (!site) throw new UnknownChatSiteError();
      // Browsers always send Origin on this POST (cross- or same-origin fetch): without one the
      // caller is not a page of an allowed site, so it is refused rather than waved through.
      const origin = ctx.request?.headers.get('origin') ?? null;
      if (!origin || origin === 'null') throw new OriginNotAllowedError(null);
      if (site.allowed_origins.length && !site.allowed_origins.includes(origin)) throw new OriginNotAllowedError(origin);
      let visitorId: string | null = null;
      if (input.visitorToken) {
        const claims = await ctx.webchat.tokens.verify(input.visitorToken);
        // A forged or foreign token is refused outright rather than silently replaced.
        if (!claims || claims.siteId !== site.id) throw new GraphQLError('This chat session is invalid or has expired; start without it.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        visitorId = claims.visitorId;
      }
      visitorId ??= randomBytes(16).toString('base64url');
      const visitor = { visitorId, siteId: site.id };
      const seen = await touchWebchatVisitor(ctx.db, site.id, visitorId, ctx.clock());
      return {
        visitorToken: await ctx.webchat.tokens.sign(visitor),
        visitorId,
        visits: seen.visits,
        agentsAvailable: await queueHasAvailableAgent(ctx.db, site.queue_id),
        triggers: site.triggers,
        chat: await visitorChatView(ctx, visitor),
      };
    },
  }),
);

builder.queryField('visitorChat', (t) =>
  t.field({
    type: VisitorChat,
    nullable: true,
    description: 'The visitor’s open chat with all its messages (visitor token required).',
    resolve: (_r, _a, ctx) => visitorChatView(ctx, visitorOf(ctx)),
  }),
);

const ClaimProactiveChatPayload = builder.simpleObject('ClaimProactiveChatPayload', {
  fields: (t) => ({ approach: t.boolean({ description: 'False: this visitor was approached recently; stay closed.' }), message: t.string({ nullable: true }) }),
});

builder.mutationField('claimProactiveChat', (t) =>
  t.field({
    type: ClaimProactiveChatPayload,
    description: 'A proactive rule matched in the browser: may the widget open with its message? Rate-limited per visitor by the site’s cooldown.',
    args: { input: t.arg({ type: builder.inputType('ClaimProactiveChatInput', { fields: (f) => ({ triggerId: f.string({ required: true }) }) }), required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const visitor = visitorOf(ctx);
      const site = await getWebchatSite(ctx.db, visitor.siteId);
      const rule = site?.triggers.find((r) => r.id === input.triggerId);
      if (!site || !rule) return { approach: false, message: null };
      const approach = await claimProactiveApproach(ctx.db, site, visitor.visitorId, ctx.clock());
      return { approach, message: approach ? rule.message : null };
    },
  }),
);

const PageInput = builder.inputType('VisitorPageInput', {
  description: 'Where the visitor is; reaches the agent with the chat.',
  fields: (t) => ({
    url: t.string({ required: false, validate: z.url({ protocol: /^https?$/ }).max(2000).optional().nullable() }),
    title: t.string({ required: false, validate: z.string().max(300).optional().nullable() }),
    context: t.field({
      type: 'JSON',
      required: false,
      description: 'What the site passes (cart, order id…): a flat-ish JSON object up to 4 KB.',
      validate: z.record(z.string(), z.unknown()).refine((v) => JSON.stringify(v).length <= 4096, 'context is at most 4 KB of JSON').optional().nullable(),
    }),
  }),
});

const pageOf = (p: { url?: string | null; title?: string | null; context?: unknown } | null | undefined) => ({
  url: p?.url ?? null,
  title: p?.title?.trim() || null,
  context: (p?.context as Record<string, unknown> | null | undefined) ?? {},
});

const SendVisitorMessageInput = builder.inputType('SendVisitorMessageInput', {
  fields: (t) => ({
    body: t.string({ required: true, validate: z.string().max(100_000) }),
    clientMessageId: t.string({ required: true, description: 'Chosen by the widget; a resend with the same id is stored once.', validate: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
    page: t.field({ type: PageInput, required: false }),
    proactiveMessage: t.string({ required: false, description: 'The proactive message the visitor answers, if any.', validate: z.string().max(500).optional().nullable() }),
  }),
});

const VisitorMessagePayload = builder.simpleObject('VisitorMessagePayload', { fields: (t) => ({ chatMessage: t.field({ type: VisitorChatMessage }), chat: t.field({ type: VisitorChat }) }) });

builder.mutationField('sendVisitorMessage', (t) =>
  t.field({
    type: VisitorMessagePayload,
    description: 'The visitor writes: starts the chat (in the site’s queue) or continues it. Text only; markup is kept as literal text.',
    errors: { types: [ChatMessageRefusedError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'SendVisitorMessageResult' } },
    args: { input: t.arg({ type: SendVisitorMessageInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const visitor = visitorOf(ctx);
      await within(ctx, `chat-message:${byVisitor(visitor)}`, ctx.webchat.config.WEBCHAT_MESSAGES_PER_MINUTE, 60_000);
      const sent = await receiveVisitorMessage(ctx, visitor, { body: input.body, clientMessageId: input.clientMessageId, page: pageOf(input.page), proactiveMessage: input.proactiveMessage?.trim() || null });
      if (!sent.ok) throw new ChatMessageRefusedError(sent.reason);
      return { chatMessage: await toView(ctx, sent.message), chat: (await visitorChatView(ctx, visitor))! };
    },
  }),
);

builder.mutationField('setVisitorTyping', (t) =>
  t.boolean({
    description: 'The visitor started or stopped typing; the agent’s console hears it on chatTyping.',
    args: { typing: t.arg.boolean({ required: true }) },
    resolve: async (_r, { typing }, ctx) => {
      const visitor = visitorOf(ctx);
      // Typing signals are many and harmless one by one: over the limit they are dropped, not refused.
      const verdict = await ctx.rateLimiter.hit(`chat-typing:${byVisitor(visitor)}`, ctx.webchat.config.WEBCHAT_MESSAGES_PER_MINUTE * 3, 60_000, ctx.clock());
      if (!verdict.ok) return false;
      const chat = await openVisitorChat(ctx, visitor);
      if (chat) ctx.pubsub.publish('chatTyping', chat.interaction.id, { typing, author: 'VISITOR' });
      return !!chat;
    },
  }),
);

const LeaveEmailInput = builder.inputType('LeaveEmailInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: z.email('a valid email address').max(320) }),
    body: t.string({ required: true, validate: z.string().max(100_000) }),
    page: t.field({ type: PageInput, required: false }),
  }),
});

const LeaveEmailPayload = builder.simpleObject('LeaveEmailPayload', { fields: (t) => ({ accepted: t.boolean() }) });

builder.mutationField('leaveEmail', (t) =>
  t.field({
    type: LeaveEmailPayload,
    description: 'No agent is available: the visitor leaves an address and the conversation continues as an email interaction (answered with replyByEmail).',
    errors: { types: [ChatMessageRefusedError, EmailNotConfiguredError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'LeaveEmailResult' } },
    args: { input: t.arg({ type: LeaveEmailInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const visitor = visitorOf(ctx);
      await within(ctx, `chat-email:${byAddress(ctx)}`, ctx.webchat.config.WEBCHAT_EMAILS_PER_HOUR, 3600_000);
      const left = await leaveEmail(ctx, visitor, { email: input.email, body: input.body, page: pageOf(input.page) });
      if (!left.ok) throw left.reason === 'email_not_configured' ? new EmailNotConfiguredError() : new ChatMessageRefusedError(left.reason);
      return { accepted: true };
    },
  }),
);

const VisitorChatEvent = builder.simpleObject('VisitorChatEvent', {
  fields: (t) => ({
    message: t.field({ type: VisitorChatMessage, nullable: true }),
    agentTyping: t.boolean({ nullable: true }),
    agentJoined: t.string({ nullable: true, description: 'An agent took the chat: their name.' }),
    ended: t.boolean({ description: 'The chat ended (or became an email).' }),
  }),
});

builder.subscriptionField('visitorChatEvents', (t) =>
  t.field({
    type: VisitorChatEvent,
    description: 'The visitor’s live chat: messages in both directions, the agent typing. After a reconnect, read visitorChat to catch up.',
    subscribe: (_r, _a, ctx) => ctx.pubsub.subscribe('visitorChat', visitorKey(visitorOf(ctx))),
    resolve: async (payload, _a, ctx) => {
      const row = typeof payload.messageId === 'string' ? await ctx.db.selectFrom('messages').selectAll().where('id', '=', payload.messageId).executeTakeFirst() : undefined;
      return { message: row ? await toView(ctx, row) : null, agentTyping: typeof payload.agentTyping === 'boolean' ? payload.agentTyping : null, agentJoined: typeof payload.agentJoined === 'string' ? payload.agentJoined : null, ended: payload.closed === true };
    },
  }),
);

// ─── The agent's side ─────────────────────────────────────────────────────────────────────────

const SendChatMessageInput = builder.inputType('SendChatMessageInput', {
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction] }),
    body: t.string({ required: true, validate: z.string().max(100_000) }),
  }),
});

const ChatMessagePayload = builder.simpleObject('ChatMessagePayload', { fields: (t) => ({ message: t.field({ type: Message }) }) });

async function assignedChat(ctx: Context, id: string) {
  if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
  const interaction = await getInteraction(ctx.db, id);
  if (!interaction) throw new NotFoundError('Interaction');
  if (interaction.assigned_agent_id !== ctx.principal.userId) throw new NotYourInteractionError();
  if (interaction.channel !== 'webchat') throw new NotThisChannelError('web chat', interaction.channel);
  if (interaction.status !== 'assigned') throw new InteractionStateError(interaction.status, 'written in');
  return { interaction, agentId: ctx.principal.userId };
}

builder.mutationField('sendChatMessage', (t) =>
  t.field({
    type: ChatMessagePayload,
    description: 'The assigned agent writes in a web chat; the visitor’s widget shows it at once.',
    authScopes: { user: true },
    errors: { types: [NotFoundError, NotYourInteractionError, InteractionStateError, NotThisChannelError, ChatMessageRefusedError, ...inputErrors], directResult: true, union: { name: 'SendChatMessageResult' } },
    args: { input: t.arg({ type: SendChatMessageInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const { interaction, agentId } = await assignedChat(ctx, String(input.interactionId.id));
      const sent = await sendAgentChatMessage(ctx, interaction, agentId, input.body);
      if (!sent.ok) throw new ChatMessageRefusedError(sent.reason);
      return { message: sent.message };
    },
  }),
);

builder.mutationField('setAgentTyping', (t) =>
  t.boolean({
    description: 'The agent started or stopped typing in a chat; the visitor’s widget shows it.',
    authScopes: { user: true },
    args: { interactionId: t.arg.globalID({ required: true, for: [Interaction] }), typing: t.arg.boolean({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const interaction = await getInteraction(ctx.db, String(args.interactionId.id));
      // Only the agent holding the chat types in it; anyone else is refused, not quietly ignored.
      if (interaction && !isAssignedAgent(ctx.principal, interaction)) {
        throw new GraphQLError('You do not have permission to do this.', { extensions: { code: 'FORBIDDEN' } });
      }
      const webchat = (interaction?.context as { webchat?: VisitorClaims } | undefined)?.webchat;
      if (!interaction || !webchat) return false;
      ctx.pubsub.publish('visitorChat', visitorKey(webchat), { agentTyping: args.typing });
      return true;
    },
  }),
);

const ChatTypingEvent = builder.simpleObject('ChatTypingEvent', { fields: (t) => ({ typing: t.boolean() }) });

builder.subscriptionField('chatTyping', (t) =>
  t.field({
    type: ChatTypingEvent,
    description: 'The visitor of a web chat started or stopped typing.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    args: { interactionId: t.arg.globalID({ required: true, for: [Interaction] }) },
    subscribe: async (_r, args, ctx) => {
      await assertCanSubscribeToInteraction(ctx, String(args.interactionId.id));
      return ctx.pubsub.subscribe('chatTyping', String(args.interactionId.id));
    },
    resolve: (payload) => ({ typing: payload.typing === true }),
  }),
);
