import { describe, expect, it } from 'vitest';
import { consentState } from '../src/consent';
import { checkLink, checkTextLinks, linksInText, parseAllowList } from '../src/link-allow-list';
import { budgetCheck, budgetWindowMs, pruneBudget, spacingWait } from '../src/push-limits';
import { pushMode, smsFallbackApplies } from '../src/push-mode';
import { checkPushMedia } from '../src/whatsapp-media';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0]);
const pdf = new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n');

describe('link allow-list', () => {
  const allowed = parseAllowList(' example.com, *.shop.example.org ,');
  it('parses domains, dropping wildcards and blanks', () => expect(allowed).toEqual(['example.com', 'shop.example.org']));
  it('accepts the domain and its subdomains over http(s)', () => {
    for (const url of ['https://example.com/a?b=1', 'http://www.example.com', 'https://EXAMPLE.com./x', 'https://m.shop.example.org']) expect(checkLink(url, allowed).ok, url).toBe(true);
  });
  it('refuses other domains, look-alikes, credentials and other schemes', () => {
    expect(checkLink('https://evil.com', allowed)).toEqual({ ok: false, reason: 'domain', host: 'evil.com' });
    expect(checkLink('https://notexample.com', allowed)).toMatchObject({ ok: false, reason: 'domain' });
    expect(checkLink('https://example.com.evil.com', allowed)).toMatchObject({ ok: false, reason: 'domain' });
    expect(checkLink('https://example.com@evil.com', allowed)).toMatchObject({ ok: false, reason: 'domain' });
    expect(checkLink('https://user:pw@example.com', allowed)).toMatchObject({ ok: false, reason: 'domain' });
    expect(checkLink('javascript:alert(1)', allowed)).toMatchObject({ ok: false, reason: 'scheme' });
    expect(checkLink('not a url', allowed)).toMatchObject({ ok: false, reason: 'not_a_url' });
    expect(checkLink('https://example.com', [])).toMatchObject({ ok: false, reason: 'domain' });
  });
});

describe('WhatsApp media limits', () => {
  it('accepts an image up to 5 MB and a document up to 16 MB of the declared type', () => {
    expect(checkPushMedia({ contentType: 'image/png', sizeBytes: 5 * 1024 * 1024, head: png })).toBeNull();
    expect(checkPushMedia({ contentType: 'application/pdf; charset=binary', sizeBytes: 16 * 1024 * 1024, head: pdf })).toBeNull();
  });
  it('refuses oversized, mismatched, empty and unsupported files', () => {
    expect(checkPushMedia({ contentType: 'image/png', sizeBytes: 5 * 1024 * 1024 + 1, head: png })).toMatchObject({ reason: 'size', maxBytes: 5 * 1024 * 1024 });
    expect(checkPushMedia({ contentType: 'application/pdf', sizeBytes: 16 * 1024 * 1024 + 1, head: pdf })).toMatchObject({ reason: 'size' });
    expect(checkPushMedia({ contentType: 'image/png', sizeBytes: 100, head: pdf })).toEqual({ reason: 'mismatch', contentType: 'image/png' });
    expect(checkPushMedia({ contentType: 'image/png', sizeBytes: 0, head: new Uint8Array() })).toEqual({ reason: 'empty' });
    expect(checkPushMedia({ contentType: 'application/x-msdownload', sizeBytes: 10, head: pdf })).toEqual({ reason: 'type', contentType: 'application/x-msdownload' });
  });
});

describe('push mode and consent', () => {
  it('is free-form inside the window, a template outside it', () => {
    expect(pushMode({ open: true, closesAt: new Date() }, false)).toBe('free_form');
    expect(pushMode({ open: false, closesAt: null }, false)).toBe('template_required');
    expect(pushMode({ open: false, closesAt: null }, true)).toBe('template');
  });
  it('reads the newest record', () => {
    expect(consentState(undefined)).toBe('none');
    expect(consentState({ granted: true, purpose: 'service' })).toBe('granted');
    expect(consentState({ granted: false, purpose: 'all' })).toBe('opted_out');
  });
  it('offers SMS only when WhatsApp cannot reach the number', () => {
    expect(smsFallbackApplies('63016')).toBe(true);
    expect(smsFallbackApplies('63003')).toBe(true);
    expect(smsFallbackApplies('30008')).toBe(false);
    expect(smsFallbackApplies(null)).toBe(false);
  });
});

describe('pacing', () => {
  it('waits out the spacing gap', () => {
    expect(spacingWait(null, 1000, 6000)).toBe(0);
    expect(spacingWait(1000, 3000, 6000)).toBe(4000);
    expect(spacingWait(1000, 7000, 6000)).toBe(0);
  });
  it('budgets conversations over a rolling 24 h: a person already in one costs nothing, room frees as the oldest ages out', () => {
    const t0 = Date.parse('2026-11-23T23:00:00Z');
    const opened = new Map([['+34600000001', t0], ['+34600000002', t0 + 3600_000]]);
    expect(budgetCheck(opened, '+34600000001', t0 + 7200_000, 2)).toEqual({ ok: true, opens: false });
    // Past midnight UTC nothing resets: the budget is not per calendar day.
    expect(budgetCheck(opened, '+34600000003', t0 + 7200_000, 2)).toEqual({ ok: false, resetsAt: new Date(t0 + budgetWindowMs) });
    expect(budgetCheck(opened, '+34600000003', t0, 3)).toEqual({ ok: true, opens: true });
    pruneBudget(opened, t0 + budgetWindowMs);
    expect([...opened.keys()]).toEqual(['+34600000002']);
    expect(budgetCheck(opened, '+34600000003', t0 + budgetWindowMs, 2)).toEqual({ ok: true, opens: true });
  });
});

describe('links in an agent’s text', () => {
  it('finds URLs, www. hosts and bare domains as WhatsApp shows them, not emails or file names', () => {
    expect(linksInText('Mira https://shop.example/a?b=1, o www.evil.test y evil.com/login; también pago.com.')).toEqual([
      'https://shop.example/a?b=1',
      'https://www.evil.test',
      'https://evil.com/login',
      'https://pago.com',
    ]);
    expect(linksInText('Escríbenos a ayuda@shop.example; adjunto factura.pdf, versión 1.2.3')).toEqual([]);
  });

  it('refuses the first link outside the allow-list', () => {
    expect(checkTextLinks('Tu pedido: https://track.shop.example/1', ['shop.example'])).toBeNull();
    expect(checkTextLinks('Paga en https://shop.example.evil.test/x', ['shop.example'])).toMatchObject({ ok: false, host: 'shop.example.evil.test' });
    expect(checkTextLinks('Hola, ¿qué tal?', [])).toBeNull();
    expect(checkTextLinks('ve a bit.ly/abc', ['shop.example'])).toMatchObject({ host: 'bit.ly' });
  });
});
