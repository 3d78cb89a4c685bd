import { randomUUID } from 'node:crypto';
import type { Db } from '@cc/db/database';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { createInteraction } from '@cc/db/repositories/interactions';

/** Relay global id, as the API prints it. */
export const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

/**
 * What one cell of the authorization matrix acts on, made fresh for every cell so one principal's
 * allowed mutation (a wrap-up, a transfer) never changes what the next principal is asked: a
 * customer with a call, a WhatsApp conversation, an email and a web chat, all held by the involved
 * agent, and a second call offered to them.
 */
export interface World {
  customerId: string;
  interactions: Record<'voice' | 'whatsapp' | 'email' | 'webchat' | 'offered', string>;
  offerId: string;
  /** A link pushed on the call, its SMS fallback offered. */
  pushId: string;
  /** A co-browse session on the call, shared (active), asked by the involved agent. */
  cobrowseSessionId: string;
}

let phone = 611_000_000;

export async function buildWorld(db: Db, opts: { queueId: string; agentId: string; siteId?: string }): Promise<World> {
  const now = new Date();
  const { customer } = await resolveCustomerByIdentity(db, 'phone', `+34${phone++}`, { label: null, region: 'ES' });
  const make = async (channel: 'voice' | 'whatsapp' | 'email' | 'webchat', status: 'assigned' | 'offered') => {
    const created = await createInteraction(db, { customerId: customer.id, queueId: opts.queueId, channel, context: {} }, now);
    if (!created.ok) throw new Error(`world: ${created.reason}`);
    const id = created.interaction.id;
    await db
      .updateTable('interactions')
      .set(status === 'assigned' ? { status, assigned_agent_id: opts.agentId, assigned_at: now, offered_at: now } : { status, offered_at: now })
      .where('id', '=', id)
      .execute();
    return id;
  };
  const interactions = {
    voice: await make('voice', 'assigned'),
    whatsapp: await make('whatsapp', 'assigned'),
    email: await make('email', 'assigned'),
    webchat: await make('webchat', 'assigned'),
    offered: await make('voice', 'offered'),
  };
  const offer = await db
    .insertInto('offers')
    .values({ interaction_id: interactions.offered, agent_id: opts.agentId, channel: 'voice', expires_at: new Date(now.getTime() + 3600_000), outcome: null, decided_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const message = await db
    .insertInto('messages')
    .values({ interaction_id: interactions.voice, customer_id: customer.id, direction: 'outbound', channel: 'whatsapp', agent_id: opts.agentId, body: 'Your order', media: null, location: null, provider: 'twilio', provider_message_id: null, delivery_status: 'failed', error_code: '63016', context: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const push = await db
    .insertInto('pushes')
    .values({
      interaction_id: interactions.voice,
      customer_id: customer.id,
      agent_id: opts.agentId,
      kind: 'link',
      content: JSON.stringify({ kind: 'link', url: 'https://shop.matrix.test/o/1', title: 'Your order', shortUrl: 'https://x.test/l/1' }),
      to_number: customer.id,
      mode: 'free_form',
      template_sid: null,
      template_variables: null,
      message_id: message.id,
      status: 'failed',
      error_code: '63016',
      send_started_at: now,
      fallback: 'sms_offered',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const siteId =
    opts.siteId ??
    (await db.insertInto('webchat_sites').values({ key: `world-${randomUUID()}`, name: 'World', queue_id: opts.queueId, triggers: '[]' }).returning('id').executeTakeFirstOrThrow()).id;
  const cobrowse = await db
    .insertInto('cobrowse_sessions')
    .values({ site_id: siteId, interaction_id: interactions.voice, agent_id: opts.agentId, status: 'active', via: 'code', consented_at: now, current_url: 'https://shop.matrix.test/page', pages_visited: ['https://shop.matrix.test/page'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { customerId: customer.id, interactions, offerId: offer.id, pushId: push.id, cobrowseSessionId: cobrowse.id };
}

/** A well-formed id of nothing: lets a caller past the authorization check only to find nothing. */
export const nothing = (type: string) => gid(type, randomUUID());
