/*
 * The company's WhatsApp presence as pure rules: the sender's public profile, which automatic
 * reply (if any) answers an inbound message, and click-to-WhatsApp links. No I/O here; the
 * inbound path gathers the facts and sends what `chooseAutoReply` decides.
 */

/** The WhatsApp sender's public profile (Twilio Senders API `profile`, camel-cased). */
export interface SenderProfile {
  name: string | null;
  about: string | null;
  description: string | null;
  address: string | null;
  emails: string[];
  websites: string[];
  vertical: string | null;
  logoUrl: string | null;
}

/** Meta's business categories, as Twilio's contract lists them. */
export const senderVerticals = [
  'Alcohol', 'Automotive', 'Beauty, Spa and Salon', 'Clothing and Apparel', 'Education', 'Entertainment',
  'Event Planning and Service', 'Finance and Banking', 'Food and Grocery', 'Hotel and Lodging', 'Matrimony Service',
  'Medical and Health', 'Non-profit', 'Online Gambling', 'OTC Drugs', 'Other', 'Physical Gambling',
  'Professional Services', 'Public Service', 'Restaurant', 'Shopping and Retail', 'Travel and Transportation',
] as const;

export const replyLanguages = ['es', 'en'] as const;
export type ReplyLanguage = (typeof replyLanguages)[number];

export const autoReplyKinds = ['greeting', 'away', 'busy', 'keyword'] as const;
export type AutoReplyKind = (typeof autoReplyKinds)[number];
/** The kinds whose text is configured per queue (keyword answers have their own rows). */
export type AutoReplyTextKind = Exclude<AutoReplyKind, 'keyword'>;

/** Per kind, per language. `{back}` (away) and `{wait}` (busy) and `{name}` are filled in. */
export type AutoReplyTexts = Partial<Record<AutoReplyTextKind, Partial<Record<ReplyLanguage, string>>>>;

export type KeywordMatch = 'word' | 'pattern';

export interface KeywordAnswer {
  match: KeywordMatch;
  pattern: string;
  language: ReplyLanguage | null;
  body: string;
  link: string | null;
  mediaUrl: string | null;
}

/** Longest pattern accepted and longest text a pattern is run on (bounds a costly expression). */
export const maxPatternLength = 200;
const maxMatchedText = 1000;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Throws a RangeError a person can read when `pattern` cannot be used. */
export function assertValidKeyword(match: KeywordMatch, pattern: string): void {
  if (!pattern.trim()) throw new RangeError('The keyword is empty.');
  if (pattern.length > maxPatternLength) throw new RangeError(`The keyword is longer than ${maxPatternLength} characters.`);
  if (match === 'word') {
    if (/\s/.test(pattern.trim())) throw new RangeError('A keyword is one word; use a pattern for phrases.');
    return;
  }
  try {
    new RegExp(pattern, 'iu');
  } catch (e) {
    throw new RangeError(`The pattern is not a valid regular expression: ${(e as Error).message}`);
  }
}

/** A word matches as a whole word, ignoring case and accents; a pattern is a case-insensitive regular expression. */
export function keywordMatches(answer: Pick<KeywordAnswer, 'match' | 'pattern'>, text: string): boolean {
  const body = text.slice(0, maxMatchedText);
  if (answer.match === 'pattern') {
    try {
      return new RegExp(answer.pattern, 'iu').test(body);
    } catch {
      return false;
    }
  }
  const word = fold(answer.pattern.trim());
  return fold(body).split(/[^\p{L}\p{N}]+/u).includes(word);
}

const spanishWords = new Set(['hola', 'buenas', 'buenos', 'gracias', 'quiero', 'necesito', 'ayuda', 'por', 'favor', 'que', 'donde', 'cuando', 'horario', 'pedido', 'tengo']);
const englishWords = new Set(['hello', 'hi', 'hey', 'thanks', 'thank', 'please', 'want', 'need', 'help', 'where', 'when', 'what', 'order', 'have', 'the']);
/** Country calling codes where Spanish is the language to answer in. */
const spanishCallingCodes = ['34', '52', '54', '56', '57', '51', '58', '593', '591', '595', '598', '502', '503', '504', '505', '506', '507', '53', '1809', '1829', '1849'];

/**
 * The language to answer a customer in: the one recorded on the customer (`es`, `es-MX`, `en`…)
 * when it is Spanish or English, else what their message is written in when it says so clearly,
 * else their number's country (Spanish-speaking countries → es), else English.
 */
export function customerLanguage(phoneE164: string | null, text: string | null, recorded: string | null = null): ReplyLanguage {
  const known = replyLanguages.find((l) => recorded?.toLowerCase().split(/[-_]/)[0] === l);
  if (known) return known;
  const words = fold(text ?? '').split(/[^\p{L}]+/u).filter(Boolean);
  const es = words.filter((w) => spanishWords.has(w)).length;
  const en = words.filter((w) => englishWords.has(w)).length;
  if (es !== en) return es > en ? 'es' : 'en';
  const digits = (phoneE164 ?? '').replace(/^\+/, '');
  return spanishCallingCodes.some((code) => digits.startsWith(code)) ? 'es' : 'en';
}

const automaticMarkers = [
  /\b(auto(matic|mated)?[- ]?(reply|response|message))\b/i,
  /\bout of (the )?office\b/i,
  /\brespuesta autom[aá]tica\b/i,
  /\bmensaje autom[aá]tico\b/i,
  /\bfuera de (la )?oficina\b/i,
  /\bthis is an automated\b/i,
  /\bno responda a este mensaje\b/i,
  /\bdo not reply to this message\b/i,
];

/**
 * Whether an inbound message was written by a machine: it says it is automatic, or it repeats one
 * of our own automatic replies word for word (another bot echoing us). Never answered automatically.
 */
export function looksAutomatic(text: string | null, ourRecentAutomaticBodies: readonly string[] = []): boolean {
  if (!text) return false;
  if (automaticMarkers.some((re) => re.test(text))) return true;
  const folded = fold(text).trim();
  return ourRecentAutomaticBodies.some((body) => fold(body).trim() === folded);
}

/** Everything `chooseAutoReply` needs to know about one inbound message. */
export interface AutoReplyFacts {
  now: Date;
  text: string | null;
  language: ReplyLanguage;
  /** The message opened a new interaction. */
  firstOfConversation: boolean;
  /** Still waiting for an agent (not assigned yet). */
  waiting: boolean;
  /** When the queue opens next; `now` while open, null when it never opens. */
  opensAt: Date | null;
  /** Estimated wait for an agent, seconds; null when unknown. */
  estimatedWaitSeconds: number | null;
  /** WhatsApp's 24 h window is open (free-form messages allowed). */
  windowOpen: boolean;
  /** The last automatic message this customer got, on any queue. */
  lastAutomaticAt: Date | null;
  /** The inbound message itself looks machine-written (see looksAutomatic). */
  fromAutomaticSender: boolean;
  /** What this conversation already got automatically: each reply goes once per conversation. */
  sentInConversation: { kinds: readonly AutoReplyKind[]; keywordBodies: readonly string[] };
  settings: { enabled: boolean; texts: AutoReplyTexts; busyThresholdSeconds: number; minIntervalMinutes: number };
  keywordAnswers: readonly KeywordAnswer[];
}

export type AutoReplyDecision =
  | { send: true; kind: AutoReplyKind; body: string; link: string | null; mediaUrl: string | null }
  | { send: false; reason: 'disabled' | 'window_closed' | 'automatic_sender' | 'interval' | 'no_rule' };

/**
 * Which automatic reply answers this message. At most one per customer per interval, each at most
 * once per conversation, never to a machine, only inside the window. A keyword answer wins (it answers the question); then, outside
 * business hours, the away message with when the team is back; then, when the wait passes the
 * threshold, "we are busy" with the estimate; then the greeting of a new conversation.
 */
export function chooseAutoReply(f: AutoReplyFacts, format: (kind: AutoReplyTextKind, template: string) => string): AutoReplyDecision {
  if (!f.settings.enabled) return { send: false, reason: 'disabled' };
  if (!f.windowOpen) return { send: false, reason: 'window_closed' };
  if (f.fromAutomaticSender) return { send: false, reason: 'automatic_sender' };
  if (f.lastAutomaticAt && f.now.getTime() - f.lastAutomaticAt.getTime() < f.settings.minIntervalMinutes * 60_000) return { send: false, reason: 'interval' };

  const keyword = f.text
    ? f.keywordAnswers.find((a) => (a.language === null || a.language === f.language) && !f.sentInConversation.keywordBodies.includes(a.body) && keywordMatches(a, f.text!))
    : undefined;
  if (keyword) return { send: true, kind: 'keyword', body: keyword.body, link: keyword.link, mediaUrl: keyword.mediaUrl };

  const text = (kind: AutoReplyTextKind): string | null => {
    const byLanguage = f.settings.texts[kind] ?? {};
    const chosen = byLanguage[f.language]?.trim() || replyLanguages.map((l) => byLanguage[l]?.trim()).find(Boolean);
    return chosen ? format(kind, chosen) : null;
  };
  const reply = (kind: AutoReplyTextKind): AutoReplyDecision | null => {
    // The loop guard: whatever the other side keeps sending, a conversation gets each reply once.
    if (f.sentInConversation.kinds.includes(kind)) return null;
    const body = text(kind);
    return body ? { send: true, kind, body, link: null, mediaUrl: null } : null;
  };
  const closed = f.opensAt === null || f.opensAt > f.now;
  if (closed) return reply('away') ?? { send: false, reason: 'no_rule' };
  if (f.waiting && f.estimatedWaitSeconds !== null && f.estimatedWaitSeconds > f.settings.busyThresholdSeconds) {
    const busy = reply('busy');
    if (busy) return busy;
  }
  if (f.firstOfConversation) return reply('greeting') ?? { send: false, reason: 'no_rule' };
  return { send: false, reason: 'no_rule' };
}

/** Fills `{back}`, `{wait}` and `{name}` in an automatic reply. */
export function fillAutoReply(template: string, values: { back: string; wait: string; name: string }): string {
  return template.replace(/\{(back|wait|name)\}/g, (_, key: keyof typeof values) => values[key]);
}

/** "today at 09:00", "tomorrow at 09:00", "Monday at 09:00" in the queue's zone and the customer's language. */
export function describeReturn(opensAt: Date | null, now: Date, timezone: string, language: ReplyLanguage): string {
  if (!opensAt) return language === 'es' ? 'pronto' : 'soon';
  const locale = language === 'es' ? 'es-ES' : 'en-GB';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = new Intl.DateTimeFormat(locale, { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(opensAt);
  const tomorrow = new Date(now.getTime() + 86_400_000);
  if (day(opensAt) === day(now)) return language === 'es' ? `hoy a las ${time}` : `today at ${time}`;
  if (day(opensAt) === day(tomorrow)) return language === 'es' ? `mañana a las ${time}` : `tomorrow at ${time}`;
  const weekday = new Intl.DateTimeFormat(locale, { timeZone: timezone, weekday: 'long' }).format(opensAt);
  return language === 'es' ? `el ${weekday} a las ${time}` : `on ${weekday} at ${time}`;
}

/** "about 15 minutes" / "unos 15 minutos". */
export function describeWait(seconds: number | null, language: ReplyLanguage): string {
  const m = Math.max(1, Math.round((seconds ?? 0) / 60));
  return language === 'es' ? `unos ${m} minuto${m === 1 ? '' : 's'}` : `about ${m} minute${m === 1 ? '' : 's'}`;
}

/** The reference a click-to-WhatsApp prefill carries, e.g. `#Q-3F9A2C`. */
export function queueRefTag(ref: string): string {
  return `#Q-${ref}`;
}

/** The queue reference in a customer's first message, if they kept the prefilled one. */
export function findQueueRef(text: string | null): string | null {
  return /#Q-([0-9A-F]{6})\b/i.exec(text ?? '')?.[1]?.toUpperCase() ?? null;
}

/** https://wa.me/<digits>?text=<prefill with the queue's reference>. */
export function clickToWhatsAppLink(senderE164: string, prefill: string, ref: string): string {
  const digits = senderE164.replace(/^whatsapp:/, '').replace(/\D/g, '');
  return `https://wa.me/${digits}?text=${encodeURIComponent(`${prefill.trim()} ${queueRefTag(ref)}`.trim())}`;
}
