import type { Generated, Selectable } from 'kysely';

/** A tracked short link of a push, served at /l/<token>. */
export interface PushLinksTable {
  token: string;
  push_id: string;
  url: string;
  created_at: Generated<Date>;
}

export interface PushLinkOpensTable {
  id: Generated<string>;
  token: string;
  user_agent: string | null;
  opened_at: Generated<Date>;
}

export type PushLink = Selectable<PushLinksTable>;
export type PushLinkOpen = Selectable<PushLinkOpensTable>;
