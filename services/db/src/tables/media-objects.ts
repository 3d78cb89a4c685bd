import type { Generated, Selectable } from 'kysely';

/** A file the project keeps (inbound WhatsApp media), served at /media/<id>. */
export interface MediaObjectsTable {
  id: Generated<string>;
  content_type: string;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  /** Where it was fetched from (a Twilio media URL). */
  source_url: string | null;
  created_at: Generated<Date>;
}

export type MediaObject = Selectable<MediaObjectsTable>;
