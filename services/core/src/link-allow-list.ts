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

/**
 * Top-level domains a bare `name.tld` is taken as a link under (WhatsApp makes such text clickable).
 * A short list of the usual ones, so a file name such as `factura.pdf` is not mistaken for a link;
 * anything with a scheme, `www.` or a path (`name.tld/…`) counts whatever its TLD.
 */
const bareLinkTlds = new Set(
  ('com net org info biz io co app dev me ly link xyz site online top click shop store live page ai gl to gg tv cc ws ' +
    'es eu uk de fr it pt nl be ch at ie se no dk fi pl ru us ca mx ar br cl pe uy ve ec bo py cr do gt hn ni pa sv cu ' +
    'in cn jp kr au nz za ng tk ml ga cf gq')
    .split(' '),
);

/**
 * The links an agent's text would show the customer: http(s) URLs, `www.` hosts and bare domain
 * names, as a messaging app makes them clickable. Email addresses are not links.
 */
export function linksInText(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?<![\w@.-])(?:(https?:\/\/[^\s<>"']+)|((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63})(?::\d+)?(\/[^\s<>"']*)?))(?![\w@-])/gi;
  for (const m of text.matchAll(pattern)) {
    if (m[1]) {
      found.push(m[1].replace(/[.,;:!?)\]]+$/, ''));
      continue;
    }
    const host = m[2]!.toLowerCase();
    if (host.startsWith('www.') || m[4] || bareLinkTlds.has(m[3]!.toLowerCase())) found.push(`https://${m[0].replace(/[.,;:!?)\]]+$/, '')}`);
  }
  return found;
}

/** The first link in `text` outside the allow-list (a refusal), or null when every link is allowed. */
export function checkTextLinks(text: string, allowedDomains: readonly string[]): Extract<LinkCheck, { ok: false }> | null {
  for (const link of linksInText(text)) {
    const checked = checkLink(link, allowedDomains);
    if (!checked.ok) return checked;
  }
  return null;
}
