import { record } from '@rrweb/record';
import type { eventWithTime } from '@rrweb/types';
import { createClient, UnauthenticatedError } from '../api';
import * as op from './operations';
import type { CustomerEvent, Guidance, OpenInvite, Refusal, StartShare } from './operations';
import { BLOCK_SELECTOR, MASK_TEXT_SELECTOR, markUnmaskedFields, maskInput, maskText } from './privacy';
import { strings } from './strings';
import { createBatchTransport } from './transport';
import { createOverlay } from './ui';

/*
 * Co-browsing, the customer's side: <script src="https://<api>/cobrowse.js" data-site="KEY" async>
 * (the chat widget loads it by itself when needed). A session starts from the widget's "Share this
 * page" button (a 6-digit code read to the agent), ContactCenterCobrowse.share(), or a link the
 * agent sent (#cc-cobrowse=<invite>). Nothing is recorded before the customer allows it; masking is
 * decided here (privacy.ts) so masked values never leave the page. The session's token lives in
 * sessionStorage, so sharing follows the customer to the next page of the same site.
 */

const script = document.currentScript as HTMLScriptElement | null;
const siteKey = script?.dataset.site ?? '';
const apiBase = script?.dataset.api ?? (script?.src ? new URL(script.src).origin : location.origin);
const t = strings();
const BATCH_MS = 80;
const STORE = 'cc-cobrowse';

type Phase = 'code' | 'consent' | 'active';
interface State { token: string; sessionId: string; seq: number; phase: Phase; code: string | null; agentName: string | null; agentTeam: string | null }

let state: State | null = (() => {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) ?? 'null') as State | null;
  } catch {
    return null;
  }
})();
const save = () => (state ? sessionStorage.setItem(STORE, JSON.stringify(state)) : sessionStorage.removeItem(STORE));

const client = createClient(`${apiBase}/graphql`, () => state?.token ?? null);
/** Batches over the API's co-browse socket kept open while sharing, HTTP where it cannot be (transport.ts). */
const batches = createBatchTransport(`${apiBase}/graphql`, () => state?.token ?? null, client);
const ui = createOverlay(t);
const agentLabel = () => state?.agentName ?? t.theAgent;

// ─── Recording ────────────────────────────────────────────────────────────────────────────────
let stopRecording: (() => void) | undefined;
let pending: eventWithTime[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let sending = false;

function startRecording() {
  if (stopRecording) return;
  stopRecording = record({
    emit(event) {
      markUnmaskedFields(event, (id) => record.mirror.getNode(id));
      pending.push(event);
      flushTimer ??= setTimeout(() => void flush(), BATCH_MS);
    },
    maskAllInputs: true,
    maskInputFn: maskInput,
    maskTextSelector: MASK_TEXT_SELECTOR,
    maskTextFn: maskText,
    blockSelector: BLOCK_SELECTOR,
    recordCanvas: false,
    collectFonts: false,
    inlineImages: false,
    recordCrossOriginIframes: false,
    slimDOMOptions: 'all',
    sampling: { mousemove: 50, scroll: 150, input: 'last', media: 800 },
  });
}

function stopAll() {
  stopRecording?.();
  stopRecording = undefined;
  batches.close();
  clearTimeout(flushTimer);
  flushTimer = undefined;
  pending = [];
}

/** Sends what was recorded, one batch at a time and in order; a failed send is retried as it was. */
async function flush() {
  flushTimer = undefined;
  if (sending || !state || state.phase !== 'active') return;
  sending = true;
  try {
    while (pending.length && state?.phase === 'active') {
      const events = pending;
      pending = [];
      state.seq += 1;
      save();
      const input = { sessionId: state.sessionId, seq: state.seq, url: location.href.slice(0, 2000), events };
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await batches.send(input);
          // Refused (too large, too fast): this batch is lost; the agent's view asks for a new snapshot.
          if (r.__typename.endsWith('Error')) console.warn('co-browse:', r.message);
          // Behind the server (another tab of this session sent more): carry on after its last.
          else if (r.accepted === false && typeof r.seq === 'number' && state) {
            state.seq = Math.max(state.seq, r.seq);
            save();
          }
          break;
        } catch (e) {
          if (e instanceof UnauthenticatedError) return ended(null);
          if (attempt >= 5 || !state) return;
          await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
        }
      }
    }
  } finally {
    sending = false;
  }
}

// ─── Session ──────────────────────────────────────────────────────────────────────────────────
function ended(text: string | null) {
  stopAll();
  live?.abort();
  live = null;
  state = null;
  save();
  ui.closeCard();
  ui.clearGuidance();
  ui.sharing(null, stop);
  if (text) ui.toast(text);
}

/** The customer stops (or declines): stop recording at once, then tell the server. */
function stop() {
  const s = state;
  ended(t.ended);
  if (s) void createClient(`${apiBase}/graphql`, () => s.token).request(op.end, { input: { sessionId: s.sessionId } }).catch(() => {});
}

function showCode() {
  if (!state?.code) return;
  ui.ask(t.codeTitle, t.codeHint, [{ label: t.cancel, onClick: stop }], state.code);
}

function askConsent() {
  if (!state) return;
  state.phase = 'consent';
  save();
  const wording = t.consent(agentLabel(), state.agentTeam);
  ui.ask(wording, t.consentDetail, [
    { label: t.decline, onClick: stop },
    { label: t.allow, primary: true, onClick: () => void allow(wording) },
  ]);
}

async function allow(wording: string) {
  if (!state) return;
  ui.closeCard();
  try {
    const res = await client.request<{ acceptCobrowse: Refusal }>(op.accept, { input: { sessionId: state.sessionId, wording } });
    if (res.acceptCobrowse.__typename.endsWith('Error')) return ended(res.acceptCobrowse.message ?? t.failed);
  } catch {
    return ended(t.failed);
  }
  activate();
}

function activate() {
  if (!state) return;
  state.phase = 'active';
  state.code = null;
  save();
  ui.sharing(agentLabel(), stop);
  startRecording();
}

function guide(g: Guidance) {
  const find = () => {
    try {
      return g.selector ? document.querySelector(g.selector) : null;
    } catch {
      return null;
    }
  };
  if (g.kind === 'POINTER' && typeof g.x === 'number' && typeof g.y === 'number') ui.pointAt(g.x, g.y, agentLabel());
  else if (g.kind === 'HIGHLIGHT') {
    const target = find();
    if (target) ui.highlight(target);
  } else if (g.kind === 'SCROLL_TO') {
    const target = find();
    const go = () => {
      ui.closeCard();
      if (target) {
        target.scrollIntoView({ block: 'center', behavior: 'smooth' });
        ui.highlight(target);
      } else if (typeof g.y === 'number') scrollTo({ top: Math.max(0, g.y - innerHeight / 3), behavior: 'smooth' });
    };
    ui.ask(t.scrollAsk(agentLabel()), '', [{ label: t.decline, onClick: () => ui.closeCard() }, { label: t.scrollGo, primary: true, onClick: go }]);
  } else if (g.kind === 'NAVIGATE' && g.url) {
    let url: URL;
    try {
      url = new URL(g.url, location.href);
    } catch {
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
    ui.ask(t.navigateAsk(agentLabel(), url.href), '', [
      { label: t.decline, onClick: () => ui.closeCard() },
      { label: t.navigateGo, primary: true, onClick: () => location.assign(url.href) },
    ]);
  }
}

let live: AbortController | null = null;
/** The agent's side of the session: join request, guidance, snapshot requests, the end. Reconnects. */
async function listen() {
  live?.abort();
  const controller = new AbortController();
  live = controller;
  let delay = 500;
  while (!controller.signal.aborted && state) {
    try {
      await client.subscribe<CustomerEvent>(
        op.customerEvents,
        (data) => {
          const ev = data.cobrowseCustomerEvents;
          if (!state) return;
          if (ev.kind === 'JOIN_REQUEST') {
            state.agentName = ev.agentName ?? state.agentName;
            state.agentTeam = ev.agentTeam ?? state.agentTeam;
            askConsent();
          } else if (ev.kind === 'GUIDANCE' && ev.guidance && state.phase === 'active') guide(ev.guidance);
          else if (ev.kind === 'SNAPSHOT_REQUEST' && stopRecording) record.takeFullSnapshot(true);
          else if (ev.kind === 'ENDED') ended(t.ended);
          delay = 500;
        },
        controller.signal,
        { sessionId: state.sessionId },
      );
    } catch (e) {
      if (controller.signal.aborted) return;
      if (e instanceof UnauthenticatedError) return ended(null);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 15_000);
  }
}

/** Starts the code path: the code to read to the agent, then their join request. */
async function share() {
  if (state) {
    if (state.phase === 'code') showCode();
    return;
  }
  try {
    const res = await client.request<StartShare>(op.startShare, { input: { siteKey } });
    const r = res.startCobrowseShare;
    if (!r.token || !r.session) return ui.toast(r.message ?? t.failed);
    state = { token: r.token, sessionId: r.session.id, seq: 0, phase: 'code', code: r.session.code, agentName: null, agentTeam: null };
    save();
    showCode();
    void listen();
  } catch {
    ui.toast(t.failed);
  }
}

/** A link the agent sent: #cc-cobrowse=<invite> (taken off the address before anything is recorded). */
async function openInvite(inviteToken: string) {
  history.replaceState(history.state, '', location.href.replace(/#.*$/, ''));
  try {
    const res = await client.request<OpenInvite>(op.openInvite, { input: { inviteToken } });
    const r = res.openCobrowseInvite;
    if (!r.token || !r.session) return ui.toast(r.message ?? t.failed);
    state = { token: r.token, sessionId: r.session.id, seq: 0, phase: 'consent', code: null, agentName: r.agentName ?? null, agentTeam: r.agentTeam ?? null };
    save();
    askConsent();
    void listen();
  } catch {
    ui.toast(t.failed);
  }
}

/** A new page of the same site while a session is on: carry on where it was (a new full snapshot). */
async function resume() {
  if (!state) return;
  try {
    const res = await client.request<{ cobrowseSession: op.Session | null }>(op.current, { id: state.sessionId });
    const s = res.cobrowseSession;
    if (!s || s.status === 'ENDED') return ended(null);
    if (s.status === 'ACTIVE') activate();
    else if (state.phase === 'consent' || s.status === 'PENDING_CONSENT') askConsent();
    else showCode();
  } catch (e) {
    if (e instanceof UnauthenticatedError) return ended(null);
    // Offline for a moment: trust what this tab knew.
    if (state.phase === 'active') activate();
    else if (state.phase === 'consent') askConsent();
    else showCode();
  }
  void listen();
}

declare global {
  interface Window { ContactCenterCobrowse?: { share(): Promise<void>; stop(): void } }
}

if (!window.ContactCenterCobrowse) {
  window.ContactCenterCobrowse = { share, stop };
  const invite = /[#&]cc-cobrowse=([\w.~-]+)/.exec(location.hash)?.[1];
  const begin = () => {
    if (!invite) return void resume();
    // A new invitation replaces whatever this tab was sharing.
    stopAll();
    state = null;
    void openInvite(invite);
  };
  if (document.body) begin();
  else addEventListener('DOMContentLoaded', begin);
}
