import { beforeAll, describe, expect, it } from 'vitest';
import { recordInteractionEvent } from '@cc/db/repositories/interaction-events';
import { useTestApi } from '../support/api';
import { createQueue, ops } from '../support/routing-fixtures';
import { buildWorld, gid, type World } from '../support/authorization/world';

// The customer rule of authorization/policy.ts, end to end: an agent sees a customer's whole
// history only while on one of the customer's contacts; afterwards only what they took part in;
// an agent never involved sees nothing — not through customer(id), nor an interaction's customer.
const t = useTestApi();
let sup: string;
let queueGid: string;
const agents: Record<'ana' | 'bea' | 'carl', { token: string; userId: string }> = {} as never;
let world: World;
let beasInteraction: string;

const customerQuery = `query($id: ID!) { customer(id: $id) { id timeline { __typename ... on Message { body } ... on InteractionEvent { type data } } interactions { id } } }`;
type CustomerResult = { customer: { timeline: { __typename: string; body?: string; type?: string; data?: { text?: string } }[]; interactions: { id: string }[] } | null };

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
  queueGid = await createQueue(t, sup, { name: 'Visibility', channels: ['VOICE', 'WHATSAPP', 'EMAIL', 'WEBCHAT'] });
  const queueId = Buffer.from(queueGid, 'base64').toString().split(':')[1]!;
  for (const name of ['ana', 'bea', 'carl'] as const) {
    agents[name] = await t.signIn('agent', `${name}@visibility.test`);
    const capacity = ['VOICE', 'WHATSAPP', 'EMAIL', 'WEBCHAT'].map((channel) => ({ channel, slots: 5 }));
    await t.gql(ops.saveAgent, { input: { userId: gid('User', agents[name].userId), queueIds: [queueGid], skills: [], capacity } }, sup);
  }
  // Ana holds this customer's contacts; Bea handled an earlier email of the same customer, with a private note.
  world = await buildWorld(t.api.services.db, { queueId, agentId: agents.ana.userId });
  const db = t.api.services.db;
  const earlier = await buildWorld(db, { queueId, agentId: agents.bea.userId });
  await db.updateTable('interactions').set({ customer_id: world.customerId, status: 'closed', closed_at: new Date() }).where('customer_id', '=', earlier.customerId).execute();
  await db.updateTable('messages').set({ customer_id: world.customerId, body: 'Bea wrote this' }).where('customer_id', '=', earlier.customerId).execute();
  await db.updateTable('pushes').set({ customer_id: world.customerId }).where('customer_id', '=', earlier.customerId).execute();
  beasInteraction = earlier.interactions.email;
  await recordInteractionEvent(db, { interactionId: beasInteraction, type: 'note', actor: { type: 'user', id: agents.bea.userId }, data: { text: 'supervisor-only remark' }, at: new Date() });
});

const ask = (token: string) => t.gql<CustomerResult>(customerQuery, { id: gid('Customer', world.customerId) }, token);
const notes = (r: CustomerResult) => r.customer!.timeline.filter((e) => e.type === 'note').map((e) => e.data?.text);

describe('who sees a customer', () => {
  it('the agent on one of the customer’s contacts sees the whole history, other agents’ notes included', async () => {
    const res = await ask(agents.ana.token);
    expect(res.errors).toBeUndefined();
    expect(notes(res.data!)).toContain('supervisor-only remark');
    expect(res.data!.customer!.timeline.some((e) => e.body === 'Bea wrote this')).toBe(true);
  });

  it('an agent who only took part earlier sees their own interactions, nothing of the rest', async () => {
    const res = await ask(agents.bea.token);
    expect(res.errors).toBeUndefined();
    const ids = res.data!.customer!.interactions.map((i) => i.id);
    expect(ids).toContain(gid('Interaction', beasInteraction));
    expect(ids).not.toContain(gid('Interaction', world.interactions.voice));
    // Her own note and message are there; none of Ana's live contacts' events are.
    expect(notes(res.data!)).toContain('supervisor-only remark');
    const anasMessages = await t.api.services.db.selectFrom('messages').select('id').where('interaction_id', '=', world.interactions.voice).execute();
    expect(anasMessages.length).toBeGreaterThan(0);
    expect(res.data!.customer!.timeline.filter((e) => e.body === 'Your order')).toHaveLength(0);
  });

  it('an agent never involved is refused, however they ask', async () => {
    const direct = await ask(agents.carl.token);
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(direct.data?.customer ?? null).toBeNull();
    const viaInteraction = await t.gql(`query($id: ID!) { interaction(id: $id) { customer { id } } }`, { id: gid('Interaction', world.interactions.voice) }, agents.carl.token);
    expect(viaInteraction.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const lookup = await t.gql(`mutation { identifyCustomer(input: { kind: PHONE, value: "+34611000000" }) { __typename } }`, {}, agents.carl.token);
    expect(lookup.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('once the contact ends, the agent who held it keeps only what they took part in', async () => {
    await t.api.services.db.updateTable('interactions').set({ status: 'closed' }).where('customer_id', '=', world.customerId).where('assigned_agent_id', '=', agents.ana.userId).execute();
    await t.api.services.db.updateTable('offers').set({ outcome: 'declined', decided_at: new Date() }).where('interaction_id', '=', world.interactions.offered).execute();
    const res = await ask(agents.ana.token);
    expect(res.errors).toBeUndefined();
    expect(notes(res.data!)).not.toContain('supervisor-only remark');
    expect(res.data!.customer!.timeline.some((e) => e.body === 'Bea wrote this')).toBe(false);
  });

  it('supervisors see everything', async () => {
    const res = await ask(sup);
    expect(notes(res.data!)).toContain('supervisor-only remark');
    expect(res.data!.customer!.interactions).toHaveLength(10);
  });
});
