import { sql, type Expression } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { Db } from '../database';

/** Records that the customer wrote on `channel` at `at`; never moves back (webhooks arrive out of order). */
export async function recordInbound(db: Db, customerId: string, channel: Channel, at: Date): Promise<void> {
  await db
    .insertInto('customer_channel_state')
    .values({ customer_id: customerId, channel, last_inbound_at: at })
    .onConflict((oc) =>
      oc.columns(['customer_id', 'channel']).doUpdateSet({
        last_inbound_at: sql`greatest(customer_channel_state.last_inbound_at, excluded.last_inbound_at)`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** When the customer last wrote on `channel`; null when never. */
export async function lastInboundAt(db: Db, customerId: string, channel: Channel): Promise<Date | null> {
  const row = await lastInboundQuery(db, customerId, channel).executeTakeFirst();
  return row?.last_inbound_at ?? null;
}

/** The query behind lastInboundAt (also usable as a correlated subquery). */
export function lastInboundQuery(db: Db, customerId: string | Expression<string>, channel: Channel) {
  return db.selectFrom('customer_channel_state').select('last_inbound_at').where('customer_id', '=', customerId).where('channel', '=', channel);
}
