import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { getMessage } from '@cc/db/repositories/messages';
import { getUsers } from '@cc/db/repositories/users';
import { claimProactiveApproach, getWebchatSite } from '@cc/db/repositories/webchat';
import type { Message as MessageRow } from '@cc/db/tables/messages';
import { builder } from '../builder';
import type { Context } from '../context';
import { leaveEmail, openVisitorChat, receiveVisitorMessage, visitorKey } from '../webchat/chat';
import type { VisitorClaims } from '../webchat/visitor-tokens';
import { ChatMessageRefusedError, OriginNotAllowedError, UnknownChatSiteError, VisitorTokenInvalidError } from '../webchat/errors';
import { byVisitor, within } from '../webchat/rate-limits';
import { startVisit } from '../webchat/visits';
import { EmailNotConfiguredError } from '../email/errors';
import { inputErrors } from './errors';
import { TooManyRequestsError } from '../auth/errors';

/* The visitor's side of web chat (the widget): public, or with the visitor token from startVisit. */

/** What a non-visitor hears from a visitor-only field (scope `visitor`). */
export const notAVisitor = () =>
  new GraphQLError('This is for chat visitors: send the visitor token from startVisit.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/** The visitor of the request; the field's `visitor` scope has already let only visitors in. */
export function visitorOf(ctx: Context): VisitorClaims {
  if (ctx.principal.kind !== 'visitor') throw notAVisitor();
  return { visitorId: ctx.principal.visitorId, siteId: ctx.principal.siteId };
}

type ChatMessageView = { id: string; author: 'VISITOR' | 'AGENT'; body: string; at: Date; agentName: string | null };

const ChatAuthor = builder.enumType('ChatAuthor', {
  description: 'Who wrote a chat message.',
  values: { VISITOR: { description: 'The visitor, from the widget.' }, AGENT: { description: 'The agent handling the chat.' } },
});

const VisitorChatMessage = builder.objectRef<ChatMessageView>('VisitorChatMessage').implement({
  description: 'A chat message as the visitor sees it. `body` is plain text: show it as text, never as HTML.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The message’s id.' }),
    author: t.field({ type: ChatAuthor, description: 'Who wrote it.', resolve: (m) => m.author }),
    body: t.exposeString('body', { description: 'The text, plain.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was sent.' }),
    agentName: t.exposeString('agentName', { nullable: true, description: 'The agent’s display name on their messages; null on the visitor’s.' }),
  }),
});

async function toView(ctx: Context, m: MessageRow): Promise<ChatMessageView> {
  const [agent] = m.agent_id ? await getUsers(ctx.db, [m.agent_id]) : [];
  return { id: m.id, author: m.direction === 'inbound' ? 'VISITOR' : 'AGENT', body: m.body ?? '', at: m.created_at, agentName: agent?.name ?? null };
}

const VisitorChat = builder.simpleObject('VisitorChat', {
  description: 'The visitor’s open chat, as their widget shows it (only to that visitor’s token).',
  fields: (t) => ({
    id: t.id({ description: 'The chat’s id.' }),
    waiting: t.boolean({ description: 'No agent has taken the chat yet.' }),
    agentName: t.string({ nullable: true, description: 'The name of the agent handling it; null while waiting.' }),
    messages: t.field({ type: [VisitorChatMessage], description: 'Every message, oldest first.' }),
  }),
});

async function visitorChatView(ctx: Context, visitor: VisitorClaims) {
  const chat = await openVisitorChat(ctx, visitor);
  if (!chat) return null;
  const messages = await Promise.all(chat.messages.filter((m) => m.body).map((m) => toView(ctx, m)));
  const [agent] = chat.interaction.assigned_agent_id ? await getUsers(ctx.db, [chat.interaction.assigned_agent_id]) : [];
  return { id: chat.interaction.id, waiting: chat.interaction.status === 'queued' || chat.interaction.status === 'offered', agentName: agent?.name ?? null, messages };
}

const ProactiveRule = builder.simpleObject('ProactiveRule', {
  description: 'A chat site’s proactive rule as the widget checks it: open with message when every condition set holds (null = no condition).',
  fields: (t) => ({
    id: t.string({ description: 'The rule’s id; pass it to claimProactiveChat.' }),
    urlPattern: t.string({ nullable: true, description: 'Glob over the page URL; `*` matches anything.' }),
    minSecondsOnPage: t.int({ nullable: true, description: 'Seconds on the page.' }),
    minIdleSeconds: t.int({ nullable: true, description: 'Seconds without mouse, key or scroll activity.' }),
    minVisits: t.int({ nullable: true, description: 'From this visit on.' }),
    message: t.string({ description: 'What the widget says when it opens.' }),
  }),
});

const StartVisitInput = builder.inputType('StartVisitInput', {
  description: 'The widget’s site and, when returning, its visitor token.',
  fields: (t) => ({
    siteKey: t.string({ required: true, description: 'The chat site’s key (the script’s data-site).', validate: z.string().min(1).max(64) }),
    visitorToken: t.string({ required: false, description: 'The token from an earlier visit (kept in the browser), to continue as the same visitor.', validate: z.string().max(2000).optional().nullable() }),
  }),
});

const VisitPayload = builder.simpleObject('VisitPayload', {
  description: 'The visit started: the visitor’s token and what the widget needs.',
  fields: (t) => ({
    visitorToken: t.string({ description: 'Send as `Authorization: Bearer <token>` on every chat operation.' }),
    visitorId: t.string({ description: 'The visitor’s stable id on this site (the customer’s WEBCHAT identity).' }),
    visits: t.int({ description: 'How many visits this visitor has made, this one included (sessions 30 min apart).' }),
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
    args: { input: t.arg({ type: StartVisitInput, required: true, description: 'The site and any earlier visitor token.' }) },
    resolve: async (_r, { input }, ctx) => {
      try {
        const { visitor, ...visit } = await startVisit(ctx, { siteKey: input.siteKey, visitorToken: input.visitorToken, origin: ctx.request?.headers.get('origin') ?? null, clientAddress: ctx.clientAddress ?? null });
        return { ...visit, visitorId: visitor.visitorId, chat: await visitorChatView(ctx, visitor) };
      } catch (e) {
        if (e instanceof VisitorTokenInvalidError) throw new GraphQLError(e.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        throw e;
      }
    },
  }),
);

builder.queryField('visitorChat', (t) =>
  t.field({
    authScopes: { visitor: true },
    unauthorizedError: notAVisitor,
    type: VisitorChat,
    nullable: true,
    description: 'The visitor’s open chat with all its messages (visitor token required).',
    resolve: (_r, _a, ctx) => visitorChatView(ctx, visitorOf(ctx)),
  }),
);

const ClaimProactiveChatPayload = builder.simpleObject('ClaimProactiveChatPayload', {
  description: 'Whether the widget may open by itself now.',
  fields: (t) => ({
    approach: t.boolean({ description: 'False: this visitor was approached recently; stay closed.' }),
    message: t.string({ nullable: true, description: 'The rule’s message to open with; null when not approaching.' }),
  }),
});

builder.mutationField('claimProactiveChat', (t) =>
  t.field({
    authScopes: { visitor: true },
    unauthorizedError: notAVisitor,
    type: ClaimProactiveChatPayload,
    description: 'A proactive rule matched in the browser: may the widget open with its message? Rate-limited per visitor by the site’s cooldown.',
    args: {
      input: t.arg({
        type: builder.inputType('ClaimProactiveChatInput', {
          description: 'The proactive rule that matched.',
          fields: (f) => ({ triggerId: f.string({ required: true, description: 'ProactiveRule.id.' }) }),
        }),
        required: true,
        description: 'Which rule matched.',
      }),
    },
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
  description: 'A visitor’s chat message.',
  fields: (t) => ({
    body: t.string({ required: true, description: 'The text, up to 100,000 characters.', validate: z.string().max(100_000) }),
    clientMessageId: t.string({ required: true, description: 'Chosen by the widget; a resend with the same id is stored once.', validate: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
    page: t.field({ type: PageInput, required: false, description: 'The page the visitor writes from.' }),
    proactiveMessage: t.string({ required: false, description: 'The proactive message the visitor answers, if any.', validate: z.string().max(500).optional().nullable() }),
  }),
});

const VisitorMessagePayload = builder.simpleObject('VisitorMessagePayload', {
  description: 'The message was stored.',
  fields: (t) => ({
    chatMessage: t.field({ type: VisitorChatMessage, description: 'The message as stored.' }),
    chat: t.field({ type: VisitorChat, description: 'The chat it belongs to, as it is now.' }),
  }),
});

builder.mutationField('sendVisitorMessage', (t) =>
  t.field({
    authScopes: { visitor: true },
    unauthorizedError: notAVisitor,
    type: VisitorMessagePayload,
    description: 'The visitor writes: starts the chat (in the site’s queue) or continues it. Text only; markup is kept as literal text.',
    errors: { types: [ChatMessageRefusedError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'SendVisitorMessageResult' } },
    args: { input: t.arg({ type: SendVisitorMessageInput, required: true, description: 'The message and the page it is sent from.' }) },
    resolve: async (_r, { input }, ctx) => {
      const visitor = visitorOf(ctx);
      await within(ctx, `chat-message:${byVisitor(visitor)}`, ctx.webchat.config.WEBCHAT_MESSAGES_PER_MINUTE, 60_000);
      const sent = await receiveVisitorMessage(ctx, visitor, { body: input.body, clientMessageId: input.clientMessageId, page: pageOf(input.page), proactiveMessage: input.proactiveMessage?.trim() || null });
      if (!sent.ok) throw new ChatMessageRefusedError(sent.reason);
      return { chatMessage: await toView(ctx, sent.message), chat: (await visitorChatView(ctx, visitor))! };
    },
  }),
);

const SetVisitorTypingInput = builder.inputType('SetVisitorTypingInput', {
  description: 'Whether the visitor is typing.',
  fields: (t) => ({ typing: t.boolean({ required: true, description: 'True while the visitor types; false when they stop.' }) }),
});

builder.mutationField('setVisitorTyping', (t) =>
  t.boolean({
    authScopes: { visitor: true },
    unauthorizedError: notAVisitor,
    description: 'The visitor started or stopped typing; the agent’s console hears it on chatTyping.',
    args: { input: t.arg({ type: SetVisitorTypingInput, required: true, description: 'The typing state.' }) },
    resolve: async (_r, { input: { typing } }, ctx) => {
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
  description: 'The visitor’s email address and message, for an answer by email.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Where to answer, up to 320 characters.', validate: z.email('a valid email address').max(320) }),
    body: t.string({ required: true, description: 'The message, up to 100,000 characters.', validate: z.string().max(100_000) }),
    page: t.field({ type: PageInput, required: false, description: 'The page the visitor writes from.' }),
  }),
});

const LeaveEmailPayload = builder.simpleObject('LeaveEmailPayload', {
  description: 'The message was taken as an email interaction.',
  fields: (t) => ({ accepted: t.boolean({ description: 'Always true.' }) }),
});

builder.mutationField('leaveEmail', (t) =>
  t.field({
    authScopes: { visitor: true },
    unauthorizedError: notAVisitor,
    type: LeaveEmailPayload,
    description: 'No agent is available: the visitor leaves an address and the conversation continues as an email interaction (answered with replyByEmail).',
    errors: { types: [ChatMessageRefusedError, EmailNotConfiguredError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'LeaveEmailResult' } },
    args: { input: t.arg({ type: LeaveEmailInput, required: true, description: 'The address and the message.' }) },
    resolve: async (_r, { input }, ctx) => {
      const visitor = visitorOf(ctx);
      await within(ctx, `chat-email:${ctx.clientAddress ?? 'unknown'}`, ctx.webchat.config.WEBCHAT_EMAILS_PER_HOUR, 3600_000);
      const left = await leaveEmail(ctx, visitor, { email: input.email, body: input.body, page: pageOf(input.page) });
      if (!left.ok) throw left.reason === 'email_not_configured' ? new EmailNotConfiguredError() : new ChatMessageRefusedError(left.reason);
      return { accepted: true };
    },
  }),
);

const VisitorChatEvent = builder.simpleObject('VisitorChatEvent', {
  description: 'Something happened in the visitor’s chat; only the fields that changed are set.',
  fields: (t) => ({
    message: t.field({ type: VisitorChatMessage, nullable: true, description: 'A new message, in either direction; null when the event is another kind.' }),
    agentTyping: t.boolean({ nullable: true, description: 'The agent started (true) or stopped (false) typing; null when the event is another kind.' }),
    agentJoined: t.string({ nullable: true, description: 'An agent took the chat: their name.' }),
    ended: t.boolean({ description: 'The chat ended (or became an email).' }),
  }),
});

builder.subscriptionField('visitorChatEvents', (t) =>
  t.field({
    authScopes: { visitor: true },
    unauthorizedError: notAVisitor,
    type: VisitorChatEvent,
    description: 'The visitor’s live chat: messages in both directions, the agent typing. After a reconnect, read visitorChat to catch up.',
    subscribe: (_r, _a, ctx) => ctx.pubsub.subscribe('visitorChat', visitorKey(visitorOf(ctx))),
    resolve: async (payload, _a, ctx) => {
      const row = typeof payload.messageId === 'string' ? await getMessage(ctx.db, payload.messageId) : undefined;
      return { message: row ? await toView(ctx, row) : null, agentTyping: typeof payload.agentTyping === 'boolean' ? payload.agentTyping : null, agentJoined: typeof payload.agentJoined === 'string' ? payload.agentJoined : null, ended: payload.closed === true };
    },
  }),
);

