import { sql } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { Db } from '../database';
import type { Queue } from '../tables/queues';

/**
 * The queue a channel's new contacts wait in: the one named (when it serves the channel), else the
 * oldest queue serving the channel. Undefined when none serves it (a configuration problem).
 */
export async function findChannelQueue(db: Db, channel: Channel, name: string | null): Promise<Queue | undefined> {
  if (name) {
    const named = await db.selectFrom('queues').selectAll().where('name', '=', name).where(sql<boolean>`${channel} = any(channels)`).executeTakeFirst();
    if (named) return named;
  }
  return db.selectFrom('queues').selectAll().where(sql<boolean>`${channel} = any(channels)`).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
}
