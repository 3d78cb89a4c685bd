/**
 * Authentication-Results header fields (RFC 8601): what the receiving MX concluded about SPF, DKIM
 * and DMARC. Parsing only; which header to trust and what "verified" means is core's
 * email-authentication.
 */
import type { AuthenticationResults, AuthResult } from '@cc/core/email-authentication';

/** Removes comments — `(…)`, nestable, with `\` escapes — outside quoted strings (RFC 5322 §3.2.2). */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    else if (!quoted && c === '(') { depth++; continue; }
    else if (!quoted && c === ')' && depth > 0) { depth--; continue; }
    if (depth === 0) out += c;
  }
  return out;
}

/** Splits on `sep` (a single character or whitespace when null) outside quoted strings. */
function splitOutsideQuotes(value: string, sep: ';' | null): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && quoted) { cur += c + (value[i + 1] ?? ''); i++; continue; }
    if (c === '"') quoted = !quoted;
    if (!quoted && (sep ? c === sep : /\s/.test(c))) { parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const unquote = (v: string) => (v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v);

/** Parses one header value; null when it is not a readable Authentication-Results field. */
export function parseAuthenticationResults(value: string): AuthenticationResults | null {
  const clean = stripComments(value.replace(/\r?\n[ \t]/g, ' ')).replace(/\s*=\s*/g, '=');
  const [head, ...resinfos] = splitOutsideQuotes(clean, ';');
  const authservId = head && splitOutsideQuotes(head, null)[0];
  if (!authservId) return null;
  const results: AuthResult[] = [];
  for (const resinfo of resinfos) {
    const [methodspec, ...rest] = splitOutsideQuotes(resinfo, null);
    const m = methodspec?.match(/^([A-Za-z0-9_-]+)(?:\/\d+)?=([A-Za-z0-9_-]+)$/);
    if (!m) continue; // "none" (no result) or an extension we cannot read
    const props: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq <= 0) continue;
      const key = p.slice(0, eq).toLowerCase();
      if (key === 'reason' || !key.includes('.')) continue;
      props[key] = unquote(p.slice(eq + 1));
    }
    results.push({ method: m[1]!.toLowerCase(), result: m[2]!.toLowerCase(), props });
  }
  return { authservId: unquote(authservId).toLowerCase(), results };
}
