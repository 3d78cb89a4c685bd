import { describe, expect, it } from 'vitest';
import { nextOpening } from '../src/business-hours';
import {
  chooseAutoReply, clickToWhatsAppLink, customerLanguage, describeReturn, fillAutoReply, findQueueRef, keywordMatches, looksAutomatic,
  type AutoReplyFacts,
} from '../src/whatsapp-presence';

const weekdays9to18 = { mon: [{ open: '09:00', close: '18:00' }], tue: [{ open: '09:00', close: '18:00' }], wed: [{ open: '09:00', close: '18:00' }], thu: [{ open: '09:00', close: '18:00' }], fri: [{ open: '09:00', close: '18:00' }] };

describe('nextOpening', () => {
  it('is now while open, later today before opening, the next weekday after closing', () => {
    const madrid = { businessHours: weekdays9to18, timezone: 'Europe/Madrid' };
    // Wed 2026-12-02 10:00 Madrid (UTC+1) is open.
    const open = new Date('2026-12-02T09:00:00Z');
    expect(nextOpening(madrid, open)).toEqual(open);
    expect(nextOpening(madrid, new Date('2026-12-02T06:00:00Z'))).toEqual(new Date('2026-12-02T08:00:00Z'));
    // Friday 19:00 → Monday 09:00.
    expect(nextOpening(madrid, new Date('2026-12-04T18:00:00Z'))).toEqual(new Date('2026-12-07T08:00:00Z'));
  });

  it('reads each day on its own wall clock across a DST change (Madrid, last Sunday of March)', () => {
    const madrid = { businessHours: weekdays9to18, timezone: 'Europe/Madrid' };
    // Saturday 2026-03-28 12:00 (UTC+1); Monday 2026-03-30 09:00 is UTC+2 → 07:00Z.
    expect(nextOpening(madrid, new Date('2026-03-28T11:00:00Z'))).toEqual(new Date('2026-03-30T07:00:00Z'));
    // And back in October: Saturday 2026-10-24 (UTC+2) → Monday 2026-10-26 09:00 UTC+1 = 08:00Z.
    expect(nextOpening(madrid, new Date('2026-10-24T10:00:00Z'))).toEqual(new Date('2026-10-26T08:00:00Z'));
  });

  it('uses the queue’s zone: the same instant is closed in Madrid and open in Mexico City', () => {
    const instant = new Date('2026-12-02T20:00:00Z'); // 21:00 Madrid, 14:00 Mexico City
    expect(nextOpening({ businessHours: weekdays9to18, timezone: 'Europe/Madrid' }, instant)).toEqual(new Date('2026-12-03T08:00:00Z'));
    expect(nextOpening({ businessHours: weekdays9to18, timezone: 'America/Mexico_City' }, instant)).toEqual(instant);
  });

  it('null when no day has a window', () => {
    expect(nextOpening({ businessHours: {}, timezone: 'Europe/Madrid' }, new Date())).toBeNull();
  });
});

describe('describeReturn', () => {
  it('says today, tomorrow or the weekday, in the queue’s zone and the customer’s language', () => {
    const now = new Date('2026-12-04T18:00:00Z'); // Friday 19:00 Madrid
    expect(describeReturn(new Date('2026-12-05T08:00:00Z'), now, 'Europe/Madrid', 'es')).toBe('mañana a las 09:00');
    expect(describeReturn(new Date('2026-12-07T08:00:00Z'), now, 'Europe/Madrid', 'en')).toBe('on Monday at 09:00');
    expect(describeReturn(new Date('2026-12-07T08:00:00Z'), now, 'Europe/Madrid', 'es')).toBe('el lunes a las 09:00');
    expect(describeReturn(new Date('2026-12-04T20:00:00Z'), new Date('2026-12-04T07:00:00Z'), 'Europe/Madrid', 'en')).toBe('today at 21:00');
  });
});

describe('keywords, language and automatic senders', () => {
  it('a word matches whole, ignoring case and accents; a pattern is a regular expression', () => {
    expect(keywordMatches({ match: 'word', pattern: 'horario' }, '¿Cuál es vuestro HORARIO?')).toBe(true);
    expect(keywordMatches({ match: 'word', pattern: 'envío' }, 'el envio tarda?')).toBe(true);
    expect(keywordMatches({ match: 'word', pattern: 'hora' }, '¿Cuál es vuestro horario?')).toBe(false);
    expect(keywordMatches({ match: 'pattern', pattern: 'devoluci(o|ó)n|return' }, 'quiero una devolución')).toBe(true);
    expect(keywordMatches({ match: 'pattern', pattern: '^precio' }, 'el precio')).toBe(false);
  });

  it('answers in the language of the text, else of the number’s country', () => {
    expect(customerLanguage('+447700900000', 'Hola, necesito ayuda')).toBe('es');
    expect(customerLanguage('+34600000000', 'Hello, I need help please')).toBe('en');
    expect(customerLanguage('+34600000000', '👍')).toBe('es');
    expect(customerLanguage('+447700900000', '👍')).toBe('en');
    // A language recorded on the customer wins; another language than es/en does not count.
    expect(customerLanguage('+34600000000', 'Hola', 'en-GB')).toBe('en');
    expect(customerLanguage('+447700900000', 'Hello', 'es')).toBe('es');
    expect(customerLanguage('+34600000000', '👍', 'fr')).toBe('es');
  });

  it('recognises machine-written messages and echoes of our own replies', () => {
    expect(looksAutomatic('Respuesta automática: estamos cerrados')).toBe(true);
    expect(looksAutomatic('This is an automated message')).toBe(true);
    expect(looksAutomatic('¡Hola! Gracias por escribirnos.', ['¡Hola! gracias por escribirnos. '])).toBe(true);
    expect(looksAutomatic('Hola, ¿tenéis cita mañana?')).toBe(false);
  });

  it('the wa.me link carries the prefill and the queue reference, which is found again', () => {
    const link = clickToWhatsAppLink('whatsapp:+34910000000', 'Hola, quiero información', '3F9A2C');
    expect(link).toBe('https://wa.me/34910000000?text=Hola%2C%20quiero%20informaci%C3%B3n%20%23Q-3F9A2C');
    expect(findQueueRef(decodeURIComponent(link.split('text=')[1]!))).toBe('3F9A2C');
    expect(findQueueRef('no reference here')).toBeNull();
  });
});

describe('chooseAutoReply', () => {
  const now = new Date('2026-12-02T09:00:00Z');
  const base: AutoReplyFacts = {
    now,
    text: 'Hola',
    language: 'es',
    firstOfConversation: true,
    waiting: true,
    opensAt: now,
    estimatedWaitSeconds: 60,
    windowOpen: true,
    lastAutomaticAt: null,
    fromAutomaticSender: false,
    sentInConversation: { kinds: [], keywordBodies: [] },
    settings: {
      enabled: true,
      busyThresholdSeconds: 300,
      minIntervalMinutes: 60,
      texts: { greeting: { es: 'Hola, soy {name}', en: 'Hi, this is {name}' }, away: { es: 'Volvemos {back}' }, busy: { es: 'Espera de {wait}' } },
    },
    keywordAnswers: [{ match: 'word', pattern: 'horario', language: null, body: 'De 9 a 18', link: null, mediaUrl: null }],
  };
  const format = (_: string, t: string) => fillAutoReply(t, { back: 'mañana a las 09:00', wait: 'unos 10 minutos', name: 'Acme' });
  const choose = (over: Partial<AutoReplyFacts>) => chooseAutoReply({ ...base, ...over }, format);

  it('greets the first message of a conversation, in the customer’s language', () => {
    expect(choose({})).toMatchObject({ send: true, kind: 'greeting', body: 'Hola, soy Acme' });
    expect(choose({ language: 'en' })).toMatchObject({ send: true, kind: 'greeting', body: 'Hi, this is Acme' });
    expect(choose({ firstOfConversation: false })).toEqual({ send: false, reason: 'no_rule' });
  });

  it('away outside hours (falling back to the other language), busy past the threshold, keywords first', () => {
    expect(choose({ opensAt: new Date(now.getTime() + 3600_000), language: 'en' })).toMatchObject({ kind: 'away', body: 'Volvemos mañana a las 09:00' });
    expect(choose({ estimatedWaitSeconds: 600 })).toMatchObject({ kind: 'busy', body: 'Espera de unos 10 minutos' });
    expect(choose({ estimatedWaitSeconds: 600, waiting: false })).toMatchObject({ kind: 'greeting' });
    expect(choose({ text: '¿horario?', opensAt: null })).toMatchObject({ kind: 'keyword', body: 'De 9 a 18' });
  });

  it('never to a machine, never twice in the interval, never outside the window or when disabled', () => {
    expect(choose({ fromAutomaticSender: true })).toEqual({ send: false, reason: 'automatic_sender' });
    expect(choose({ lastAutomaticAt: new Date(now.getTime() - 59 * 60_000) })).toEqual({ send: false, reason: 'interval' });
    expect(choose({ lastAutomaticAt: new Date(now.getTime() - 61 * 60_000) })).toMatchObject({ send: true });
    expect(choose({ windowOpen: false })).toEqual({ send: false, reason: 'window_closed' });
    expect(choose({ settings: { ...base.settings, enabled: false } })).toEqual({ send: false, reason: 'disabled' });
  });

  it('each reply at most once per conversation (the loop guard), keyword answers included', () => {
    const closed = { opensAt: new Date(now.getTime() + 3600_000), firstOfConversation: false };
    expect(choose({ ...closed, sentInConversation: { kinds: ['away'], keywordBodies: [] } })).toEqual({ send: false, reason: 'no_rule' });
    expect(choose({ text: 'horario', sentInConversation: { kinds: ['keyword'], keywordBodies: ['De 9 a 18'] } })).toMatchObject({ kind: 'greeting' });
    expect(choose({ sentInConversation: { kinds: ['greeting'], keywordBodies: [] } })).toEqual({ send: false, reason: 'no_rule' });
  });
});
