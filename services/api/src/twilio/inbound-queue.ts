import { sql } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { Db } from '@cc/db/database';
import type { Queue } from '@cc/db/tables/queues';

/**
 * The queue a channel's new contacts wait in: the one named in configuration, else the oldest
 * queue serving the channel. Undefined when none serves it (a configuration problem).
 */
export async function inboundQueue(db: Db, channel: Channel, name: string | null | undefined): Promise<Queue | undefined> {
  if (name) {
    const named = await db.selectFrom('queues').selectAll().where('name', '=', name).where(sql<boolean>`${channel} = any(channels)`).executeTakeFirst();
    if (named) return named;
  }
  return db.selectFrom('queues').selectAll().where(sql<boolean>`${channel} = any(channels)`).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
}
