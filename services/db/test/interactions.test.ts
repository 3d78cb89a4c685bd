import { describe, expect, it } from 'vitest';
import { abandonInteraction, closeInteraction, createInteraction, findOpenInteraction, overflowInteraction, transferInteraction, wrapUpInteraction } from '../src/repositories/interactions';
import { listInteractionEvents } from '../src/repositories/interaction-events';
import { matchNext } from '../src/repositories/matching';
import { acceptOffer, getOffer } from '../src/repositories/offers';
import { setPresence } from '../src/repositories/presence';
import { createQueue } from '../src/repositories/queues';
import { queueStats } from '../src/repositories/queue-stats';
import { insertMessage, updateDeliveryStatus } from '../src/repositories/messages';
import type { Queue } from '../src/tables/queues';
import { makeAgent, makeCustomer, routingState } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();
const t0 = new Date('2026-11-23T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

let n = 0;
const queue = (opts: Partial<Parameters<typeof createQueue>[1]> = {}): Promise<Queue> =>
  createQueue(ctx.db, { name: `iq${++n}`, channels: ['voice', 'whatsapp', 'email', 'webchat'], ...opts });

async function enqueue(q: Queue, channel: 'voice' | 'whatsapp' | 'email' | 'webchat', when: Date) {
  const r = await createInteraction(ctx.db, { customerId: await makeCustomer(ctx.db), queueId: q.id, channel, subject: 'Invoice', context: { callSid: 'CA1' } }, when);
  if (!r.ok) throw new Error(r.reason);
  return r.interaction;
}

/** An interaction assigned to a fresh agent of a fresh queue. */
async function assigned(channel: 'voice' | 'whatsapp' = 'voice') {
  const q = await queue();
  const agent = await makeAgent(ctx.db, { queueIds: [q.id], at: t0 });
  const i = await enqueue(q, channel, at(1));
  const m = await matchNext(ctx.db, { interactionId: i.id }, at(2));
  if (!m.ok) throw new Error(m.reason);
  const a = await acceptOffer(ctx.db, { offerId: m.offer.id, agentId: agent, now: at(3) });
  if (!a.ok) throw new Error(a.reason);
  return { q, agent, interaction: a.interaction };
}

describe('findOpenInteraction', () => {
  it('finds the live interaction of a customer on a channel, not ended ones or other channels', async () => {
    const q = await queue();
    const customerId = await makeCustomer(ctx.db);
    const r = await createInteraction(ctx.db, { customerId, queueId: q.id, channel: 'whatsapp' }, t0);
    if (!r.ok) throw new Error(r.reason);
    expect((await findOpenInteraction(ctx.db, customerId, 'whatsapp'))?.id).toBe(r.interaction.id);
    expect(await findOpenInteraction(ctx.db, customerId, 'email')).toBeUndefined();
    await abandonInteraction(ctx.db, { interactionId: r.interaction.id, now: at(1) });
    expect(await findOpenInteraction(ctx.db, customerId, 'whatsapp')).toBeUndefined();
  });
});

describe('abandonInteraction', () => {
  it('ends a waiting interaction and cancels its open offer, freeing the slot', async () => {
    const q = await queue();
    const agent = await makeAgent(ctx.db, { queueIds: [q.id], capacity: { voice: 1 }, at: t0 });
    const i = await enqueue(q, 'voice', at(1));
    const m = await matchNext(ctx.db, { interactionId: i.id }, at(2));
    if (!m.ok) throw new Error(m.reason);
    expect(await abandonInteraction(ctx.db, { interactionId: i.id, now: at(9) })).toMatchObject({ ok: true, interaction: { status: 'abandoned', abandoned_at: at(9) } });
    expect((await getOffer(ctx.db, m.offer.id))?.outcome).toBe('cancelled');
    const next = await enqueue(q, 'voice', at(10));
    expect(await matchNext(ctx.db, { agentId: agent }, at(11))).toMatchObject({ ok: true, interaction: { id: next.id } });
    const events = await listInteractionEvents(ctx.db, i.id);
    expect(events.at(-1)).toMatchObject({ type: 'abandoned', actor_type: 'customer', data: { waitedSeconds: 8, cancelledOfferId: m.offer.id } });
  });

  it('refuses an assigned or unknown interaction, changing nothing', async () => {
    const { interaction } = await assigned();
    const before = await routingState(ctx.db);
    expect(await abandonInteraction(ctx.db, { interactionId: interaction.id, now: at(5) })).toEqual({ ok: false, reason: 'wrong_status' });
    expect(await abandonInteraction(ctx.db, { interactionId: '00000000-0000-0000-0000-000000000000', now: at(5) })).toEqual({ ok: false, reason: 'not_found' });
    expect(await routingState(ctx.db)).toEqual(before);
  });
});

describe('wrap-up and close', () => {
  it('goes assigned → wrap_up → closed for the assigned agent', async () => {
    const { agent, interaction } = await assigned();
    expect(await wrapUpInteraction(ctx.db, { interactionId: interaction.id, agentId: agent, now: at(60) })).toMatchObject({ ok: true, interaction: { status: 'wrap_up', wrap_up_at: at(60) } });
    expect(await closeInteraction(ctx.db, { interactionId: interaction.id, actor: { type: 'user', id: agent }, now: at(90) })).toMatchObject({ ok: true, interaction: { status: 'closed', closed_at: at(90) } });
    expect((await listInteractionEvents(ctx.db, interaction.id)).map((e) => e.type)).toEqual(['enqueued', 'offered', 'assigned', 'wrap_up', 'closed']);
  });

  it('lets the system close an assigned interaction directly (the caller hung up)', async () => {
    const { interaction } = await assigned();
    expect(await closeInteraction(ctx.db, { interactionId: interaction.id, actor: { type: 'system', id: null }, now: at(30) })).toMatchObject({ ok: true });
  });

  it('refuses another agent, a second wrap-up, closing a closed one and an unknown one, changing nothing', async () => {
    const { agent, interaction } = await assigned();
    const stranger = await makeAgent(ctx.db, { queueIds: [], at: t0 });
    await wrapUpInteraction(ctx.db, { interactionId: interaction.id, agentId: agent, now: at(60) });
    const before = await routingState(ctx.db);
    expect(await wrapUpInteraction(ctx.db, { interactionId: interaction.id, agentId: stranger, now: at(61) })).toEqual({ ok: false, reason: 'not_yours' });
    expect(await wrapUpInteraction(ctx.db, { interactionId: interaction.id, agentId: agent, now: at(61) })).toEqual({ ok: false, reason: 'wrong_status' });
    expect(await closeInteraction(ctx.db, { interactionId: interaction.id, actor: { type: 'user', id: stranger }, now: at(61) })).toEqual({ ok: false, reason: 'not_yours' });
    expect(await closeInteraction(ctx.db, { interactionId: '00000000-0000-0000-0000-000000000000', actor: { type: 'system', id: null }, now: at(61) })).toEqual({ ok: false, reason: 'not_found' });
    expect(await routingState(ctx.db)).toEqual(before);
    await closeInteraction(ctx.db, { interactionId: interaction.id, actor: { type: 'user', id: agent }, now: at(62) });
    expect(await closeInteraction(ctx.db, { interactionId: interaction.id, actor: { type: 'user', id: agent }, now: at(63) })).toEqual({ ok: false, reason: 'wrong_status' });
  });

  it('refuses to close a waiting interaction', async () => {
    const q = await queue();
    const i = await enqueue(q, 'email', t0);
    expect(await closeInteraction(ctx.db, { interactionId: i.id, actor: { type: 'system', id: null }, now: at(1) })).toEqual({ ok: false, reason: 'wrong_status' });
  });
});

describe('transferInteraction', () => {
  it('to a queue: ends the interaction as transferred and starts a new one waiting there', async () => {
    const { agent, interaction } = await assigned();
    const target = await queue({ priority: 3 });
    const r = await transferInteraction(ctx.db, { interactionId: interaction.id, agentId: agent, to: { queueId: target.id }, now: at(50) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.from).toMatchObject({ status: 'transferred', closed_at: at(50), assigned_agent_id: agent });
    expect(r.interaction).toMatchObject({
      status: 'queued',
      queue_id: target.id,
      priority: 3,
      enqueued_at: at(50),
      transferred_from_id: interaction.id,
      customer_id: interaction.customer_id,
      subject: 'Invoice',
      context: { callSid: 'CA1' },
    });
    expect(r.offer).toBeNull();
    expect((await listInteractionEvents(ctx.db, interaction.id)).at(-1)).toMatchObject({ type: 'transferred', data: { toInteractionId: r.interaction.id, queueId: target.id } });
  });

  it('to an agent: offers the new interaction to them at once', async () => {
    const { agent, interaction } = await assigned();
    const colleague = await makeAgent(ctx.db, { queueIds: [], at: t0 });
    const r = await transferInteraction(ctx.db, { interactionId: interaction.id, agentId: agent, to: { agentId: colleague }, now: at(50) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.interaction).toMatchObject({ status: 'offered', queue_id: interaction.queue_id });
    expect(r.offer).toMatchObject({ agent_id: colleague, outcome: null });
    expect(await acceptOffer(ctx.db, { offerId: r.offer!.id, agentId: colleague, now: at(51) })).toMatchObject({ ok: true });
  });

  it('refuses an unavailable or full target agent, a queue without the channel, a stranger, changing nothing', async () => {
    const { agent, interaction } = await assigned('voice');
    const away = await makeAgent(ctx.db, { queueIds: [], status: 'away', at: t0 });
    const noVoice = await makeAgent(ctx.db, { queueIds: [], capacity: { email: 3 }, at: t0 });
    const emailOnly = await queue({ channels: ['email'] });
    const before = await routingState(ctx.db);
    const transfer = (to: { queueId: string } | { agentId: string }, by = agent) => transferInteraction(ctx.db, { interactionId: interaction.id, agentId: by, to, now: at(50) });
    expect(await transfer({ agentId: away })).toEqual({ ok: false, reason: 'agent_unavailable' });
    expect(await transfer({ agentId: noVoice })).toEqual({ ok: false, reason: 'agent_unavailable' });
    expect(await transfer({ agentId: agent })).toEqual({ ok: false, reason: 'same_agent' });
    expect(await transfer({ queueId: emailOnly.id })).toEqual({ ok: false, reason: 'channel_not_served' });
    expect(await transfer({ queueId: '00000000-0000-0000-0000-000000000000' })).toEqual({ ok: false, reason: 'no_such_queue' });
    expect(await transfer({ queueId: emailOnly.id }, away)).toEqual({ ok: false, reason: 'not_yours' });
    expect(await routingState(ctx.db)).toEqual(before);
  });
});

describe('overflowInteraction', () => {
  it('moves a waiting interaction to the overflow queue once due, keeping its place in line', async () => {
    const spill = await queue({ channels: ['voice'] });
    const main = await queue({ overflow: { queueId: spill.id, afterSeconds: 60 } });
    const i = await enqueue(main, 'voice', t0);
    const before = await routingState(ctx.db);
    expect(await overflowInteraction(ctx.db, { interactionId: i.id, now: at(59) })).toEqual({ ok: false, reason: 'not_due' });
    expect(await routingState(ctx.db)).toEqual(before);
    expect(await overflowInteraction(ctx.db, { interactionId: i.id, now: at(60) })).toMatchObject({ ok: true, interaction: { queue_id: spill.id, enqueued_at: t0, status: 'queued' } });
    expect((await listInteractionEvents(ctx.db, i.id)).at(-1)).toMatchObject({ type: 'overflowed', data: { fromQueueId: main.id, toQueueId: spill.id } });
  });

  it('refuses without an overflow rule, while offered, or when the overflow queue lacks the channel', async () => {
    const plain = await queue();
    const emailOnly = await queue({ channels: ['email'] });
    const main = await queue({ overflow: { queueId: emailOnly.id, afterSeconds: 1 } });
    const a = await enqueue(plain, 'voice', t0);
    const b = await enqueue(main, 'voice', t0);
    await makeAgent(ctx.db, { queueIds: [main.id], at: t0 });
    const c = await enqueue(main, 'email', t0);
    expect((await matchNext(ctx.db, { interactionId: c.id }, at(1))).ok).toBe(true);
    const before = await routingState(ctx.db);
    expect(await overflowInteraction(ctx.db, { interactionId: a.id, now: at(600) })).toEqual({ ok: false, reason: 'no_overflow' });
    expect(await overflowInteraction(ctx.db, { interactionId: b.id, now: at(600) })).toEqual({ ok: false, reason: 'channel_not_served' });
    expect(await overflowInteraction(ctx.db, { interactionId: c.id, now: at(600) })).toEqual({ ok: false, reason: 'wrong_status' });
    expect(await overflowInteraction(ctx.db, { interactionId: '00000000-0000-0000-0000-000000000000', now: at(600) })).toEqual({ ok: false, reason: 'not_found' });
    expect(await routingState(ctx.db)).toEqual(before);
  });
});

describe('queueStats', () => {
  it('computes waiting, longest wait, service level, ASA, abandonment and agents per contact-center-metrics.md', async () => {
    const q = await queue({ slaTargetSeconds: 20 });
    const a1 = await makeAgent(ctx.db, { queueIds: [q.id], capacity: { email: 10 }, at: t0 });
    const a2 = await makeAgent(ctx.db, { queueIds: [q.id], at: t0 });
    await setPresence(ctx.db, { agentId: a2, status: 'away', now: t0 });
    await makeAgent(ctx.db, { queueIds: [q.id], status: 'offline', at: t0 });
    const answer = async (enqueuedS: number, answeredS: number) => {
      const i = await enqueue(q, 'email', at(enqueuedS));
      const m = await matchNext(ctx.db, { interactionId: i.id }, at(answeredS));
      if (!m.ok) throw new Error(m.reason);
      await acceptOffer(ctx.db, { offerId: m.offer.id, agentId: a1, now: at(answeredS) });
    };
    await answer(0, 10); // in time
    await answer(0, 20); // in time (exactly T)
    await answer(0, 50); // late
    await abandonInteraction(ctx.db, { interactionId: (await enqueue(q, 'email', at(0))).id, now: at(2) }); // short, before T
    await abandonInteraction(ctx.db, { interactionId: (await enqueue(q, 'email', at(0))).id, now: at(40) }); // after T
    await enqueue(q, 'email', at(100));
    await enqueue(q, 'email', at(130));
    const s = await queueStats(ctx.db, q.id, at(160));
    expect(s).toMatchObject({
      waiting: 2,
      longestWaitSeconds: 60,
      answered: 3,
      answeredInTime: 2,
      abandoned: 2,
      abandonedAfterThreshold: 1,
      shortAbandons: 1,
      serviceLevelPercent: 50, // 2 ÷ (3 + 1): the abandon before T is excluded
      averageSpeedOfAnswerSeconds: (10 + 20 + 50) / 3,
      abandonmentRatePercent: 25, // 1 ÷ (3 + 1): the 2 s abandon is short
      agentsAvailable: 1,
      agentsStaffed: 2,
      since: new Date('2026-11-22T23:00:00Z'), // midnight in Madrid
    });
    expect(await queueStats(ctx.db, q.id, at(160), at(30))).toMatchObject({ answered: 1, abandoned: 1, serviceLevelPercent: 0 });
    expect(await queueStats(ctx.db, '00000000-0000-0000-0000-000000000000', at(160))).toBeUndefined();
  });
});

describe('messages', () => {
  it('stores a provider message once, however often the webhook retries, and records status callbacks', async () => {
    const customerId = await makeCustomer(ctx.db);
    const msg = { interaction_id: null, customer_id: customerId, direction: 'inbound' as const, channel: 'whatsapp' as const, agent_id: null, body: 'Hola', media: null, location: JSON.stringify({ latitude: 40.4, longitude: -3.7, label: null }), provider: 'twilio', provider_message_id: 'SM1', delivery_status: 'received' as const, error_code: null };
    const first = await insertMessage(ctx.db, msg);
    const again = await insertMessage(ctx.db, { ...msg, body: 'changed' });
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.message).toMatchObject({ id: first.message.id, body: 'Hola', location: { latitude: 40.4 } });
    const updated = await updateDeliveryStatus(ctx.db, { provider: 'twilio', providerMessageId: 'SM1', status: 'delivered', errorCode: null, now: at(5) });
    expect(updated).toMatchObject({ changed: true, message: { delivery_status: 'delivered', updated_at: at(5) } });
    const late = await updateDeliveryStatus(ctx.db, { provider: 'twilio', providerMessageId: 'SM1', status: 'sent', errorCode: null, now: at(6) });
    expect(late).toMatchObject({ changed: false, message: { delivery_status: 'delivered', updated_at: at(5) } });
    expect(await updateDeliveryStatus(ctx.db, { provider: 'twilio', providerMessageId: 'nope', status: 'read', errorCode: null, now: at(5) })).toBeUndefined();
  });
});
