import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInteraction } from '../src/repositories/interactions';
import { listInteractionEvents } from '../src/repositories/interaction-events';
import { matchNext, offerToAgent } from '../src/repositories/matching';
import { acceptOffer, declineOffer, expireOffer } from '../src/repositories/offers';
import { setPresence } from '../src/repositories/presence';
import { createQueue } from '../src/repositories/queues';
import { createAgent } from '../src/repositories/agents';
import type { Queue } from '../src/tables/queues';
import { makeAgent, makeCustomer, routingState } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();
const t0 = new Date('2026-11-23T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

let n = 0;
function queue(opts: Partial<Parameters<typeof createQueue>[1]> = {}): Promise<Queue> {
  return createQueue(ctx.db, { name: `q${++n}`, channels: ['voice', 'whatsapp', 'email', 'webchat'], ...opts });
}

async function enqueue(q: Queue, channel: 'voice' | 'whatsapp' | 'email' | 'webchat', when: Date, priority?: number) {
  const r = await createInteraction(ctx.db, { customerId: await makeCustomer(ctx.db), queueId: q.id, channel, priority }, when);
  if (!r.ok) throw new Error(r.reason);
  return r.interaction;
}

describe('queues and agents', () => {
  it('refuses a bad time zone, business hours or skill level before writing', async () => {
    const before = await ctx.db.selectFrom('queues').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(queue({ timezone: 'Madrid' })).rejects.toThrow(/IANA/);
    await expect(queue({ businessHours: { mon: [{ open: '9', close: '17:00' }] } })).rejects.toThrow(/HH:MM/);
    await expect(queue({ requiredSkills: { billing: 6 } })).rejects.toThrow(/1 to 5/);
    const after = await ctx.db.selectFrom('queues').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('lets the database refuse unknown channels and half an overflow rule', async () => {
    // @ts-expect-error not a channel
    await expect(queue({ channels: ['sms'] })).rejects.toThrow(/check/);
    await expect(queue({ channels: [] })).rejects.toThrow(/check/);
    await expect(
      ctx.db.insertInto('queues').values({ name: 'half', channels: ['voice'], required_skills: '{}', business_hours: null, overflow_queue_id: null, overflow_after_seconds: 30, closed_auto_reply: null }).execute(),
    ).rejects.toThrow(/check/);
  });

  it('creates an agent offline with memberships; presence changes restart idle time only when becoming available', async () => {
    const q = await queue();
    const id = await makeAgent(ctx.db, { queueIds: [q.id], status: 'offline', at: t0 });
    const row = await ctx.db.selectFrom('agent_presence').selectAll().where('agent_id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('offline');
    expect(await ctx.db.selectFrom('agent_queues').select('queue_id').where('agent_id', '=', id).execute()).toEqual([{ queue_id: q.id }]);
    const a = await setPresence(ctx.db, { agentId: id, status: 'available', now: at(10) });
    expect(a).toMatchObject({ changed: true, presence: { status: 'available', since: at(10), idle_since: at(10) } });
    expect((await setPresence(ctx.db, { agentId: id, status: 'available', now: at(20) }))?.changed).toBe(false);
    const away = await setPresence(ctx.db, { agentId: id, status: 'away', now: at(30) });
    expect(away?.presence).toMatchObject({ since: at(30), idle_since: at(10) });
    expect(await setPresence(ctx.db, { agentId: '00000000-0000-0000-0000-000000000000', status: 'away', now: t0 })).toBeUndefined();
  });

  it('refuses capacity for an unknown channel and negative capacity', async () => {
    const q = await queue();
    await expect(makeAgent(ctx.db, { queueIds: [q.id], capacity: { voice: -1 }, at: t0 })).rejects.toThrow(/0 or more/);
    await expect(createAgent(ctx.db, { userId: '00000000-0000-0000-0000-000000000000', skills: {}, capacity: { fax: 1 } as never, queueIds: [] }, t0)).rejects.toThrow(/not a channel/);
  });
});

describe('createInteraction', () => {
  it('enqueues with the queue priority by default and records the event', async () => {
    const q = await queue({ priority: 7 });
    const i = await enqueue(q, 'whatsapp', t0);
    expect(i).toMatchObject({ status: 'queued', priority: 7, enqueued_at: t0, assigned_agent_id: null });
    expect((await listInteractionEvents(ctx.db, i.id)).map((e) => e.type)).toEqual(['enqueued']);
  });

  it('refuses an unknown queue and a channel the queue does not serve, writing nothing', async () => {
    const q = await queue({ channels: ['email'] });
    const customerId = await makeCustomer(ctx.db);
    const before = await routingState(ctx.db);
    expect(await createInteraction(ctx.db, { customerId, queueId: q.id, channel: 'voice' }, t0)).toEqual({ ok: false, reason: 'channel_not_served' });
    expect(await createInteraction(ctx.db, { customerId, queueId: '00000000-0000-0000-0000-000000000000', channel: 'email' }, t0)).toEqual({ ok: false, reason: 'no_such_queue' });
    expect(await routingState(ctx.db)).toEqual(before);
  });
});

describe('matchNext for an interaction', () => {
  it('offers it to the longest-idle available member with the skills and a free slot', async () => {
    const q = await queue({ requiredSkills: { billing: 2 }, offerTimeoutSeconds: 15 });
    const other = await queue();
    const longestIdle = await makeAgent(ctx.db, { queueIds: [q.id], skills: { billing: 3 }, at: at(-100) });
    await makeAgent(ctx.db, { queueIds: [q.id], skills: { billing: 3 }, at: at(-50) });
    await makeAgent(ctx.db, { queueIds: [q.id], skills: { billing: 1 }, at: at(-500) }); // under-skilled
    await makeAgent(ctx.db, { queueIds: [other.id], skills: { billing: 5 }, at: at(-500) }); // not a member
    await makeAgent(ctx.db, { queueIds: [q.id], skills: { billing: 5 }, status: 'away', at: at(-500) });
    await makeAgent(ctx.db, { queueIds: [q.id], skills: { billing: 5 }, capacity: { voice: 1 }, at: at(-500) }); // no whatsapp
    const i = await enqueue(q, 'whatsapp', t0);
    const r = await matchNext(ctx.db, { interactionId: i.id }, at(1));
    expect(r).toMatchObject({ ok: true, offer: { agent_id: longestIdle, expires_at: at(16), outcome: null }, interaction: { status: 'offered', offered_at: at(1) } });
    const presence = await ctx.db.selectFrom('agent_presence').select('idle_since').where('agent_id', '=', longestIdle).executeTakeFirstOrThrow();
    expect(presence.idle_since).toEqual(at(1)); // to the back of the idle line
    expect(await matchNext(ctx.db, { interactionId: i.id }, at(2))).toEqual({ ok: false, reason: 'not_waiting' });
  });

  it('tries everyone else before an agent who declined or let it expire, then offers it to them again', async () => {
    const q = await queue({ offerTimeoutSeconds: 30 });
    const a = await makeAgent(ctx.db, { queueIds: [q.id], at: at(-20) });
    const b = await makeAgent(ctx.db, { queueIds: [q.id], at: at(-10) });
    const i = await enqueue(q, 'email', t0);
    const first = await matchNext(ctx.db, { interactionId: i.id }, at(1));
    if (!first.ok) throw new Error(first.reason);
    expect(first.offer.agent_id).toBe(a);
    expect(await declineOffer(ctx.db, { offerId: first.offer.id, agentId: a, now: at(2) })).toMatchObject({ ok: true, interaction: { status: 'queued', enqueued_at: t0 } });
    const second = await matchNext(ctx.db, { interactionId: i.id }, at(3));
    if (!second.ok) throw new Error(second.reason);
    expect(second.offer.agent_id).toBe(b);
    expect(await expireOffer(ctx.db, { offerId: second.offer.id, now: second.offer.expires_at })).toMatchObject({ ok: true });
    // Both passed; nobody else is free: back to the one who passed longest ago, rather than waiting.
    const third = await matchNext(ctx.db, { interactionId: i.id }, at(40));
    expect(third).toMatchObject({ ok: true, offer: { agent_id: a } });
    const events = await listInteractionEvents(ctx.db, i.id);
    expect(events.map((e) => e.type)).toEqual(['enqueued', 'offered', 'offer_declined', 'offered', 'offer_expired', 'offered']);
    expect(events.at(-1)?.data).toMatchObject({ agentId: a, again: true });
  });

  it('forgets a pass after ROUTING_PASSED_OVER_SECONDS: longest idle first again', async () => {
    const q = await queue();
    const a = await makeAgent(ctx.db, { queueIds: [q.id], at: at(-20) });
    const i = await enqueue(q, 'email', t0);
    const first = await matchNext(ctx.db, { interactionId: i.id }, at(1));
    if (!first.ok) throw new Error(first.reason);
    await declineOffer(ctx.db, { offerId: first.offer.id, agentId: a, now: at(2) });
    // b became available after a's offer, so a has idled longer; only a's recent pass puts b first.
    const b = await makeAgent(ctx.db, { queueIds: [q.id], at: at(3) });
    const policy = { passedOverSeconds: 60 };
    const rolledBack = async (now: Date) => {
      let agentId: string | undefined;
      await ctx.db
        .transaction()
        .execute(async (trx) => {
          const r = await matchNext(trx, { interactionId: i.id }, now, policy);
          agentId = r.ok ? r.offer.agent_id : undefined;
          throw new Error('roll back');
        })
        .catch(() => undefined);
      return agentId;
    };
    expect(await rolledBack(at(61))).toBe(b);
    expect(await rolledBack(at(63))).toBe(a);
  });

  it('never offers beyond capacity: an open offer holds the slot', async () => {
    const q = await queue();
    await makeAgent(ctx.db, { queueIds: [q.id], capacity: { voice: 1 }, at: t0 });
    const x = await enqueue(q, 'voice', at(1));
    const y = await enqueue(q, 'voice', at(2));
    expect((await matchNext(ctx.db, { interactionId: x.id }, at(3))).ok).toBe(true);
    expect(await matchNext(ctx.db, { interactionId: y.id }, at(4))).toEqual({ ok: false, reason: 'no_eligible_agent' });
  });

  it('reports busy while another transaction is matching the same interaction', async () => {
    const q = await queue();
    const i = await enqueue(q, 'email', t0);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.selectFrom('interactions').select('id').where('id', '=', i.id).forUpdate().execute();
      expect(await matchNext(ctx.db, { interactionId: i.id }, at(1))).toEqual({ ok: false, reason: 'busy' });
    });
  });
});

describe('matchNext for an agent', () => {
  it('takes the highest priority first, then the oldest, across the agent’s queues', async () => {
    const q1 = await queue();
    const q2 = await queue();
    const oldLow = await enqueue(q1, 'email', at(1), 0);
    const newHigh = await enqueue(q2, 'email', at(3), 5);
    const oldHigh = await enqueue(q1, 'email', at(2), 5);
    const agent = await makeAgent(ctx.db, { queueIds: [q1.id, q2.id], capacity: { email: 5 }, at: at(4) });
    const order: string[] = [];
    for (let k = 0; k < 3; k++) {
      const r = await matchNext(ctx.db, { agentId: agent }, at(10 + k));
      if (!r.ok) throw new Error(r.reason);
      order.push(r.interaction.id);
    }
    expect(order).toEqual([oldHigh.id, newHigh.id, oldLow.id]);
    expect(await matchNext(ctx.db, { agentId: agent }, at(20))).toEqual({ ok: false, reason: 'no_waiting_interaction' });
  });

  it('skips queues it lacks skills for, channels without a free slot and interactions it passed on', async () => {
    const skilled = await queue({ requiredSkills: { legal: 3 } });
    const plain = await queue();
    await enqueue(skilled, 'email', at(1));
    const voice = await enqueue(plain, 'voice', at(2));
    const declined = await enqueue(plain, 'email', at(3));
    const fine = await enqueue(plain, 'email', at(4));
    const agent = await makeAgent(ctx.db, { queueIds: [skilled.id, plain.id], skills: { legal: 2 }, capacity: { voice: 0, email: 2 }, at: t0 });
    const other = await makeAgent(ctx.db, { queueIds: [plain.id], capacity: { email: 1 }, at: at(-1), status: 'away' });
    await ctx.db.insertInto('offers').values({ interaction_id: declined.id, agent_id: agent, channel: 'email', created_at: at(5), expires_at: at(6), outcome: 'declined', decided_at: at(6) }).execute();
    const r = await matchNext(ctx.db, { agentId: agent }, at(10));
    expect(r).toMatchObject({ ok: true, interaction: { id: fine.id } });
    expect((await ctx.db.selectFrom('interactions').select('status').where('id', '=', voice.id).executeTakeFirstOrThrow()).status).toBe('queued');
    expect(await matchNext(ctx.db, { agentId: other }, at(11))).toEqual({ ok: false, reason: 'agent_unavailable' });
  });

  it('gives a freed agent what they passed on only when no one else eligible is free for it', async () => {
    const q = await queue();
    const a = await makeAgent(ctx.db, { queueIds: [q.id], capacity: { whatsapp: 2 }, at: at(-20) });
    const b = await makeAgent(ctx.db, { queueIds: [q.id], capacity: { whatsapp: 1 }, at: at(-10) });
    const i = await enqueue(q, 'whatsapp', t0);
    const first = await matchNext(ctx.db, { interactionId: i.id }, at(1));
    if (!first.ok) throw new Error(first.reason);
    await declineOffer(ctx.db, { offerId: first.offer.id, agentId: a, now: at(2) });
    // b is free and has not passed: the interaction is b's to take, not a's.
    expect(await matchNext(ctx.db, { agentId: a }, at(3))).toEqual({ ok: false, reason: 'no_waiting_interaction' });
    await setPresence(ctx.db, { agentId: b, status: 'away', now: at(4) });
    const again = await matchNext(ctx.db, { agentId: a }, at(5));
    expect(again).toMatchObject({ ok: true, offer: { agent_id: a }, interaction: { id: i.id } });
  });

  it('counts voice wrap-up against capacity, but not chat wrap-up', async () => {
    const q = await queue();
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], capacity: { voice: 1, webchat: 1 }, at: t0 });
    for (const channel of ['voice', 'webchat'] as const) {
      const first = await enqueue(q, channel, at(1));
      await enqueue(q, channel, at(2));
      const r = await matchNext(ctx.db, { interactionId: first.id }, at(3));
      if (!r.ok) throw new Error(r.reason);
      await acceptOffer(ctx.db, { offerId: r.offer.id, agentId: agent, now: at(4) });
      await ctx.db.updateTable('interactions').set({ status: 'wrap_up', wrap_up_at: at(5) }).where('id', '=', first.id).execute();
    }
    const next = await matchNext(ctx.db, { agentId: agent }, at(6));
    expect(next).toMatchObject({ ok: true, interaction: { channel: 'webchat' } });
  });

  it('refuses an agent who is away or at capacity on every channel', async () => {
    const q = await queue();
    const away = await makeAgent(ctx.db, { queueIds: [q.id], status: 'away', at: t0 });
    const none = await makeAgent(ctx.db, { queueIds: [q.id], capacity: {}, at: t0 });
    await enqueue(q, 'email', t0);
    const before = await routingState(ctx.db);
    expect(await matchNext(ctx.db, { agentId: away }, at(1))).toEqual({ ok: false, reason: 'agent_unavailable' });
    expect(await matchNext(ctx.db, { agentId: none }, at(1))).toEqual({ ok: false, reason: 'agent_unavailable' });
    expect(await routingState(ctx.db)).toEqual(before);
  });
});

describe('offers', () => {
  let q: Queue;
  let agent: string;
  let other: string;
  beforeAll(async () => {
    q = await queue({ offerTimeoutSeconds: 30 });
    agent = await makeAgent(ctx.db, { queueIds: [q.id], at: at(-1000) });
    other = await makeAgent(ctx.db, { queueIds: [], at: t0 });
  });

  async function offered() {
    const i = await enqueue(q, 'whatsapp', t0);
    const r = await matchNext(ctx.db, { interactionId: i.id }, at(1));
    if (!r.ok) throw new Error(r.reason);
    return r.offer;
  }

  it('accepts for the offered agent before expiry, once', async () => {
    const offer = await offered();
    const r = await acceptOffer(ctx.db, { offerId: offer.id, agentId: agent, now: at(10) });
    expect(r).toMatchObject({ ok: true, offer: { outcome: 'accepted', decided_at: at(10) }, interaction: { status: 'assigned', assigned_agent_id: agent, assigned_at: at(10) } });
    const before = await routingState(ctx.db);
    expect(await acceptOffer(ctx.db, { offerId: offer.id, agentId: agent, now: at(11) })).toEqual({ ok: false, reason: 'already_decided' });
    expect(await declineOffer(ctx.db, { offerId: offer.id, agentId: agent, now: at(11) })).toEqual({ ok: false, reason: 'already_decided' });
    expect(await expireOffer(ctx.db, { offerId: offer.id, now: at(99) })).toEqual({ ok: false, reason: 'already_decided' });
    expect(await routingState(ctx.db)).toEqual(before);
  });

  it('refuses another agent, an expired offer, an unknown one and an early expiry, changing nothing', async () => {
    const offer = await offered();
    const before = await routingState(ctx.db);
    expect(await acceptOffer(ctx.db, { offerId: offer.id, agentId: other, now: at(2) })).toEqual({ ok: false, reason: 'not_yours' });
    expect(await declineOffer(ctx.db, { offerId: offer.id, agentId: other, now: at(2) })).toEqual({ ok: false, reason: 'not_yours' });
    expect(await acceptOffer(ctx.db, { offerId: offer.id, agentId: agent, now: offer.expires_at })).toEqual({ ok: false, reason: 'expired' });
    expect(await acceptOffer(ctx.db, { offerId: '00000000-0000-0000-0000-000000000000', agentId: agent, now: at(2) })).toEqual({ ok: false, reason: 'not_found' });
    expect(await expireOffer(ctx.db, { offerId: offer.id, now: at(30) })).toEqual({ ok: false, reason: 'not_due' });
    expect(await routingState(ctx.db)).toEqual(before);
    expect(await expireOffer(ctx.db, { offerId: offer.id, now: at(31) })).toMatchObject({ ok: true, offer: { outcome: 'expired' }, interaction: { status: 'queued' } });
  });

  it('keeps at most one open offer per interaction, enforced by the database too', async () => {
    const offer = await offered();
    await expect(
      ctx.db.insertInto('offers').values({ interaction_id: offer.interaction_id, agent_id: other, channel: offer.channel, created_at: at(2), expires_at: at(30), outcome: null, decided_at: null }).execute(),
    ).rejects.toThrow(/offers_one_open_per_interaction_idx/);
  });

  it("counts an offer on its interaction's channel, which the database keeps equal to the interaction's", async () => {
    const offer = await offered();
    const { channel } = await ctx.db.selectFrom('interactions').select('channel').where('id', '=', offer.interaction_id).executeTakeFirstOrThrow();
    expect(offer.channel).toBe(channel);
    await ctx.db.updateTable('offers').set({ outcome: 'cancelled', decided_at: at(2) }).where('id', '=', offer.id).execute();
    const otherChannel = channel === 'voice' ? 'email' : 'voice';
    await expect(
      ctx.db.insertInto('offers').values({ interaction_id: offer.interaction_id, agent_id: agent, channel: otherChannel, created_at: at(2), expires_at: at(30), outcome: null, decided_at: null }).execute(),
    ).rejects.toThrow(/offers_interaction_channel_fkey/);
  });

  it('lets 10 racing accepts of one offer assign it exactly once', async () => {
    const offer = await offered();
    const results = await Promise.all(Array.from({ length: 10 }, () => acceptOffer(ctx.db, { offerId: offer.id, agentId: agent, now: at(3) })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(9).fill('already_decided'));
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM interaction_events WHERE interaction_id = ${offer.interaction_id} AND type = 'assigned'`.execute(ctx.db);
    expect(rows[0]?.n).toBe(1);
  });
});

describe('missed offers', () => {
  it('offers a lone agent the WhatsApp contact again after a miss, and sets them away after 2 misses in a row', async () => {
    const q = await queue({ offerTimeoutSeconds: 30 });
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], at: t0 });
    const i = await enqueue(q, 'whatsapp', at(1));
    const miss = async (now: Date) => {
      const offered = await matchNext(ctx.db, { interactionId: i.id }, now);
      if (!offered.ok) throw new Error(offered.reason);
      expect(offered.offer.agent_id).toBe(agent);
      return expireOffer(ctx.db, { offerId: offered.offer.id, now: offered.offer.expires_at, maxMissedOffers: 2 });
    };
    const first = await miss(at(2));
    expect(first).toMatchObject({ ok: true, offer: { outcome: 'expired' } });
    expect(first).not.toHaveProperty('awayForMissedOffers');
    const second = await miss(at(33));
    expect(second).toMatchObject({ ok: true, awayForMissedOffers: { status: 'away', reason: 'missed_offers', since: at(63) } });
    const periods = await ctx.db.selectFrom('agent_presence_periods').select(['status', 'reason', 'ended_at']).where('agent_id', '=', agent).orderBy('started_at').execute();
    expect(periods).toEqual([
      { status: 'offline', reason: null, ended_at: t0 },
      { status: 'available', reason: null, ended_at: at(63) },
      { status: 'away', reason: 'missed_offers', ended_at: null },
    ]);
    // Away: nobody to offer it to, so it waits (and that is no stranding: no one is available).
    expect(await matchNext(ctx.db, { interactionId: i.id }, at(64))).toEqual({ ok: false, reason: 'no_eligible_agent' });
    // Back: the notice goes, and the run starts again from zero.
    expect((await setPresence(ctx.db, { agentId: agent, status: 'available', now: at(70) }))?.presence).toMatchObject({ status: 'available', reason: null });
    expect(await miss(at(71))).not.toHaveProperty('awayForMissedOffers');
  });

  it('does not count declines (an answer breaks the run) nor set away when turned off', async () => {
    const q = await queue({ offerTimeoutSeconds: 30 });
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], capacity: { email: 5 }, at: t0 });
    const offerOne = async (now: Date) => {
      const i = await enqueue(q, 'email', now);
      const r = await matchNext(ctx.db, { interactionId: i.id }, now);
      if (!r.ok) throw new Error(r.reason);
      return r.offer;
    };
    const o1 = await offerOne(at(1));
    expect(await expireOffer(ctx.db, { offerId: o1.id, now: o1.expires_at, maxMissedOffers: 2 })).not.toHaveProperty('awayForMissedOffers');
    const o2 = await offerOne(at(40));
    await declineOffer(ctx.db, { offerId: o2.id, agentId: agent, now: at(41) });
    const o3 = await offerOne(at(50));
    expect(await expireOffer(ctx.db, { offerId: o3.id, now: o3.expires_at, maxMissedOffers: 2 })).not.toHaveProperty('awayForMissedOffers');
    const o4 = await offerOne(at(90));
    expect(await expireOffer(ctx.db, { offerId: o4.id, now: o4.expires_at, maxMissedOffers: 0 })).not.toHaveProperty('awayForMissedOffers');
    expect((await ctx.db.selectFrom('agent_presence').select('status').where('agent_id', '=', agent).executeTakeFirstOrThrow()).status).toBe('available');
  });
});

describe('offerToAgent (a supervisor assigns)', () => {
  it('offers a queued interaction to the chosen agent at once, over the longest-idle one', async () => {
    const q = await queue();
    await makeAgent(ctx.db, { queueIds: [q.id], capacity: { whatsapp: 0 }, at: at(-20) });
    const chosen = await makeAgent(ctx.db, { queueIds: [], at: at(-10) });
    const supervisor = { type: 'user' as const, id: chosen };
    const i = await enqueue(q, 'whatsapp', t0);
    const r = await offerToAgent(ctx.db, { interactionId: i.id, agentId: chosen, actor: supervisor, now: at(1) });
    expect(r).toMatchObject({ ok: true, withdrawn: null, offer: { agent_id: chosen, outcome: null }, interaction: { status: 'offered' } });
    expect((await listInteractionEvents(ctx.db, i.id)).at(-1)?.data).toMatchObject({ agentId: chosen, matchedBy: 'supervisor' });
  });

  it('withdraws an open offer to someone else first; refuses the same agent again', async () => {
    const q = await queue();
    const first = await makeAgent(ctx.db, { queueIds: [q.id], at: at(-20) });
    const chosen = await makeAgent(ctx.db, { queueIds: [], at: at(-10) });
    const actor = { type: 'user' as const, id: chosen };
    const i = await enqueue(q, 'email', t0);
    const open = await matchNext(ctx.db, { interactionId: i.id }, at(1));
    if (!open.ok) throw new Error(open.reason);
    const r = await offerToAgent(ctx.db, { interactionId: i.id, agentId: chosen, actor, now: at(2) });
    expect(r).toMatchObject({ ok: true, withdrawn: { id: open.offer.id, agent_id: first, outcome: 'cancelled' }, offer: { agent_id: chosen } });
    expect((await listInteractionEvents(ctx.db, i.id)).map((e) => e.type)).toEqual(['enqueued', 'offered', 'offer_cancelled', 'offered']);
    expect(await offerToAgent(ctx.db, { interactionId: i.id, agentId: chosen, actor, now: at(3) })).toEqual({ ok: false, reason: 'already_offered' });
  });

  it('refuses, changing nothing: an unknown interaction, one not waiting, a non-agent, an agent away or without a free slot', async () => {
    const q = await queue();
    const away = await makeAgent(ctx.db, { queueIds: [], at: t0, status: 'away' });
    const full = await makeAgent(ctx.db, { queueIds: [], capacity: { voice: 1 }, at: t0 });
    const ok = await makeAgent(ctx.db, { queueIds: [], at: t0 });
    const actor = { type: 'user' as const, id: ok };
    const i = await enqueue(q, 'whatsapp', t0);
    const assigned = await enqueue(q, 'email', t0);
    await ctx.db.updateTable('interactions').set({ status: 'assigned', assigned_agent_id: ok, assigned_at: t0 }).where('id', '=', assigned.id).execute();
    const before = await routingState(ctx.db);
    const offer = (interactionId: string, agentId: string) => offerToAgent(ctx.db, { interactionId, agentId, actor, now: at(1) });
    expect(await offer('00000000-0000-0000-0000-000000000000', ok)).toEqual({ ok: false, reason: 'not_found' });
    expect(await offer(assigned.id, ok)).toEqual({ ok: false, reason: 'wrong_status' });
    expect(await offer(i.id, '00000000-0000-0000-0000-000000000000')).toEqual({ ok: false, reason: 'not_an_agent' });
    expect(await offer(i.id, away)).toEqual({ ok: false, reason: 'agent_unavailable' });
    expect(await offer(i.id, full)).toEqual({ ok: false, reason: 'no_free_slot' });
    expect(await routingState(ctx.db)).toEqual(before);
  });
});
