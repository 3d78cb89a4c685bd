import type { Db } from '@cc/db/database';
import type { MediaObject } from '@cc/db/tables/media-objects';
import { mayReadInteractionById } from '../authorization/policy';
import type { Principal } from '../context';

/**
 * Whether a signed-in principal may download a stored file: whoever may read its interaction; any
 * user for a library document (agents push them); its uploader for a push upload not yet pushed;
 * otherwise (a file outside any interaction) supervisors and admins only.
 */
export async function mayReadMedia(db: Db, principal: Principal, media: Pick<MediaObject, 'kind' | 'interaction_id' | 'uploaded_by'>): Promise<boolean> {
  if (media.interaction_id && (await mayReadInteractionById(db, principal, media.interaction_id))) return true;
  if (principal.kind !== 'user') return false;
  if (media.kind === 'push_document') return true;
  if (media.kind === 'push_upload' && media.uploaded_by === principal.userId) return true;
  return !media.interaction_id && (principal.role === 'supervisor' || principal.role === 'admin');
}
