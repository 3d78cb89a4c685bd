import { createHash, randomBytes, randomInt } from 'node:crypto';
import { checkCobrowseBatch } from '@cc/core/cobrowse-events';
import { checkLink, parseAllowList } from '@cc/core/link-allow-list';
import {
  acceptCobrowseSession,
  claimShareByCode,
  cobrowseAgentCard,
  deleteCobrowseSession,
  invitationSiteId,
  latestPendingInvitation,
  createInvitedSession,
  createWaitingShare,
  endCobrowseSession,
  endInteractionCobrowseSessions,
  getCobrowseSession,
  moveCobrowsePage,
  openInvitation,
  setCobrowsePush,
} from '@cc/db/repositories/cobrowse';
import { recordInteractionEvent, type Actor } from '@cc/db/repositories/interaction-events';
import { getInteraction } from '@cc/db/repositories/interactions';
import { getPush } from '@cc/db/repositories/pushes';
import { getWebchatSite } from '@cc/db/repositories/webchat';
import type { CobrowseEndReason, CobrowseSession } from '@cc/db/tables/cobrowse';
import type { Interaction } from '@cc/db/tables/interactions';
import type { WebchatSite } from '@cc/db/tables/webchat';
import type { ApiServices, Principal } from '../context';
import { SmsFallbackNotOfferedError } from '../push/errors';
import { sendPushBySms, smsFallbackRefusal } from '../push/sms-fallback';
import { TwilioNotConfiguredError, WrongChannelError } from '../messaging/errors';
import { TooManyRequestsError } from '../auth/errors';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { CobrowseCodeInvalidError, CobrowseEventsRefusedError, CobrowseInviteInvalidError, CobrowseNavigationNotAllowedError, CobrowseStateError } from './errors';
import { isAssignedTo, mayWatchCobrowse } from '../authorization/policy';
import { eventsFrame } from './frames';

/** Whether `principal` may watch this session now: its interaction read fresh (the subscription, the live socket and the session's fields ask alike). */
export async function mayWatchCobrowseSession(db: ApiServices['db'], principal: Principal, session: CobrowseSession): Promise<boolean> {
  if (!session.interaction_id) return false;
  return mayWatchCobrowse(principal, session, await getInteraction(db, session.interaction_id));
}

export type CobrowseDeps = Pick<ApiServices, 'db' | 'pubsub' | 'clock' | 'env' | 'rateLimiter' | 'push' | 'twilio' | 'mediaUrls' | 'cobrowse'>;
/** What ends a session: a worker apart has no ledger (the API's replicas hear the end on pubsub). */
type EndDeps = Pick<CobrowseDeps, 'db' | 'pubsub' | 'clock'> & { cobrowse?: Pick<ApiServices['cobrowse'], 'ledger'> };

/** What the widget hears (topic cobrowseCustomer). */
export type CustomerEvent =
  | { kind: 'JOIN_REQUEST'; agentName: string; agentTeam: string | null }
  | { kind: 'GUIDANCE'; guidance: Guidance }
  | { kind: 'SNAPSHOT_REQUEST' }
  | { kind: 'ENDED'; endReason: CobrowseEndReason };

/** What the agent's replayer hears (topic cobrowseAgent): batches in the widget's order, and status changes. */
export type AgentEvent =
  /** pageChanged: the session's row changed with this batch (its current page); frame: the batch as the agent's socket sends it (frames.ts). */
  | { kind: 'EVENTS'; sessionId: string; seq: number; url: string | null; pageChanged?: boolean; frame: string }
  | { kind: 'STATUS'; sessionId: string; seq: number };

export type Guidance =
  | { kind: 'POINTER'; x: number; y: number }
  | { kind: 'HIGHLIGHT'; selector: string }
  | { kind: 'SCROLL_TO'; selector: string | null; x: number | null; y: number | null }
  | { kind: 'NAVIGATE'; url: string };

const codeTriesWindowMs = 60_000;
/** rrweb batches from one widget flush; far more than this in one request is not a widget. */
const maxEventsPerBatch = 2000;

export const hashInviteToken = (token: string) => createHash('sha256').update(token).digest('base64url');
export const inviteFragment = 'cc-cobrowse';

function publishToCustomer(deps: Pick<CobrowseDeps, 'pubsub'>, sessionId: string, event: CustomerEvent) {
  deps.pubsub.publish('cobrowseCustomer', sessionId, event);
}
function publishStatus(deps: Pick<CobrowseDeps, 'pubsub'>, session: CobrowseSession) {
  deps.pubsub.publish('cobrowseSessionChanged', { sessionId: session.id });
  deps.pubsub.publish('cobrowseAgent', session.id, { kind: 'STATUS', sessionId: session.id, seq: session.last_seq } satisfies AgentEvent);
  if (session.interaction_id) deps.pubsub.publish('interactionUpdated', session.interaction_id, { interactionId: session.interaction_id });
}

/** Who asks, as the customer reads it: "Ana, Customer service". */
export async function agentCard(deps: Pick<CobrowseDeps, 'db'>, session: Pick<CobrowseSession, 'agent_id' | 'interaction_id'>): Promise<{ agentName: string; agentTeam: string | null }> {
  const card = await cobrowseAgentCard(deps.db, session.agent_id, session.interaction_id);
  return { agentName: card.agentName ?? 'Your agent', agentTeam: card.queueName };
}

/** The call an agent co-browses on: theirs, a voice call, connected now. */
async function agentCall(deps: Pick<CobrowseDeps, 'db'>, agentId: string, interactionId: string): Promise<Interaction> {
  const interaction = await getInteraction(deps.db, interactionId);
  if (!interaction) throw new NotFoundError('Interaction');
  if (!isAssignedTo(agentId, interaction)) throw new NotYourInteractionError();
  if (interaction.channel !== 'voice') throw new WrongChannelError('voice', interaction.channel);
  if (interaction.status !== 'assigned') throw new InteractionStateError(interaction.status, 'co-browsed on');
  return interaction;
}

/** The origins a site's pages may run the widget on; empty = any (as the chat widget). */
export function originAllowed(site: Pick<WebchatSite, 'allowed_origins'>, origin: string | null): boolean {
  if (!origin || origin === 'null') return false;
  return site.allowed_origins.length === 0 || site.allowed_origins.includes(origin);
}

// ─── The customer starts: a code read over the phone ───────────────────────────────────────────

/** A shared page waiting for the agent: a fresh 6-digit code, single use, expiring after COBROWSE_CODE_TTL_SECONDS. */
export async function startShare(deps: CobrowseDeps, site: WebchatSite): Promise<CobrowseSession> {
  const now = deps.clock();
  const expires = new Date(now.getTime() + deps.env.COBROWSE_CODE_TTL_SECONDS * 1000);
  // A million codes and few waiting at once: a clash is rare, a few draws settle it.
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const session = await createWaitingShare(deps.db, { siteId: site.id, code, codeExpiresAt: expires, now });
    if (session) return session;
  }
  throw new Error('no free co-browse code after 8 draws');
}

/**
 * The agent types the code the caller read: throttled per agent and overall (COBROWSE_CODE_TRIES_*
 * per minute) so codes cannot be enumerated; a right code binds the waiting share to this call and
 * asks the customer to confirm (JOIN_REQUEST).
 */
export async function joinByCode(deps: CobrowseDeps, req: { agentId: string; interactionId: string; code: string }): Promise<CobrowseSession> {
  const now = deps.clock();
  for (const [key, limit] of [
    [`cobrowse-code:agent:${req.agentId}`, deps.env.COBROWSE_CODE_TRIES_PER_AGENT],
    ['cobrowse-code:all', deps.env.COBROWSE_CODE_TRIES_OVERALL],
  ] as const) {
    const verdict = await deps.rateLimiter.hit(key, limit, codeTriesWindowMs, now);
    if (!verdict.ok) throw new TooManyRequestsError(Math.ceil(verdict.retryAfterMs / 1000), `Too many co-browse codes tried — try again in ${Math.ceil(verdict.retryAfterMs / 1000)} s.`);
  }
  const interaction = await agentCall(deps, req.agentId, req.interactionId);
  if (!/^\d{6}$/.test(req.code)) throw new CobrowseCodeInvalidError();
  const session = await claimShareByCode(deps.db, { code: req.code, interactionId: interaction.id, agentId: req.agentId, now });
  if (!session) throw new CobrowseCodeInvalidError();
  // A right code is no guess: it does not count against the agent's tries.
  await deps.rateLimiter.undo(`cobrowse-code:agent:${req.agentId}`);
  await recordInteractionEvent(deps.db, { interactionId: interaction.id, type: 'cobrowse_code_joined', actor: { type: 'user', id: req.agentId }, data: { sessionId: session.id }, at: now });
  publishToCustomer(deps, session.id, { kind: 'JOIN_REQUEST', ...(await agentCard(deps, session)) });
  publishStatus(deps, session);
  return session;
}

// ─── The agent starts: an invitation pushed over WhatsApp (SMS where WhatsApp cannot) ──────────

/**
 * Pushes a tracked link to `pageUrl#cc-cobrowse=<token>` through the in-call push (consent, window
 * or template, pacing, link domains: all its rules); the page's widget opens the invitation and
 * asks the customer. A refused push leaves nothing behind.
 */
export async function inviteToCobrowse(deps: CobrowseDeps, req: { agentId: string; interactionId: string; pageUrl: string; site: WebchatSite; title: string }): Promise<CobrowseSession> {
  const now = deps.clock();
  const interaction = await agentCall(deps, req.agentId, req.interactionId);
  const token = randomBytes(16).toString('base64url');
  const session = await createInvitedSession(deps.db, {
    siteId: req.site.id,
    interactionId: interaction.id,
    agentId: req.agentId,
    inviteTokenHash: hashInviteToken(token),
    inviteExpiresAt: new Date(now.getTime() + deps.env.COBROWSE_INVITE_TTL_SECONDS * 1000),
    now,
  });
  const url = new URL(req.pageUrl);
  url.hash = `${inviteFragment}=${token}`;
  let pushId: string;
  try {
    const push = await deps.push.service.request({ interactionId: interaction.id, agentId: req.agentId, to: null, template: null, kind: 'link', url: url.toString(), title: req.title });
    pushId = push.id;
  } catch (e) {
    await deleteCobrowseSession(deps.db, session.id);
    throw e;
  }
  await setCobrowsePush(deps.db, session.id, pushId);
  await recordInteractionEvent(deps.db, { interactionId: interaction.id, type: 'cobrowse_invited', actor: { type: 'user', id: req.agentId }, data: { sessionId: session.id, pushId, via: 'whatsapp' }, at: now });
  return { ...session, push_id: pushId };
}

/**
 * The invitation again by SMS, where WhatsApp could not reach the number: push's SMS fallback,
 * offered on the invitation's push (Push.fallback OFFERED); the same tracked link goes out once.
 */
export async function inviteBySms(deps: CobrowseDeps, req: { agentId: string; interactionId: string }): Promise<CobrowseSession> {
  const interaction = await agentCall(deps, req.agentId, req.interactionId);
  const session = await latestPendingInvitation(deps.db, interaction.id);
  const push = session?.push_id ? await getPush(deps.db, session.push_id) : undefined;
  if (!session || !push) throw new SmsFallbackNotOfferedError(false);
  if (!deps.twilio) throw new TwilioNotConfiguredError('SMS');
  const from = deps.env.PUSH_SMS_FROM ?? deps.twilio.deps.config.TWILIO_VOICE_NUMBERS[0]?.number ?? null;
  const outcome = await sendPushBySms({ db: deps.db, clock: deps.clock, twilio: deps.twilio, from, mediaUrls: deps.mediaUrls, linkTtlSeconds: deps.env.MEDIA_LINK_TTL_SECONDS }, push, req.agentId);
  if (outcome.ok) {
    deps.push.service.published(outcome.push);
    await recordInteractionEvent(deps.db, { interactionId: interaction.id, type: 'cobrowse_invited', actor: { type: 'user', id: req.agentId }, data: { sessionId: session.id, pushId: push.id, via: 'sms' }, at: deps.clock() });
    return session;
  }
  throw smsFallbackRefusal(outcome);
}

/** The widget found `#cc-cobrowse=<token>`: the invitation's session, now waiting for the customer to confirm. */
export async function openInvite(deps: CobrowseDeps, inviteToken: string, checkOrigin: (site: WebchatSite) => void): Promise<{ session: CobrowseSession; site: WebchatSite }> {
  const hash = hashInviteToken(inviteToken);
  const siteId = await invitationSiteId(deps.db, hash);
  const site = siteId && (await getWebchatSite(deps.db, siteId));
  if (!site) throw new CobrowseInviteInvalidError();
  checkOrigin(site);
  const session = await openInvitation(deps.db, hash, deps.clock());
  if (!session) throw new CobrowseInviteInvalidError();
  publishStatus(deps, session);
  return { session, site };
}

// ─── Consent, events, guidance, end ────────────────────────────────────────────────────────────

/** The customer accepted what they were shown: recorded with its evidence on the call's timeline; sharing starts. */
export async function acceptCobrowse(
  deps: CobrowseDeps,
  req: { sessionId: string; wording: string; origin: string; userAgent: string | null; clientAddress: string | null },
): Promise<CobrowseSession> {
  const now = deps.clock();
  const current = await getCobrowseSession(deps.db, req.sessionId);
  if (!current) throw new NotFoundError('Co-browse session');
  if (current.status !== 'pending_consent' || !current.interaction_id) throw new CobrowseStateError(current.status, 'accepted');
  const interaction = await getInteraction(deps.db, current.interaction_id);
  const card = await agentCard(deps, current);
  const evidence = {
    wording: req.wording,
    at: now.toISOString(),
    agentId: current.agent_id,
    agentName: card.agentName,
    agentTeam: card.agentTeam,
    interactionId: current.interaction_id,
    callSid: interaction?.context.callSid ?? null,
    via: current.via,
    origin: req.origin,
    userAgent: req.userAgent,
    clientAddress: req.clientAddress,
  };
  const session = await deps.db.transaction().execute(async (trx) => {
    const accepted = await acceptCobrowseSession(trx, { id: current.id, evidence, now });
    if (!accepted) return undefined;
    await recordInteractionEvent(trx, { interactionId: current.interaction_id!, type: 'cobrowse_started', actor: customerActor(interaction), data: { sessionId: current.id, consent: evidence }, at: now });
    return accepted;
  });
  if (!session) throw new CobrowseStateError((await getCobrowseSession(deps.db, req.sessionId))?.status ?? 'ended', 'accepted');
  publishStatus(deps, session);
  return session;
}

const customerActor = (interaction: Interaction | undefined): Actor => ({ type: 'customer', id: interaction?.customer_id ?? null });

export type EventsOutcome = { accepted: true; seq: number; masked: number } | { accepted: false; seq: number; reason: 'out_of_order' };

const retention = new Map<string, { days: number; readAt: number }>();
async function retentionDays(deps: Pick<CobrowseDeps, 'db'>, siteId: string, now: number): Promise<number> {
  const cached = retention.get(siteId);
  if (cached && now - cached.readAt < 30_000) return cached.days;
  const site = await getWebchatSite(deps.db, siteId);
  const days = site?.cobrowse_retention_days ?? 0;
  retention.set(siteId, { days, readAt: now });
  return days;
}

/**
 * One batch from the widget: within the per-second and per-session limits, every event within
 * COBROWSE_MAX_EVENT_BYTES, no canvas, form values masked (a second line behind the widget's
 * masking); numbered after the last one accepted (an older or repeated number is dropped and said
 * so: the widget does not resend it). Then fanned out to the agent in that order; kept packed only
 * when the site keeps co-browse events. Counted by the ledger (memory or Redis), not the database:
 * the row follows within a second (ledger.ts), and the fan-out comes before anything else.
 */
export async function receiveEvents(deps: CobrowseDeps, req: { sessionId: string; seq: number; url: string; events: unknown }): Promise<EventsOutcome> {
  const now = deps.clock();
  const checked = checkCobrowseBatch(req.events, { maxEventBytes: deps.env.COBROWSE_MAX_EVENT_BYTES, maxEvents: maxEventsPerBatch }, deps.cobrowse.ledger.unmaskedFields(req.sessionId));
  if (!checked.ok) throw new CobrowseEventsRefusedError(checked.reason, checked.detail);
  const verdict = await deps.cobrowse.ledger.admit(
    { sessionId: req.sessionId, seq: req.seq, bytes: checked.bytes },
    { batchesPerSecond: deps.env.COBROWSE_BATCHES_PER_SECOND, maxSessionBytes: deps.env.COBROWSE_MAX_SESSION_BYTES },
    now.getTime(),
  );
  if (!verdict.ok) {
    switch (verdict.reason) {
      case 'rate':
        throw new TooManyRequestsError(Math.ceil(verdict.retryAfterMs / 1000), 'Too many co-browse batches this second — send them together.');
      case 'out_of_order':
        return { accepted: false, seq: verdict.lastSeq, reason: 'out_of_order' };
      case 'session_bytes':
        await endSession(deps, { sessionId: req.sessionId, reason: 'limit_exceeded', actor: { type: 'system', id: null } });
        throw new CobrowseEventsRefusedError('session_limit', `${deps.env.COBROWSE_MAX_SESSION_BYTES} bytes`);
      case 'not_active':
        if (!verdict.session) throw new NotFoundError('Co-browse session');
        throw new CobrowseStateError(verdict.session.status, 'sent events');
    }
  }
  const { session } = verdict;
  // A full snapshot of another page (rare: page loads) moves the session's page first, so the
  // agent's view reads the new page with the batch that shows it.
  const pageChanged = !!checked.page && checked.page !== session.currentUrl;
  const moved = pageChanged ? await moveCobrowsePage(deps.db, { id: session.id, page: checked.page! }) : undefined;
  if (pageChanged) deps.cobrowse.ledger.moved(session.id, checked.page!);
  const frame = eventsFrame(req.seq, req.url, checked.json);
  deps.pubsub.publish('cobrowseAgent', session.id, { kind: 'EVENTS', sessionId: session.id, seq: req.seq, url: req.url, pageChanged, frame } satisfies AgentEvent);
  // The agent's delivery (microtasks from the publish to its socket's write) goes out before this
  // answer's two writes to the widget: what the agent waits for is not queued behind them.
  await new Promise((delivered) => setImmediate(delivered));
  if (moved && moved.previousUrl !== checked.page && session.interactionId) {
    await recordInteractionEvent(deps.db, { interactionId: session.interactionId, type: 'cobrowse_page_visited', actor: { type: 'customer', id: null }, data: { sessionId: session.id, url: checked.page }, at: now });
    deps.pubsub.publish('interactionUpdated', session.interactionId, { interactionId: session.interactionId });
  }
  const days = await retentionDays(deps, session.siteId, now.getTime());
  if (days > 0) deps.cobrowse.ledger.keep({ sessionId: session.id, seq: req.seq, url: req.url, events: checked.events, bytes: checked.bytes, keepUntil: new Date(now.getTime() + days * 86_400_000), now });
  return { accepted: true, seq: req.seq, masked: checked.masked };
}

/** The agent points, highlights, scrolls or proposes a page; NAVIGATE only within the site or PUSH_LINK_DOMAINS (the customer confirms it). */
export async function sendGuidance(deps: CobrowseDeps, session: CobrowseSession, guidance: Guidance): Promise<Guidance> {
  if (session.status !== 'active') throw new CobrowseStateError(session.status, 'guided');
  if (guidance.kind === 'NAVIGATE') {
    const site = await getWebchatSite(deps.db, session.site_id);
    let target: URL;
    try {
      target = new URL(guidance.url);
    } catch {
      throw new CobrowseNavigationNotAllowedError(null);
    }
    const sameSite = (target.protocol === 'https:' || target.protocol === 'http:') && ((site && site.allowed_origins.includes(target.origin)) || (session.current_url !== null && new URL(session.current_url).origin === target.origin));
    if (!sameSite && !checkLink(guidance.url, parseAllowList(deps.env.PUSH_LINK_DOMAINS)).ok) throw new CobrowseNavigationNotAllowedError(target.hostname || null);
    guidance = { kind: 'NAVIGATE', url: target.toString() };
  }
  publishToCustomer(deps, session.id, { kind: 'GUIDANCE', guidance });
  return guidance;
}

export function requestSnapshot(deps: CobrowseDeps, session: CobrowseSession): boolean {
  if (session.status !== 'active') throw new CobrowseStateError(session.status, 'asked for a snapshot');
  publishToCustomer(deps, session.id, { kind: 'SNAPSHOT_REQUEST' });
  return true;
}

/** Ends a session once (customer, agent, the call, the limits): ENDED to both sides, duration on the timeline. */
export async function endSession(deps: EndDeps, req: { sessionId: string; reason: CobrowseEndReason; actor: Actor }): Promise<CobrowseSession> {
  // What this replica counted reaches the row first: the end's STATUS carries the last seq.
  await deps.cobrowse?.ledger.settle(req.sessionId);
  const ended = await endCobrowseSession(deps.db, { id: req.sessionId, reason: req.reason, now: deps.clock() });
  if (!ended) {
    const current = await getCobrowseSession(deps.db, req.sessionId);
    if (!current) throw new NotFoundError('Co-browse session');
    return current;
  }
  await announceEnd(deps, ended, req.actor);
  return ended;
}

async function announceEnd(deps: Pick<CobrowseDeps, 'db' | 'pubsub'>, session: CobrowseSession, actor: Actor): Promise<void> {
  if (session.interaction_id) {
    const durationSeconds = session.consented_at && session.ended_at ? Math.round((session.ended_at.getTime() - session.consented_at.getTime()) / 1000) : null;
    await recordInteractionEvent(deps.db, {
      interactionId: session.interaction_id,
      type: 'cobrowse_ended',
      actor,
      data: { sessionId: session.id, reason: session.end_reason, durationSeconds, pagesVisited: session.pages_visited.length },
      at: session.ended_at ?? new Date(),
    });
  }
  publishToCustomer(deps, session.id, { kind: 'ENDED', endReason: session.end_reason ?? 'agent_ended' });
  publishStatus(deps, session);
}

/** The call left the agent (wrap-up, closed, transferred, abandoned): its co-browse sessions end. */
export async function endCallSessions(deps: Pick<CobrowseDeps, 'db' | 'pubsub' | 'clock'>, interactionId: string): Promise<void> {
  const ended = await endInteractionCobrowseSessions(deps.db, { interactionId, reason: 'call_ended', now: deps.clock() });
  for (const session of ended) await announceEnd(deps, session, { type: 'system', id: null });
}
