import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived signed addresses of stored files, for readers without a session (Twilio fetching a
 * pushed file, a customer opening a link): `/media/<id>?exp=<unix seconds>&sig=<hex>`, where sig is
 * HMAC-SHA256 over `<id>.<exp>` with a key derived from the server secret (so a leaked media key
 * never signs sessions, and the other way round).
 */
/** The path a stored file is served at, `/media/<uuid>`; the id is the first group. */
export const mediaPathPattern = /^\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export interface MediaUrlSigner {
  /** The path and query of a URL valid for `ttlSeconds` from `now`. */
  signedPath(mediaId: string, ttlSeconds: number, now: Date): string;
  /** Whether `exp` and `sig` (from the query) sign this file and are not expired. */
  verify(mediaId: string, exp: string | null, sig: string | null, now: Date): 'valid' | 'expired' | 'invalid';
}

export function createMediaUrlSigner(secret: string): MediaUrlSigner {
  return createPathSigner(secret, { purpose: 'cc/media-url/v1', prefix: '/media/' });
}

/**
 * The same signed, expiring addresses for another kind of resource (`prefix` + id), with its own
 * key (`purpose`), so a signature for one never opens the other: subject-access export packages.
 */
export function createPathSigner(secret: string, scheme: { purpose: string; prefix: string }): MediaUrlSigner {
  const key = createHmac('sha256', secret).update(scheme.purpose).digest();
  const sign = (mediaId: string, exp: number) => createHmac('sha256', key).update(`${mediaId}.${exp}`).digest();
  return {
    signedPath(mediaId, ttlSeconds, now) {
      const exp = Math.floor(now.getTime() / 1000) + Math.max(1, Math.floor(ttlSeconds));
      return `${scheme.prefix}${mediaId}?exp=${exp}&sig=${sign(mediaId, exp).toString('hex')}`;
    },
    verify(mediaId, exp, sig, now) {
      if (!exp || !sig || !/^\d{1,12}$/.test(exp) || !/^[0-9a-f]{64}$/.test(sig)) return 'invalid';
      if (!timingSafeEqual(Buffer.from(sig, 'hex'), sign(mediaId, Number(exp)))) return 'invalid';
      return Number(exp) * 1000 <= now.getTime() ? 'expired' : 'valid';
    },
  };
}
