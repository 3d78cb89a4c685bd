import type { ColumnType, Generated, Selectable } from 'kysely';

/** A proactive rule: open the widget with `message` when all its conditions hold. */
export interface ChatTriggerRule {
  id: string;
  /** Glob over the page URL (`*` = anything); null = every page. */
  urlPattern: string | null;
  minSecondsOnPage: number | null;
  minIdleSeconds: number | null;
  /** Fires from this visit on (1 = first visit). */
  minVisits: number | null;
  message: string;
}

export interface WebchatSitesTable {
  id: Generated<string>;
  /** Public identifier the embedding page passes to the widget. */
  key: string;
  name: string;
  queue_id: string;
  /** Origins allowed to run the widget (`https://shop.example`); empty = any. */
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>;
  triggers: ColumnType<ChatTriggerRule[], string | undefined, string>;
  /** At most one proactive approach per visitor in this time. */
  proactive_cooldown_seconds: Generated<number>;
  /** Co-browse events kept (packed) this many days for quality review; 0 = never stored. */
  cobrowse_retention_days: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WebchatVisitorsTable {
  site_id: string;
  visitor_id: string;
  visits: Generated<number>;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  last_proactive_at: Date | null;
}

export type WebchatSite = Selectable<WebchatSitesTable>;
export type WebchatVisitor = Selectable<WebchatVisitorsTable>;
