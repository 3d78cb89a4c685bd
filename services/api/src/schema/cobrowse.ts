import { ProviderUnreachableError } from '@cc/channels/provider-failure';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { cobrowseFigures, getCobrowseSession, getCobrowseSessions, listInteractionCobrowseSessions } from '@cc/db/repositories/cobrowse';
import { getInteraction } from '@cc/db/repositories/interactions';
import { getPush } from '@cc/db/repositories/pushes';
import { getWebchatSiteByKey, listWebchatSites } from '@cc/db/repositories/webchat';
import type { CobrowseSession as SessionRow } from '@cc/db/tables/cobrowse';
import { builder } from '../builder';
import { mayActAsCobrowseCustomer, mayGuideCobrowse, mayWatchCobrowse } from '../authorization/policy';
import type { Context } from '../context';
import {
  acceptCobrowse,
  agentCard,
  endSession,
  inviteBySms,
  inviteToCobrowse,
  joinByCode,
  mayWatchCobrowseSession,
  openInvite,
  originAllowed,
  receiveEvents,
  requestSnapshot,
  sendGuidance,
  startShare,
  type AgentEvent,
  type CustomerEvent,
  type Guidance,
} from '../cobrowse/service';
import type { AgentFrame } from '../cobrowse/frames';
import { CobrowseGuidanceIncompleteError, CobrowseSiteNotFoundError } from '../cobrowse/errors';
import { LinkNotAllowedError, MediaRefusedError, NoConsentError, NoTargetNumberError, SmsFallbackNotOfferedError, SmsRefusedError, TemplateNotApprovedError, TemplateRequiredError } from '../push/errors';
import { paceRefusals } from '../push/limits';
import { CustomerOptedOutError, TemplateVariablesMissingError, TwilioNotConfiguredError, WrongChannelError } from '../messaging/errors';
import { inputErrors } from './errors';
import { TooManyRequestsError } from '../auth/errors';
import { Interaction } from './interactions';
import { Push } from './push';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { startingWith } from './subscription-start';
import { User } from './users';
import { OriginNotAllowedError } from '../webchat/errors';
import { cobrowseErrors } from './cobrowse-errors';

const forbidden = () => new GraphQLError('You do not have permission to do this.', { extensions: { code: 'FORBIDDEN' } });

/** Sessions handed to the caller who just became their customer (startCobrowseShare, openCobrowseInvite), for this response. */
const issuedToCaller = new WeakSet<SessionRow>();

const mayWatch = (ctx: Context, session: SessionRow) => mayWatchCobrowseSession(ctx.db, ctx.principal, session);

export const CobrowseStatusEnum = builder.enumType('CobrowseStatus', {
  description: 'WAITING_FOR_AGENT: the customer shared the page and reads its code to the agent; INVITED: a link was pushed; PENDING_CONSENT: the customer is asked; ACTIVE: shared; ENDED.',
  values: {
    WAITING_FOR_AGENT: { value: 'waiting', description: 'The customer shared the page; its code waits for the agent.' },
    INVITED: { value: 'invited', description: 'A link was pushed; the customer has not opened it yet.' },
    PENDING_CONSENT: { value: 'pending_consent', description: 'The customer is asked to allow the agent to see the page.' },
    ACTIVE: { value: 'active', description: 'The page is shared.' },
    ENDED: { value: 'ended', description: 'Over (see endReason).' },
  } as const,
});
const CobrowseEndReasonEnum = builder.enumType('CobrowseEndReason', {
  description: 'Why a co-browse session ended.',
  values: {
    CUSTOMER_STOPPED: { value: 'customer_stopped', description: 'The customer stopped sharing.' },
    AGENT_ENDED: { value: 'agent_ended', description: 'The agent ended it.' },
    CALL_ENDED: { value: 'call_ended', description: 'The call left the agent (hung up, wrap-up, transfer).' },
    EXPIRED: { value: 'expired', description: 'The code or invitation was never used in time.' },
    LIMIT_EXCEEDED: { value: 'limit_exceeded', description: 'The session sent more than COBROWSE_MAX_SESSION_BYTES.' },
  } as const,
});

export const CobrowseSession = builder.loadableNodeRef('CobrowseSession', {
  id: { resolve: (s: SessionRow) => s.id },
  load: async (ids: string[], ctx: Context) => {
    const rows = await getCobrowseSessions(ctx.db, ids);
    return ids.map((id) => rows.find((r) => r.id === id) ?? new NotFoundError('Co-browse session'));
  },
});

CobrowseSession.implement({
  description: 'A customer’s web page shared with the agent on their call (read-only; the agent may point, highlight, scroll and propose a page).',
  // Its agent holding the call, supervisors, and the customer's own token: see authorization/policy.ts.
  authScopes: async (s, ctx) => mayActAsCobrowseCustomer(ctx.principal, s) || issuedToCaller.has(s) || (await mayWatch(ctx, s)),
  fields: (t) => ({
    interaction: t.field({
      type: Interaction,
      description: 'The call (for the agent and supervisors; a share still waiting for its code has none).',
      resolve: (s) => {
        if (!s.interaction_id) throw new NotFoundError('Interaction');
        return s.interaction_id;
      },
    }),
    status: t.field({ type: CobrowseStatusEnum, description: 'Where the session stands.', resolve: (s) => s.status }),
    via: t.string({ description: '`code` (read over the phone) or `invite` (link pushed).', resolve: (s) => s.via }),
    agent: t.field({
      type: User,
      description: 'Who asked.',
      resolve: (s) => {
        if (!s.agent_id) throw new NotFoundError('Agent');
        return s.agent_id;
      },
    }),
    currentUrl: t.string({ nullable: true, description: 'The customer’s page now (null before consent).', resolve: (s) => (s.consented_at ? s.current_url : null) }),
    pagesVisited: t.stringList({ description: 'The pages shared, in order (a page load with a new address adds one).', resolve: (s) => s.pages_visited }),
    consentedAt: t.expose('consented_at', { type: 'DateTime', nullable: true, description: 'When the customer allowed it.' }),
    consent: t.field({ type: 'JSON', nullable: true, description: 'The consent’s evidence: wording shown, when, who asked, the call.', resolve: (s) => s.consent_evidence }),
    startedAt: t.expose('started_at', { type: 'DateTime', description: 'When the share or the invitation began.' }),
    endedAt: t.expose('ended_at', { type: 'DateTime', nullable: true, description: 'When it ended.' }),
    endReason: t.field({ type: CobrowseEndReasonEnum, nullable: true, description: 'Why it ended.', resolve: (s) => s.end_reason }),
    // The row takes the ledger's count within a second; this replica may know a later one.
    lastSeq: t.int({ description: 'The last batch of events accepted.', resolve: (s, _a, ctx) => Math.max(s.last_seq, ctx.cobrowse.ledger.lastSeq(s.id) ?? 0) }),
    code: t.string({
      nullable: true,
      description: 'The 6 digits to read to the agent, while waiting for them; only the customer’s own session sees it.',
      resolve: (s, _a, ctx) => (s.status === 'waiting' && (mayActAsCobrowseCustomer(ctx.principal, s) || issuedToCaller.has(s)) ? s.code : null),
    }),
    codeExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the code stops working (the customer’s own session only).',
      resolve: (s, _a, ctx) => (s.status === 'waiting' && (mayActAsCobrowseCustomer(ctx.principal, s) || issuedToCaller.has(s)) ? s.code_expires_at : null),
    }),
    invitation: t.field({
      type: Push,
      nullable: true,
      description: 'The push that carried the invitation (status, link opened, SMS fallback).',
      resolve: async (s, _a, ctx) => {
        if (!s.push_id || !(await mayWatch(ctx, s))) return null;
        return (await getPush(ctx.db, s.push_id)) ?? null;
      },
    }),
  }),
});

builder.objectFields(Interaction, (t) => ({
  cobrowseSessions: t.field({
    type: [CobrowseSession],
    description: 'Co-browse sessions of this call, oldest first (its agent while holding it, and supervisors).',
    authScopes: { user: true },
    resolve: async (i, _a, ctx) => {
      const sessions = await listInteractionCobrowseSessions(ctx.db, i.id);
      return sessions.filter((s) => mayWatchCobrowse(ctx.principal, s, i));
    },
  }),
}));

/** A session the caller may watch (agent holding the call, supervisors): unknown and forbidden alike refused. */
async function watchable(ctx: Context, sessionId: string): Promise<SessionRow> {
  const session = await getCobrowseSession(ctx.db, sessionId);
  if (!session || !(await mayWatch(ctx, session))) throw forbidden();
  return session;
}
/** A session the caller guides: its agent holding the call. */
async function guidable(ctx: Context, sessionId: string): Promise<SessionRow> {
  const session = await getCobrowseSession(ctx.db, sessionId);
  if (!session) throw new NotFoundError('Co-browse session');
  const interaction = session.interaction_id ? await getInteraction(ctx.db, session.interaction_id) : undefined;
  if (!mayGuideCobrowse(ctx.principal, session, interaction)) throw new NotYourInteractionError();
  return session;
}
/** The customer's own session, from the origin its token was issued to. */
async function customersOwn(ctx: Context, sessionId: string): Promise<SessionRow> {
  const p = ctx.principal;
  if (p.kind !== 'cobrowseCustomer' || p.sessionId !== sessionId) throw forbidden();
  const origin = ctx.request?.headers.get('origin') ?? null;
  if (origin !== p.origin) throw new OriginNotAllowedError(origin);
  const session = await getCobrowseSession(ctx.db, sessionId);
  if (!session) throw new NotFoundError('Co-browse session');
  return session;
}

builder.queryField('cobrowseSession', (t) =>
  t.field({
    type: CobrowseSession,
    nullable: true,
    description: 'One co-browse session: for its agent and supervisors, or the customer’s own token.',
    authScopes: { user: true, cobrowseCustomer: true },
    args: { id: t.arg.globalID({ required: true, for: [CobrowseSession], description: 'The session’s id.' }) },
    resolve: async (_r, { id }, ctx) => {
      const session = await getCobrowseSession(ctx.db, String(id.id));
      if (!session) return null;
      if (!mayActAsCobrowseCustomer(ctx.principal, session) && !(await mayWatch(ctx, session))) throw forbidden();
      return session;
    },
  }),
);

const CobrowseFigures = builder.simpleObject('CobrowseFigures', {
  description: 'Co-browsing for reports: sessions the customer accepted, calls that had one, how long they lasted.',
  fields: (t) => ({
    sessions: t.int({ description: 'Sessions the customer allowed.' }),
    callsWithCobrowse: t.int({ description: 'Calls that had at least one.' }),
    medianDurationSeconds: t.int({ nullable: true, description: 'Of ended sessions, from consent to end.' }),
  }),
});

builder.queryField('cobrowseFigures', (t) =>
  t.field({
    type: CobrowseFigures,
    description: 'Co-browse figures since a moment (sessions started then or later).',
    authScopes: { supervisor: true },
    args: { since: t.arg({ type: 'DateTime', required: true, description: 'Count sessions started at or after this moment.' }) },
    resolve: (_r, { since }, ctx) => cobrowseFigures(ctx.db, since),
  }),
);

// ─── The agent's side ─────────────────────────────────────────────────────────────────────────

const PushChannelEnum = builder.enumType('PushChannel', {
  description: 'How an invitation reaches the caller: WHATSAPP (the in-call push), or SMS (push’s fallback, once WhatsApp could not reach the number).',
  values: { WHATSAPP: { description: 'The in-call push over WhatsApp.' }, SMS: { description: 'The push’s SMS fallback, once offered.' } } as const,
});

const InviteToCobrowseInput = builder.inputType('InviteToCobrowseInput', {
  description: 'The call, and the page of the company’s site to share.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction] }),
    via: t.field({ type: PushChannelEnum, required: false, defaultValue: 'WHATSAPP' }),
    pageUrl: t.string({ required: true, description: 'A page of the company’s site carrying the widget (its domain must be in PUSH_LINK_DOMAINS).', validate: z.string().trim().url().max(2000) }),
    siteKey: t.string({ required: false, description: 'The chat site of that page; default: the site whose allowed origins hold the page’s origin.', validate: z.string().max(64).optional().nullable() }),
    title: t.string({ required: false, description: 'The message’s text above the link.', validate: z.string().trim().min(1).max(200).optional().nullable() }),
  }),
});
const CobrowseSessionPayload = (name: string) =>
  builder.simpleObject(name, { description: 'The co-browse session as it is now.', fields: (t) => ({ session: t.field({ type: CobrowseSession, description: 'The session.' }) }) });
const InviteToCobrowsePayload = CobrowseSessionPayload('InviteToCobrowsePayload');

builder.mutationField('inviteToCobrowse', (t) =>
  t.field({
    type: InviteToCobrowsePayload,
    description:
      'The agent on a call invites the caller to share a page: a tracked link to pageUrl#cc-cobrowse=<token> goes out through the in-call push (all its rules: consent, window or template, pacing, link domains). via SMS sends the invitation’s offered SMS fallback.',
    authScopes: { user: true },
    errors: {
      types: [
        NotFoundError,
        NotYourInteractionError,
        InteractionStateError,
        WrongChannelError,
        TwilioNotConfiguredError,
        NoTargetNumberError,
        NoConsentError,
        CustomerOptedOutError,
        LinkNotAllowedError,
        MediaRefusedError,
        TemplateRequiredError,
        TemplateNotApprovedError,
        TemplateVariablesMissingError,
        SmsFallbackNotOfferedError,
        SmsRefusedError,
        ProviderUnreachableError,
        CobrowseSiteNotFoundError,
        ...paceRefusals,
        ...inputErrors,
      ],
      directResult: true,
      union: { name: 'InviteToCobrowseResult' },
    },
    args: { input: t.arg({ type: InviteToCobrowseInput, required: true, description: 'The call and the page.' }) },
    resolve: async (_r, { input }, ctx) => {
      if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
      const interactionId = String(input.interactionId.id);
      if (input.via === 'SMS') return { session: await inviteBySms(ctx, { agentId: ctx.principal.userId, interactionId }) };
      const origin = new URL(input.pageUrl).origin;
      const site = input.siteKey ? await getWebchatSiteByKey(ctx.db, input.siteKey) : (await listWebchatSites(ctx.db)).find((s) => s.allowed_origins.includes(origin));
      if (!site) throw new CobrowseSiteNotFoundError(input.siteKey ? null : origin);
      if (!originAllowed(site, origin)) throw new CobrowseSiteNotFoundError(origin);
      const title = input.title ?? 'Open this page to share it with your agent';
      return { session: await inviteToCobrowse(ctx, { agentId: ctx.principal.userId, interactionId, pageUrl: input.pageUrl, site, title }) };
    },
  }),
);

const JoinCobrowseByCodeInput = builder.inputType('JoinCobrowseByCodeInput', {
  description: 'The call, and the code the caller reads.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction] }),
    code: t.string({ required: true, description: 'The 6 digits the caller reads (spaces ignored).', validate: z.string().max(20) }),
  }),
});

builder.mutationField('joinCobrowseByCode', (t) =>
  t.field({
    type: CobrowseSessionPayload('JoinCobrowseByCodePayload'),
    description: 'The agent types the code the caller reads from the widget: the shared page is bound to this call and the customer is asked to confirm. Throttled per agent and overall.',
    authScopes: { user: true },
    errors: { types: [NotFoundError, NotYourInteractionError, InteractionStateError, WrongChannelError, TooManyRequestsError, ...cobrowseErrors, ...inputErrors], directResult: true, union: { name: 'JoinCobrowseByCodeResult' } },
    args: { input: t.arg({ type: JoinCobrowseByCodeInput, required: true, description: 'The call and the code.' }) },
    resolve: async (_r, { input }, ctx) => {
      if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
      return { session: await joinByCode(ctx, { agentId: ctx.principal.userId, interactionId: String(input.interactionId.id), code: input.code.replace(/[\s-]/g, '') }) };
    },
  }),
);

const GuidanceKindEnum = builder.enumType('CobrowseGuidanceKind', {
  description: 'What the agent shows on the customer’s page.',
  values: {
    POINTER: { description: 'The agent’s pointer at x, y.' },
    HIGHLIGHT: { description: 'Outline the element matching selector.' },
    SCROLL_TO: { description: 'Ask to scroll to selector or x, y.' },
    NAVIGATE: { description: 'Ask to open url (same site or PUSH_LINK_DOMAINS).' },
  } as const,
});

const SendCobrowseGuidanceInput = builder.inputType('SendCobrowseGuidanceInput', {
  description: 'POINTER: x, y (page pixels); HIGHLIGHT: selector; SCROLL_TO: selector or x, y; NAVIGATE: url (the customer confirms).',
  fields: (t) => ({
    sessionId: t.globalID({ required: true, for: [CobrowseSession] }),
    kind: t.field({ type: GuidanceKindEnum, required: true }),
    x: t.float({ required: false, validate: z.number().min(0).max(1_000_000).optional().nullable() }),
    y: t.float({ required: false, validate: z.number().min(0).max(1_000_000).optional().nullable() }),
    selector: t.string({ required: false, validate: z.string().trim().min(1).max(500).optional().nullable() }),
    url: t.string({ required: false, validate: z.string().trim().max(2000).optional().nullable() }),
  }),
});
const SendCobrowseGuidancePayload = builder.simpleObject('SendCobrowseGuidancePayload', {
  description: 'The guidance sent.',
  fields: (t) => ({ session: t.field({ type: CobrowseSession, description: 'The session.' }), guidance: t.field({ type: 'JSON', description: 'What the widget received.' }) }),
});

builder.mutationField('sendCobrowseGuidance', (t) =>
  t.field({
    type: SendCobrowseGuidancePayload,
    description: 'The agent points, highlights, scrolls the customer’s page or proposes another page (same site or PUSH_LINK_DOMAINS; the customer confirms). Never types or clicks.',
    authScopes: { user: true },
    errors: { types: [NotFoundError, NotYourInteractionError, CobrowseGuidanceIncompleteError, ...cobrowseErrors, ...inputErrors], directResult: true, union: { name: 'SendCobrowseGuidanceResult' } },
    args: { input: t.arg({ type: SendCobrowseGuidanceInput, required: true, description: 'The session and the guidance.' }) },
    resolve: async (_r, { input }, ctx) => {
      const session = await guidable(ctx, String(input.sessionId.id));
      let guidance: Guidance;
      switch (input.kind) {
        case 'POINTER':
          if (input.x == null || input.y == null) throw new CobrowseGuidanceIncompleteError('POINTER', 'x and y');
          guidance = { kind: 'POINTER', x: input.x, y: input.y };
          break;
        case 'HIGHLIGHT':
          if (!input.selector) throw new CobrowseGuidanceIncompleteError('HIGHLIGHT', 'a selector');
          guidance = { kind: 'HIGHLIGHT', selector: input.selector };
          break;
        case 'SCROLL_TO':
          if (!input.selector && (input.x == null || input.y == null)) throw new CobrowseGuidanceIncompleteError('SCROLL_TO', 'a selector, or x and y');
          guidance = { kind: 'SCROLL_TO', selector: input.selector ?? null, x: input.x ?? null, y: input.y ?? null };
          break;
        case 'NAVIGATE':
          if (!input.url) throw new CobrowseGuidanceIncompleteError('NAVIGATE', 'a url');
          guidance = { kind: 'NAVIGATE', url: input.url };
          break;
      }
      return { session, guidance: await sendGuidance(ctx, session, guidance) };
    },
  }),
);

builder.mutationField('requestCobrowseSnapshot', (t) =>
  t.boolean({
    description: 'The agent’s replayer saw a gap in the batches: the widget sends a fresh full snapshot (SNAPSHOT_REQUEST). Agent or watching supervisor.',
    authScopes: { user: true },
    args: { input: t.arg({ type: builder.inputType('RequestCobrowseSnapshotInput', { description: 'The session whose widget sends a full snapshot.', fields: (f) => ({ sessionId: f.globalID({ required: true, for: [CobrowseSession], description: 'The session.' }) }) }), required: true, description: 'What to act on.' }) },
    resolve: async (_r, { input }, ctx) => requestSnapshot(ctx, await watchable(ctx, String(input.sessionId.id))),
  }),
);

builder.mutationField('endCobrowse', (t) =>
  t.field({
    type: CobrowseSessionPayload('EndCobrowsePayload'),
    description: 'The agent or the customer ends the session; both sides hear ENDED. Ending an ended session changes nothing.',
    authScopes: { user: true, cobrowseCustomer: true },
    errors: { types: [NotFoundError, NotYourInteractionError, OriginNotAllowedError, ...inputErrors], directResult: true, union: { name: 'EndCobrowseResult' } },
    args: { input: t.arg({ type: builder.inputType('EndCobrowseInput', { description: 'The session to end.', fields: (f) => ({ sessionId: f.globalID({ required: true, for: [CobrowseSession], description: 'The session.' }) }) }), required: true, description: 'What to act on.' }) },
    resolve: async (_r, { input }, ctx) => {
      const id = String(input.sessionId.id);
      if (ctx.principal.kind === 'cobrowseCustomer') {
        const own = await customersOwn(ctx, id);
        return { session: await endSession(ctx, { sessionId: own.id, reason: 'customer_stopped', actor: { type: 'customer', id: null } }) };
      }
      const session = await guidable(ctx, id);
      return { session: await endSession(ctx, { sessionId: session.id, reason: 'agent_ended', actor: { type: 'user', id: ctx.principal.kind === 'user' ? ctx.principal.userId : null } }) };
    },
  }),
);

const CobrowseEventBatch = builder.simpleObject('CobrowseEventBatch', {
  description: 'In order by seq. kind EVENTS: the customer’s rrweb events (the first after consent or a snapshot request holds a FullSnapshot, type 2); kind STATUS: the session changed (events empty, seq the last one sent).',
  fields: (t) => ({
    kind: t.string({ description: 'EVENTS or STATUS.' }),
    seq: t.int({ description: 'The batch’s number (STATUS: the last one sent).' }),
    events: t.field({ type: 'JSON', description: 'rrweb events, in order (STATUS: empty).' }),
    url: t.string({ nullable: true, description: 'The customer’s page when the batch was sent.' }),
    sessionId: t.id({ description: 'The session (raw id).' }),
  }),
});
/** The session's row as a subscription last read it (see cobrowseEvents); by delivered event, and by the subscription's context. */
const sessionRows = new WeakMap<object, SessionRow>();
const rowsBySubscription = new WeakMap<Context, Map<string, SessionRow>>();
builder.objectField(CobrowseEventBatch, 'session', (t) =>
  t.field({ type: CobrowseSession, description: 'The session as it is now.', resolve: async (b, _a, ctx) => sessionRows.get(b) ?? (await getCobrowseSession(ctx.db, String(b.sessionId)))! }),
);

/** A batch as published (EVENTS: its frame read back; STATUS: no events), ready to be read field by field. */
const asBatch = (e: AgentEvent) => (e.kind === 'EVENTS' ? { ...(JSON.parse(e.frame) as Extract<AgentFrame, { kind: 'EVENTS' }>), sessionId: e.sessionId } : { ...e, events: [], url: null });

builder.subscriptionField('cobrowseEvents', (t) =>
  t.field({
    type: CobrowseEventBatch,
    description: 'For the agent holding the call and watching supervisors: the session’s status now, then the customer’s event batches in order and every status change. A gap in seq: ask requestCobrowseSnapshot.',
    authScopes: { user: true },
    args: { sessionId: t.arg.globalID({ required: true, for: [CobrowseSession], description: 'The session to watch.' }) },
    subscribe: async (_r, { sessionId }, ctx) => {
      const session = await watchable(ctx, String(sessionId.id));
      const live = ctx.pubsub.subscribe('cobrowseAgent', session.id);
      return startingWith(async () => {
        const now = await getCobrowseSession(ctx.db, session.id);
        return [{ kind: 'STATUS', sessionId: session.id, seq: now?.last_seq ?? 0 } satisfies AgentEvent];
      }, live);
    },
    // The hot path: a batch is delivered as published, with the row this subscription holds; the
    // row is read again only with a status change or a new page (then asynchronously).
    resolve: (payload, _a, ctx) => {
      const e = payload as AgentEvent;
      const batch = asBatch(e);
      let rows = rowsBySubscription.get(ctx);
      if (!rows) rowsBySubscription.set(ctx, (rows = new Map()));
      const row = rows.get(e.sessionId);
      if (row && e.kind === 'EVENTS' && !e.pageChanged) {
        sessionRows.set(batch, row);
        return batch;
      }
      return getCobrowseSession(ctx.db, e.sessionId).then((fresh) => {
        if (fresh) {
          rows.set(e.sessionId, fresh);
          sessionRows.set(batch, fresh);
        }
        return batch;
      });
    },
  }),
);

// ─── The customer's side (the widget) ─────────────────────────────────────────────────────────

function requestOrigin(ctx: Context): string {
  const origin = ctx.request?.headers.get('origin') ?? null;
  // Browsers send Origin on these POSTs; without one the caller is no page of an allowed site.
  if (!origin || origin === 'null') throw new OriginNotAllowedError(null);
  return origin;
}

const StartCobrowseSharePayload = builder.simpleObject('StartCobrowseSharePayload', {
  description: 'The waiting share (with its code) and its token.',
  fields: (t) => ({
    session: t.field({ type: CobrowseSession, description: 'The share, with the code to read to the agent.' }),
    token: t.string({ description: 'Send as `Authorization: Bearer <token>` on every co-browse operation; keep it in sessionStorage to follow the customer across pages.' }),
  }),
});

builder.mutationField('startCobrowseShare', (t) =>
  t.field({
    type: StartCobrowseSharePayload,
    description: '“Share this page with the agent”: a 6-digit code (single use, COBROWSE_CODE_TTL_SECONDS) the customer reads over the phone, and the session’s token. Public; the page’s Origin must be allowed by the site.',
    errors: { types: [CobrowseSiteNotFoundError, OriginNotAllowedError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'StartCobrowseShareResult' } },
    args: { input: t.arg({ type: builder.inputType('StartCobrowseShareInput', { description: 'The chat site of the page.', fields: (f) => ({ siteKey: f.string({ required: true, description: 'The widget’s data-site.', validate: z.string().min(1).max(64) }) }) }), required: true, description: 'What to act on.' }) },
    resolve: async (_r, { input }, ctx) => {
      const verdict = await ctx.rateLimiter.hit(`cobrowse-share:${ctx.clientAddress ?? 'unknown'}`, ctx.env.COBROWSE_SHARES_PER_MINUTE, 60_000, ctx.clock());
      if (!verdict.ok) throw new TooManyRequestsError(Math.ceil(verdict.retryAfterMs / 1000));
      const site = await getWebchatSiteByKey(ctx.db, input.siteKey);
      if (!site) throw new CobrowseSiteNotFoundError(null);
      const origin = requestOrigin(ctx);
      if (!originAllowed(site, origin)) throw new OriginNotAllowedError(origin);
      const session = await startShare(ctx, site);
      issuedToCaller.add(session);
      return { session, token: await ctx.cobrowse.tokens.sign({ sessionId: session.id, origin }) };
    },
  }),
);

const OpenCobrowseInvitePayload = builder.simpleObject('OpenCobrowseInvitePayload', {
  description: 'The invitation’s session, who asks, and the session’s token.',
  fields: (t) => ({
    session: t.field({ type: CobrowseSession, description: 'The session, waiting for the customer’s answer.' }),
    token: t.string({ description: 'The session’s token (Bearer), as from startCobrowseShare.' }),
    agentName: t.string({ description: 'Who asks, for the question the customer answers.' }),
    agentTeam: t.string({ nullable: true, description: 'Their team (the call’s queue).' }),
  }),
});

builder.mutationField('openCobrowseInvite', (t) =>
  t.field({
    type: OpenCobrowseInvitePayload,
    description: 'The widget found #cc-cobrowse=<token> in the page address (the pushed link): the session, who asks, and the session’s token. The customer then confirms (acceptCobrowse). Public; Origin checked.',
    errors: { types: [OriginNotAllowedError, TooManyRequestsError, ...cobrowseErrors, ...inputErrors], directResult: true, union: { name: 'OpenCobrowseInviteResult' } },
    args: { input: t.arg({ type: builder.inputType('OpenCobrowseInviteInput', { description: 'The token from the page address.', fields: (f) => ({ inviteToken: f.string({ required: true, description: 'What follows #cc-cobrowse=.', validate: z.string().min(1).max(200) }) }) }), required: true, description: 'What to act on.' }) },
    resolve: async (_r, { input }, ctx) => {
      const verdict = await ctx.rateLimiter.hit(`cobrowse-invite:${ctx.clientAddress ?? 'unknown'}`, ctx.env.COBROWSE_SHARES_PER_MINUTE, 60_000, ctx.clock());
      if (!verdict.ok) throw new TooManyRequestsError(Math.ceil(verdict.retryAfterMs / 1000));
      let origin = '';
      const { session } = await openInvite(ctx, input.inviteToken, (site) => {
        origin = requestOrigin(ctx);
        if (!originAllowed(site, origin)) throw new OriginNotAllowedError(origin);
      });
      issuedToCaller.add(session);
      return { session, token: await ctx.cobrowse.tokens.sign({ sessionId: session.id, origin }), ...(await agentCard(ctx, session)) };
    },
  }),
);

const AcceptCobrowseInput = builder.inputType('AcceptCobrowseInput', {
  description: 'The session allowed, and what the customer was shown.',
  fields: (t) => ({
    sessionId: t.globalID({ required: true, for: [CobrowseSession] }),
    wording: t.string({ required: true, description: 'The question exactly as shown, e.g. “Ana, Customer service, wants to see this page”.', validate: z.string().trim().min(5).max(1000) }),
  }),
});

builder.mutationField('acceptCobrowse', (t) =>
  t.field({
    type: CobrowseSessionPayload('AcceptCobrowsePayload'),
    description: 'The customer accepts: the consent (who asked, when, the wording shown, the call) is recorded on the call’s timeline and sharing starts (send a FullSnapshot first).',
    authScopes: { cobrowseCustomer: true },
    errors: { types: [NotFoundError, OriginNotAllowedError, ...cobrowseErrors, ...inputErrors], directResult: true, union: { name: 'AcceptCobrowseResult' } },
    args: { input: t.arg({ type: AcceptCobrowseInput, required: true, description: 'The session and the wording shown.' }) },
    resolve: async (_r, { input }, ctx) => {
      const session = await customersOwn(ctx, String(input.sessionId.id));
      const accepted = await acceptCobrowse(ctx, {
        sessionId: session.id,
        wording: input.wording,
        origin: requestOrigin(ctx),
        userAgent: ctx.request?.headers.get('user-agent') ?? null,
        clientAddress: ctx.clientAddress,
      });
      return { session: accepted };
    },
  }),
);

const SendCobrowseEventsInput = builder.inputType('SendCobrowseEventsInput', {
  description: 'One numbered batch of rrweb events.',
  fields: (t) => ({
    sessionId: t.globalID({ required: true, for: [CobrowseSession] }),
    seq: t.int({ required: true, description: 'This batch’s number: 1, 2, 3… for the session (continues across page loads).', validate: z.number().int().min(1) }),
    url: t.string({ required: true, validate: z.string().max(2000) }),
    events: t.field({ type: 'JSON', required: true, description: 'rrweb events (a list), form values masked.' }),
  }),
});
const SendCobrowseEventsPayload = builder.simpleObject('SendCobrowseEventsPayload', {
  description: 'What became of the batch.',
  fields: (t) => ({
    accepted: t.boolean({ description: 'False: an older or repeated seq, dropped (do not resend it).' }),
    seq: t.int({ description: 'Accepted: this seq; dropped: the last one accepted.' }),
    masked: t.int({ description: 'Form values the API had to mask (the widget should have): 0 when the widget masks.' }),
  }),
});

builder.mutationField('sendCobrowseEvents', (t) =>
  t.field({
    type: SendCobrowseEventsPayload,
    description: 'A batch of the customer’s rrweb events, delivered to the agent in seq order. Limits: COBROWSE_MAX_EVENT_BYTES per event, COBROWSE_BATCHES_PER_SECOND, COBROWSE_MAX_SESSION_BYTES per session; canvas never; form values masked.',
    authScopes: { cobrowseCustomer: true },
    errors: { types: [NotFoundError, OriginNotAllowedError, TooManyRequestsError, ...cobrowseErrors, ...inputErrors], directResult: true, union: { name: 'SendCobrowseEventsResult' } },
    args: { input: t.arg({ type: SendCobrowseEventsInput, required: true, description: 'The batch.' }) },
    resolve: async (_r, { input }, ctx) => {
      const p = ctx.principal;
      const id = String(input.sessionId.id);
      // The hot path: token and origin only; the session is held (and the batch counted) by the ledger.
      if (p.kind !== 'cobrowseCustomer' || p.sessionId !== id) throw forbidden();
      const origin = ctx.request?.headers.get('origin') ?? null;
      if (origin !== p.origin) throw new OriginNotAllowedError(origin);
      const outcome = await receiveEvents(ctx, { sessionId: id, seq: input.seq, url: input.url, events: input.events });
      return outcome.accepted ? { accepted: true, seq: outcome.seq, masked: outcome.masked } : { accepted: false, seq: outcome.seq, masked: 0 };
    },
  }),
);

const CobrowseCustomerEvent = builder.simpleObject('CobrowseCustomerEvent', {
  description: 'To the widget. JOIN_REQUEST: an agent typed the code (ask the customer); GUIDANCE: pointer, highlight, scroll or a page to confirm; SNAPSHOT_REQUEST: send a full snapshot; ENDED.',
  fields: (t) => ({
    kind: t.string({ description: 'JOIN_REQUEST, GUIDANCE, SNAPSHOT_REQUEST or ENDED.' }),
    agentName: t.string({ nullable: true, description: 'JOIN_REQUEST: who asks.' }),
    agentTeam: t.string({ nullable: true, description: 'JOIN_REQUEST: their team (the call’s queue).' }),
    guidance: t.field({ type: 'JSON', nullable: true, description: 'GUIDANCE: { kind, x, y, selector, url }.' }),
    endReason: t.field({ type: CobrowseEndReasonEnum, nullable: true, description: 'ENDED: why.' }),
  }),
});

builder.subscriptionField('cobrowseCustomerEvents', (t) =>
  t.field({
    type: CobrowseCustomerEvent,
    description: 'The widget’s live channel for its own session: a pending join request or the end first (after a reload), then join requests, guidance, snapshot requests and the end.',
    authScopes: { cobrowseCustomer: true },
    args: { sessionId: t.arg.globalID({ required: true, for: [CobrowseSession], description: 'The customer’s own session.' }) },
    subscribe: async (_r, { sessionId }, ctx) => {
      const id = String(sessionId.id);
      if (ctx.principal.kind !== 'cobrowseCustomer' || ctx.principal.sessionId !== id) throw forbidden();
      const live = ctx.pubsub.subscribe('cobrowseCustomer', id);
      return startingWith(async () => {
        const session = await getCobrowseSession(ctx.db, id);
        if (!session) return [];
        if (session.status === 'ended') return [{ kind: 'ENDED', endReason: session.end_reason ?? 'agent_ended' } satisfies CustomerEvent];
        if (session.status === 'pending_consent' && session.via === 'code') return [{ kind: 'JOIN_REQUEST', ...(await agentCard(ctx, session)) } satisfies CustomerEvent];
        return [];
      }, live);
    },
    resolve: (payload) => {
      const e = payload as CustomerEvent;
      return {
        kind: e.kind,
        agentName: e.kind === 'JOIN_REQUEST' ? e.agentName : null,
        agentTeam: e.kind === 'JOIN_REQUEST' ? e.agentTeam : null,
        guidance: e.kind === 'GUIDANCE' ? e.guidance : null,
        endReason: e.kind === 'ENDED' ? e.endReason : null,
      };
    },
  }),
);
