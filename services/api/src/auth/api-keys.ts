import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Integrator tokens look like `cck_<prefix>_<secret>`; the prefix finds the row, the secret proves it. */
const pattern = /^cck_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKeyToken(): { token: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, '0').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { token: `cck_${prefix}_${secret}`, prefix, secretHash: sha256(secret) };
}

export function parseApiKeyToken(token: string): { prefix: string; secret: string } | null {
  const m = pattern.exec(token);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/** The secret is 256 random bits, so a fast hash is enough; compared in constant time. */
export function apiKeySecretMatches(secret: string, secretHash: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
