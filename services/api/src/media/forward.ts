import type { Db } from '@cc/db/database';
import { getMediaOwnership } from '@cc/db/repositories/media-objects';
import type { Principal } from '../context';
import { NotFoundError } from '../routing/errors';
import { mayReadMedia } from '../authorization/policy';
import { mediaPathPattern, type MediaUrlSigner } from './signed-urls';


/**
 * The URLs Twilio fetches for media an agent sends: this API's own files (`<public base>/media/<id>`)
 * only if the sender may read them, then signed for a short while (Twilio has no session); other
 * URLs as given. An unreadable file is "not found", never forwarded.
 */
export async function mediaUrlsForTwilio(
  deps: { db: Db; urls: MediaUrlSigner; publicBaseUrl: string; ttlSeconds: number; now: Date },
  principal: Principal,
  urls: readonly string[],
): Promise<string[]> {
  const base = new URL(deps.publicBaseUrl);
  return Promise.all(
    urls.map(async (url) => {
      const target = new URL(url);
      const id = target.origin === base.origin ? mediaPathPattern.exec(target.pathname)?.[1] : undefined;
      if (!id) return url;
      const owner = await getMediaOwnership(deps.db, id);
      if (!owner || !(await mayReadMedia(deps.db, principal, owner))) throw new NotFoundError('That file');
      return `${deps.publicBaseUrl.replace(/\/+$/, '')}${deps.urls.signedPath(id, deps.ttlSeconds, deps.now)}`;
    }),
  );
}
