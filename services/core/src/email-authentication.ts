/**
 * Whether an inbound email's sender is who the From header says, from the receiving MX's
 * Authentication-Results (RFC 8601) — and so where a reply may go. Pure: the header is parsed by
 * the email channel, the decision is here.
 */
export interface AuthResult {
  /** Lower-case method: spf, dkim, dmarc, … */
  method: string;
  /** Lower-case result: pass, fail, softfail, neutral, none, temperror, permerror, … */
  result: string;
  /** `ptype.property` (lower-case) → value, e.g. `header.d` → `example.com`. */
  props: Record<string, string>;
}

export interface AuthenticationResults {
  /** The host that wrote the header (lower-case). */
  authservId: string;
  results: AuthResult[];
}

export interface SenderAuthentication {
  verified: boolean;
  /** What proved the sender: DMARC, or (without a DMARC verdict) aligned DKIM or aligned SPF. */
  method: 'dmarc' | 'dkim' | 'spf' | null;
  /** Whose results were read; null when the mail carried none we trust. */
  authservId: string | null;
  dmarc: string | null;
  dkim: string | null;
  spf: string | null;
}

const domainOf = (addressOrDomain: string) => addressOrDomain.slice(addressOrDomain.lastIndexOf('@') + 1).trim().toLowerCase().replace(/\.$/, '');

/**
 * DMARC's relaxed alignment, approximated without the public-suffix list: the same domain, or one a
 * subdomain of the other (never a single-label parent such as `com`). Sibling subdomains of one
 * organization count as not aligned: a false "unverified", never a false "verified".
 */
export function domainsAligned(a: string, b: string): boolean {
  const x = domainOf(a);
  const y = domainOf(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  return short.includes('.') && long.endsWith(`.${short}`);
}

/**
 * Which Authentication-Results to believe: those written by our MX (`authservId`), which removes
 * any the sender forged under its name (RFC 8601 §5); without one configured, only the topmost
 * header — the last hop's, i.e. the receiving MX's when it sits right in front of us.
 */
export function trustedResults(headers: readonly AuthenticationResults[], authservId: string | null): AuthenticationResults[] {
  if (!authservId) return headers.slice(0, 1);
  const id = authservId.toLowerCase();
  return headers.filter((h) => h.authservId === id);
}

/**
 * A mail is verified when DMARC passed for its From domain, or — without a DMARC verdict — DKIM
 * passed with `d=` aligned to the From domain, or SPF passed for an aligned envelope sender.
 * A DMARC failure is final: aligned DKIM or SPF cannot contradict the MX's own verdict.
 */
export function authenticateSender(input: {
  from: string;
  /** The SMTP envelope sender (MAIL FROM) as relayed to us, for SPF results without smtp.mailfrom. */
  envelopeFrom: string | null;
  headers: readonly AuthenticationResults[];
  authservId: string | null;
}): SenderAuthentication {
  const trusted = trustedResults(input.headers, input.authservId);
  const results = trusted.flatMap((h) => h.results);
  const fromDomain = domainOf(input.from);
  const of = (method: string) => results.filter((r) => r.method === method);
  const dmarc = of('dmarc');
  const dkim = of('dkim');
  const spf = of('spf');
  const base = { authservId: trusted[0]?.authservId ?? null, dmarc: dmarc[0]?.result ?? null, dkim: dkim[0]?.result ?? null, spf: spf[0]?.result ?? null };
  const passedDmarc = dmarc.find((r) => r.result === 'pass' && (!r.props['header.from'] || domainOf(r.props['header.from']) === fromDomain));
  if (passedDmarc) return { ...base, dmarc: 'pass', verified: true, method: 'dmarc' };
  // "none" = the domain publishes no DMARC policy: no verdict, so DKIM or SPF alignment decides.
  const dmarcVerdict = dmarc.find((r) => r.result !== 'none');
  if (dmarcVerdict) return { ...base, dmarc: dmarcVerdict.result, verified: false, method: null };
  const alignedDkim = dkim.find((r) => r.result === 'pass' && domainsAligned(r.props['header.d'] ?? r.props['header.i'] ?? '', fromDomain));
  if (alignedDkim) return { ...base, dkim: 'pass', verified: true, method: 'dkim' };
  const alignedSpf = spf.find((r) => r.result === 'pass' && domainsAligned(r.props['smtp.mailfrom'] ?? input.envelopeFrom ?? '', fromDomain));
  if (alignedSpf) return { ...base, spf: 'pass', verified: true, method: 'spf' };
  return { ...base, verified: false, method: null };
}

/**
 * Where replies go: the authenticated From, or its Reply-To when that is in the same (aligned)
 * domain. Unverified mail is answered at From only — a forged From must never route the answer
 * to the forger's Reply-To.
 */
export function replyAddress(from: string, replyTo: string | null, auth: Pick<SenderAuthentication, 'verified'>): { address: string; ignoredReplyTo: string | null } {
  if (!replyTo || replyTo === from) return { address: from, ignoredReplyTo: null };
  if (auth.verified && domainsAligned(replyTo, from)) return { address: replyTo, ignoredReplyTo: null };
  return { address: from, ignoredReplyTo: replyTo };
}
