/**
 * Pushed links may only point at the business's own domains (or their subdomains): an agent must
 * not be able to send a customer anywhere else from the company's WhatsApp number.
 */
export type LinkCheck = { ok: true; url: URL } | { ok: false; reason: 'not_a_url' | 'scheme' | 'domain'; host: string | null };

export function parseAllowList(value: string): string[] {
  return value
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, ''))
    .filter(Boolean);
}

export function checkLink(raw: string, allowedDomains: readonly string[]): LinkCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not_a_url', host: null };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme', host: url.hostname };
  // Credentials in a link are a phishing classic (https://bank.com@evil.example).
  if (url.username || url.password) return { ok: false, reason: 'domain', host: url.hostname };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const allowed = allowedDomains.some((d) => host === d || host.endsWith(`.${d}`));
  return allowed ? { ok: true, url } : { ok: false, reason: 'domain', host };
}
