import { createClient, UnauthenticatedError } from './api';
import * as op from './operations';
import type { Chat, ChatEvent, ChatMessage, Rule, Visit } from './operations';
import { styles } from './styles';
import { dueRule } from './triggers';
import { optInMarkup, optInStyles, showMarketingOptIn } from './marketing-opt-in';
import { continueMarkup, showWhatsAppPresence, whatsAppMarkup, whatsAppStyles } from './whatsapp';

/*
 * The chat widget: one <script src=".../widget.js" data-site="KEY"> on the customer's page.
 * Optional: data-api (API origin; default the script's), data-context (JSON the agent sees, e.g. a
 * cart), or window.ContactCenterChat.setContext({...}) at any time. Everything renders in a shadow
 * root; messages are always text (textContent), never HTML.
 */

const script = document.currentScript as HTMLScriptElement | null;
const siteKey = script?.dataset.site ?? '';
const apiBase = script?.dataset.api ?? (script?.src ? new URL(script.src).origin : location.origin);
let siteContext: Record<string, unknown> = (() => {
  try {
    return JSON.parse(script?.dataset.context ?? '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
})();

const storeKey = (what: string) => `cc-chat:${siteKey}:${what}`;
const read = <T>(what: string, fallback: T): T => {
  try {
    return (JSON.parse(localStorage.getItem(storeKey(what)) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
};
const write = (what: string, value: unknown) => localStorage.setItem(storeKey(what), JSON.stringify(value));

let token: string | null = read<string | null>('token', null);
const client = createClient(`${apiBase}/graphql`, () => token);

interface Pending { clientMessageId: string; body: string }
/** Messages typed but not yet acknowledged: kept across reloads and resent (stored once server-side). */
const outbox: Pending[] = read<Pending[]>('outbox', []);

// ─── DOM ──────────────────────────────────────────────────────────────────────────────────────
const host = document.createElement('div');
host.id = 'cc-chat-widget';
// The chat itself is never part of a co-browsing session (cobrowse.js records the page, not this).
host.setAttribute('data-cc-block', '');
host.className = 'cc-own-ui';
const root = host.attachShadow({ mode: 'open' });
root.innerHTML = `<style>${styles}${optInStyles}${whatsAppStyles}</style><div class="root">
<div class="panel" role="dialog" aria-label="Chat">
  <div class="header"><span class="title">Chat with us</span><button class="close" aria-label="Close">×</button></div>
  ${whatsAppMarkup}
  <div class="messages" aria-live="polite">${optInMarkup}</div>
  <div class="status"></div>
  <div class="cobrowse"><button type="button" class="link share">Share this page with the agent</button></div>
  <div class="composer"><textarea placeholder="Write a message…" aria-label="Message"></textarea><button class="send">Send</button></div>
  ${continueMarkup}
  <form class="leave"><span>No one is available right now. Leave your email and we will write back.</span>
    <input type="email" required placeholder="you@example.com" aria-label="Email"><textarea required placeholder="Your message" aria-label="Your message"></textarea><button type="submit">Send by email</button></form>
</div>
<button class="launcher" aria-label="Open chat"><svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg></button></div>`;
const $ = <T extends Element>(sel: string) => root.querySelector(sel) as T;
const panel = $<HTMLDivElement>('.panel');
const list = $<HTMLDivElement>('.messages');
const status = $<HTMLDivElement>('.status');
const input = $<HTMLTextAreaElement>('.composer textarea');
const leaveForm = $<HTMLFormElement>('.leave');
const continueOnWhatsApp = $<HTMLAnchorElement>('[data-part="whatsapp"]');
let whatsAppOffered = false;

const rendered = new Map<string, HTMLElement>();
let chat: Chat | null = null;
let visit: Visit | null = null;
let proactiveMessage: string | null = null;

function bubble(cls: string, body: string, who: string | null): HTMLElement {
  const el = document.createElement('div');
  el.className = `msg ${cls}`;
  if (who) {
    const w = document.createElement('span');
    w.className = 'who';
    w.textContent = who;
    el.append(w);
  }
  el.append(document.createTextNode(body));
  list.append(el);
  list.scrollTop = list.scrollHeight;
  return el;
}

function show(m: ChatMessage) {
  if (rendered.has(m.id)) return;
  // Our own message echoed by the live stream before the mutation answered: adopt the pending bubble.
  const pending = m.author === 'VISITOR' ? [...list.querySelectorAll<HTMLElement>('.msg.pending')].find((el) => el.dataset.body === m.body) : undefined;
  if (pending) {
    pending.classList.remove('pending');
    rendered.set(m.id, pending);
    return;
  }
  rendered.set(m.id, bubble(m.author === 'VISITOR' ? 'visitor' : 'agent', m.body, m.author === 'AGENT' ? (m.agentName ?? 'Agent') : null));
  if (m.author === 'AGENT') setStatus('');
}

function setStatus(text: string) {
  status.textContent = text;
}

function open(isOpen: boolean) {
  panel.classList.toggle('open', isOpen);
  sessionStorage.setItem(storeKey('open'), isOpen ? '1' : '');
  if (isOpen) {
    const offline = visit && !visit.agentsAvailable && !chat;
    leaveForm.classList.toggle('open', !!offline);
    continueOnWhatsApp.classList.toggle('open', !!offline && whatsAppOffered);
    if (!offline) input.focus();
  }
}

// ─── Sending (with an outbox that survives reloads and reconnects) ───────────────────────────
const page = () => ({ url: location.href.slice(0, 2000), title: document.title.slice(0, 300) || null, context: siteContext });
let flushing = false;

async function flush() {
  if (flushing) return;
  flushing = true;
  try {
    while (outbox.length) {
      const next = outbox[0]!;
      try {
        const res = await client.request<{ sendVisitorMessage: { __typename: string; message?: string; chatMessage?: ChatMessage } }>(op.sendMessage, {
          input: { body: next.body, clientMessageId: next.clientMessageId, page: page(), proactiveMessage },
        });
        const sent = res.sendVisitorMessage;
        const el = list.querySelector<HTMLElement>(`[data-client-id="${next.clientMessageId}"]`);
        if (sent.chatMessage) {
          if (el && !rendered.has(sent.chatMessage.id)) {
            el.classList.remove('pending');
            rendered.set(sent.chatMessage.id, el);
          } else if (el && rendered.get(sent.chatMessage.id) !== el) el.remove();
          if (!chat) void refresh();
        } else {
          el?.remove();
          setStatus(sent.message ?? 'The message could not be sent.');
        }
        outbox.shift();
        write('outbox', outbox);
      } catch (e) {
        if (e instanceof UnauthenticatedError) return void restart();
        setStatus('Connection lost, retrying…');
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  } finally {
    flushing = false;
  }
}

function send() {
  const body = input.value.trim();
  if (!body) return;
  input.value = '';
  const item = { clientMessageId: `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`, body };
  outbox.push(item);
  write('outbox', outbox);
  const el = bubble('visitor pending', body, null);
  el.dataset.clientId = item.clientMessageId;
  el.dataset.body = body;
  stopTyping();
  void flush();
}

// ─── Typing ───────────────────────────────────────────────────────────────────────────────────
let typingTimer: ReturnType<typeof setTimeout> | undefined;
let typingSent = false;
function stopTyping() {
  clearTimeout(typingTimer);
  if (typingSent) void client.request(op.typing, { typing: false }).catch(() => {});
  typingSent = false;
}
input.addEventListener('input', () => {
  if (!chat) return;
  if (!typingSent) void client.request(op.typing, { typing: true }).catch(() => {});
  typingSent = true;
  clearTimeout(typingTimer);
  typingTimer = setTimeout(stopTyping, 2500);
});
let agentTypingTimer: ReturnType<typeof setTimeout> | undefined;

// ─── Live events, reconnecting without losing messages ───────────────────────────────────────
async function refresh() {
  const res = await client.request<{ visitorChat: Chat | null }>(op.visitorChat);
  chat = res.visitorChat;
  chat?.messages.forEach(show);
  if (chat?.waiting) setStatus('Waiting for an agent…');
}

let live: AbortController | null = null;
async function connect() {
  live?.abort();
  const controller = new AbortController();
  live = controller;
  let delay = 500;
  while (!controller.signal.aborted) {
    try {
      const stream = client.subscribe<ChatEvent>(op.events, (e) => {
        const ev = e.visitorChatEvents;
        if (ev.message) show(ev.message);
        if (ev.agentJoined) setStatus(`${ev.agentJoined} joined the chat.`);
        if (ev.agentTyping !== null) {
          clearTimeout(agentTypingTimer);
          setStatus(ev.agentTyping ? 'Agent is typing…' : '');
          if (ev.agentTyping) agentTypingTimer = setTimeout(() => setStatus(''), 6000);
        }
        if (ev.ended) {
          chat = null;
          setStatus('This conversation has ended.');
        }
      }, controller.signal);
      // Catch up on anything said while disconnected, once the stream is open.
      await refresh();
      delay = 500;
      await stream;
    } catch (e) {
      if (controller.signal.aborted) return;
      if (e instanceof UnauthenticatedError) return void restart();
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 15_000);
  }
}

// ─── Proactive rules ──────────────────────────────────────────────────────────────────────────
const loadedAt = Date.now();
let lastActivity = Date.now();
for (const ev of ['mousemove', 'keydown', 'scroll', 'touchstart', 'click']) addEventListener(ev, () => (lastActivity = Date.now()), { passive: true, capture: true });
const tried = new Set<string>();
let proactiveTimer: ReturnType<typeof setInterval> | undefined;

function watchRules(rules: Rule[]) {
  clearInterval(proactiveTimer);
  if (!rules.length) return;
  proactiveTimer = setInterval(() => {
    if (chat || panel.classList.contains('open') || !visit) return;
    const now = Date.now();
    const rule = dueRule(rules, { url: location.href, visits: visit.visits, secondsOnPage: (now - loadedAt) / 1000, idleSeconds: (now - lastActivity) / 1000 }, tried);
    if (!rule) return;
    tried.add(rule.id);
    void client.request<{ claimProactiveChat: { approach: boolean; message: string | null } }>(op.claim, { id: rule.id }).then((r) => {
      if (!r.claimProactiveChat.approach || chat || panel.classList.contains('open')) return;
      clearInterval(proactiveTimer);
      proactiveMessage = r.claimProactiveChat.message;
      bubble('proactive', proactiveMessage ?? '', 'Customer service');
      open(true);
    }, () => tried.delete(rule.id));
  }, 1000);
}

// ─── Start ────────────────────────────────────────────────────────────────────────────────────
async function start() {
  let res: { startVisit: Visit };
  try {
    res = await client.request<{ startVisit: Visit }>(op.startVisit, { input: { siteKey, visitorToken: token } });
  } catch (e) {
    if (e instanceof UnauthenticatedError && token) return void restart();
    throw e;
  }
  if (res.startVisit.__typename !== 'VisitPayload') throw new Error(res.startVisit.message ?? 'chat unavailable');
  visit = res.startVisit;
  token = visit.visitorToken;
  write('token', token);
  chat = visit.chat;
  chat?.messages.forEach(show);
  if (chat?.waiting) setStatus('Waiting for an agent…');
  document.body.append(host);
  if (sessionStorage.getItem(storeKey('open')) || outbox.length) open(true);
  for (const p of outbox) {
    const el = bubble('visitor pending', p.body, null);
    el.dataset.clientId = p.clientMessageId;
    el.dataset.body = p.body;
  }
  void connect();
  void flush();
  watchRules(visit.triggers);
  // The marketing opt-in is optional: the chat works without it.
  showMarketingOptIn(client, $<HTMLDetailsElement>('.optin'), () => location.href).catch(() => {});
  // The profile and "Continue on WhatsApp" come from the server's cache; the chat works without them.
  showWhatsAppPresence(client, $<HTMLElement>('[data-part="profile"]'), continueOnWhatsApp)
    .then((offered) => {
      whatsAppOffered = offered;
      if (panel.classList.contains('open')) open(true);
    })
    .catch(() => {});
}

/** The token was refused (forged, expired, another site's): start over as a new visitor. */
function restart() {
  token = null;
  localStorage.removeItem(storeKey('token'));
  live?.abort();
  void start();
}

// ─── Co-browsing: a separate script (rrweb's recorder), loaded only when it is needed ───────────
function loadCobrowse(): Promise<NonNullable<Window['ContactCenterCobrowse']>> {
  if (window.ContactCenterCobrowse) return Promise.resolve(window.ContactCenterCobrowse);
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');
    el.src = `${apiBase}/cobrowse.js`;
    el.dataset.site = siteKey;
    el.dataset.api = apiBase;
    el.async = true;
    el.onload = () => (window.ContactCenterCobrowse ? resolve(window.ContactCenterCobrowse) : reject(new Error('co-browse did not start')));
    el.onerror = () => reject(new Error('co-browse script could not load'));
    document.head.append(el);
  });
}
// A link from the agent (#cc-cobrowse=…) or a session going on in this tab: pick it up at once.
if (/[#&]cc-cobrowse=/.test(location.hash) || sessionStorage.getItem('cc-cobrowse')) void loadCobrowse().catch((e: unknown) => console.warn('chat widget:', e));
$<HTMLButtonElement>('.share').addEventListener('click', () => {
  void loadCobrowse().then((c) => c.share(), () => setStatus('Sharing is not available right now.'));
});

$<HTMLButtonElement>('.launcher').addEventListener('click', () => open(!panel.classList.contains('open')));
$<HTMLButtonElement>('.close').addEventListener('click', () => open(false));
$<HTMLButtonElement>('.send').addEventListener('click', send);
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    send();
  }
});
leaveForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const email = leaveForm.querySelector<HTMLInputElement>('input')!.value.trim();
  const body = leaveForm.querySelector<HTMLTextAreaElement>('textarea')!.value.trim();
  void client.request<{ leaveEmail: { __typename: string; message?: string } }>(op.leaveEmail, { input: { email, body, page: page() } }).then((r) => {
    if (r.leaveEmail.__typename !== 'LeaveEmailPayload') return setStatus(r.leaveEmail.message ?? 'Could not send.');
    leaveForm.classList.remove('open');
    setStatus('Thanks! We will answer by email.');
  });
});

declare global {
  interface Window {
    ContactCenterChat?: { setContext(context: Record<string, unknown>): void; open(): void };
    ContactCenterCobrowse?: { share(): Promise<void>; stop(): void };
  }
}
window.ContactCenterChat = {
  setContext: (context) => {
    siteContext = { ...context };
  },
  open: () => open(true),
};

if (siteKey) {
  if (document.body) void start().catch((e: unknown) => console.warn('chat widget:', e));
  else addEventListener('DOMContentLoaded', () => void start().catch((e: unknown) => console.warn('chat widget:', e)));
} else console.warn('chat widget: add data-site="<site key>" to the script tag');
