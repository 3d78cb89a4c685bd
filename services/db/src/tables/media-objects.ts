import type { Generated, Selectable } from 'kysely';

/**
 * What a file is for, which decides who may read it: `message` (a message's attachment, read by
 * whoever may read its interaction), `push_upload` (an agent's upload to push: its uploader, then the
 * interaction it was pushed on), `push_document` (the push library: any signed-in user).
 */
export type MediaKind = 'message' | 'push_upload' | 'push_document';

/** A file the project keeps (message attachments, push uploads, library documents), served at /media/<id>. */
export interface MediaObjectsTable {
  id: Generated<string>;
  content_type: string;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  /** Where it was fetched from (a Twilio media URL). */
  source_url: string | null;
  kind: Generated<MediaKind>;
  /** The interaction it belongs to; null until known (or for library documents). */
  interaction_id: string | null;
  /** The user who uploaded it (push uploads, library documents). */
  uploaded_by: string | null;
  /** The name it was sent with (email attachments), offered on download. */
  filename: string | null;
  created_at: Generated<Date>;
}

export type MediaObject = Selectable<MediaObjectsTable>;
