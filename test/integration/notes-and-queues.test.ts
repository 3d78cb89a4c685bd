import { describe, expect, it, beforeAll } from 'vitest';
import { useTestApi } from '../support/api';
import { createAgent, createQueue, enqueue, newCustomer, ops } from '../support/routing-fixtures';
import { until } from '../support/until';

// Private notes on an interaction, and supervisors editing queue settings.
const t = useTestApi({ worker: true });
let sup: string;

beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
});

const addNote = `mutation($input: AddInteractionNoteInput!) { addInteractionNote(input: $input) {
  __typename ... on Error { message } ... on InteractionPayload { interaction { id } } } }`;
const events = `query($id: ID!) { interaction(id: $id) { events { type data } } }`;
const updateQueue = `mutation($input: UpdateQueueInput!) { updateQueue(input: $input) {
  __typename ... on Error { message } ... on QueuePayload { queue { id name slaTargetSeconds offerTimeoutSeconds priority timezone closedAutoReply overflowQueue { id } overflowAfterSeconds } } } }`;
const updateRouting = `mutation($input: UpdateQueueInput!) { updateQueue(input: $input) {
  __typename ... on Error { message } ... on QueuePayload { queue { id channels requiredSkills { skill level } businessHours timezone open } } } }`;
const queueQuery = `query($id: ID!) { node(id: $id) { ... on Queue { name slaTargetSeconds timezone overflowQueue { id } } } }`;

type NoteResult = { addInteractionNote: { __typename: string; message?: string } };

async function noteEvents(id: string) {
  const res = await t.gql<{ interaction: { events: { type: string; data: { text?: string } }[] } }>(events, { id }, sup);
  return res.data!.interaction.events.filter((e) => e.type === 'note');
}

describe('private notes', () => {
  let interactionId: string;
  let customerId: string;
  let holder: { token: string };

  beforeAll(async () => {
    const queueId = await createQueue(t, sup, { name: 'Notes', channels: ['WHATSAPP'] });
    holder = await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: 1 } });
    customerId = await newCustomer(t, sup);
    interactionId = await enqueue(t, sup, { customerId, queueId, channel: 'WHATSAPP' });
    const offers = await until(
      async () => (await t.gql<{ myOffers: { id: string; interaction: { id: string } }[] }>('{ myOffers { id interaction { id } } }', {}, holder.token)).data?.myOffers ?? [],
      (list) => list.some((o) => o.interaction.id === interactionId),
    );
    const offer = offers.find((o) => o.interaction.id === interactionId)!;
    const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offer.id }, holder.token);
    expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');
  });

  it('a note by the holding agent is on the interaction’s events and the customer’s timeline', async () => {
    const res = await t.gql<NoteResult>(addNote, { input: { interactionId, text: '  Customer prefers mornings  ' } }, holder.token);
    expect(res.data?.addInteractionNote.__typename).toBe('InteractionPayload');
    expect(await noteEvents(interactionId)).toEqual([{ type: 'note', data: { text: 'Customer prefers mornings' } }]);

    const timeline = await t.gql<{ customer: { timeline: { __typename: string; type?: string; data?: { text?: string }; interaction?: { id: string } }[] } }>(
      `query($id: ID!) { customer(id: $id) { timeline { __typename ... on InteractionEvent { type data interaction { id } } } } }`,
      { id: customerId },
      holder.token,
    );
    const notes = timeline.data!.customer.timeline.filter((i) => i.type === 'note');
    expect(notes).toEqual([{ __typename: 'InteractionEvent', type: 'note', data: { text: 'Customer prefers mornings' }, interaction: { id: interactionId } }]);
  });

  it('another agent is refused and nothing is written', async () => {
    const otherQueue = await createQueue(t, sup, { name: 'Other', channels: ['VOICE'] });
    const other = await createAgent(t, sup, { queueIds: [otherQueue], capacity: { voice: 1 } });
    const before = await noteEvents(interactionId);
    const res = await t.gql<NoteResult>(addNote, { input: { interactionId, text: 'not mine' } }, other.token);
    expect(res.data?.addInteractionNote.__typename).toBe('NotYourInteractionError');
    expect(await noteEvents(interactionId)).toEqual(before);
  });

  it('an empty note is a ValidationError', async () => {
    const before = await noteEvents(interactionId);
    const res = await t.gql<NoteResult>(addNote, { input: { interactionId, text: '   ' } }, holder.token);
    expect(res.data?.addInteractionNote.__typename).toBe('ValidationError');
    const long = await t.gql<NoteResult>(addNote, { input: { interactionId, text: 'x'.repeat(4001) } }, holder.token);
    expect(long.data?.addInteractionNote.__typename).toBe('ValidationError');
    expect(await noteEvents(interactionId)).toEqual(before);
  });

  it('a supervisor may add a note', async () => {
    const res = await t.gql<NoteResult>(addNote, { input: { interactionId, text: 'Checked by QA' } }, sup);
    expect(res.data?.addInteractionNote.__typename).toBe('InteractionPayload');
    expect((await noteEvents(interactionId)).map((e) => e.data.text)).toContain('Checked by QA');
  });
});

describe('updateQueue', () => {
  type Payload = { updateQueue: { __typename: string; message?: string; queue?: Record<string, unknown> } };

  it('a supervisor changes the settings', async () => {
    const id = await createQueue(t, sup, { name: 'Editable', channels: ['VOICE'] });
    const backup = await createQueue(t, sup, { name: 'Editable backup', channels: ['VOICE'] });
    const res = await t.gql<Payload>(updateQueue, {
      input: { queueId: id, name: ' Edited ', slaTargetSeconds: 45, offerTimeoutSeconds: 20, priority: 3, timezone: 'America/Bogota', closedAutoReply: 'We are closed', overflowQueueId: backup, overflowAfterSeconds: 60 },
    }, sup);
    expect(res.data?.updateQueue).toEqual({
      __typename: 'QueuePayload',
      queue: { id, name: 'Edited', slaTargetSeconds: 45, offerTimeoutSeconds: 20, priority: 3, timezone: 'America/Bogota', closedAutoReply: 'We are closed', overflowQueue: { id: backup }, overflowAfterSeconds: 60 },
    });
    const cleared = await t.gql<Payload>(updateQueue, { input: { queueId: id, overflowQueueId: null, overflowAfterSeconds: null } }, sup);
    expect(cleared.data?.updateQueue.queue).toMatchObject({ name: 'Edited', overflowQueue: null, overflowAfterSeconds: null });
  });

  it('an agent is forbidden', async () => {
    const id = await createQueue(t, sup, { name: 'Agents cannot edit', channels: ['VOICE'] });
    const agent = await createAgent(t, sup, { queueIds: [id], capacity: { voice: 1 }, available: false });
    const res = await t.gql<Payload>(updateQueue, { input: { queueId: id, name: 'Hijacked' } }, agent.token);
    expect((res.errors as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const row = await t.gql<{ node: { name: string } }>(queueQuery, { id }, sup);
    expect(row.data?.node.name).toBe('Agents cannot edit');
  });

  it('an invalid time zone or overflowing to itself is a typed error and changes nothing', async () => {
    const id = await createQueue(t, sup, { name: 'Strict', channels: ['VOICE'], slaTargetSeconds: 30 });
    const tz = await t.gql<Payload>(updateQueue, { input: { queueId: id, name: 'Renamed', timezone: 'Mars/Olympus' } }, sup);
    expect(tz.data?.updateQueue.__typename).toBe('ValidationError');
    const self = await t.gql<Payload>(updateQueue, { input: { queueId: id, slaTargetSeconds: 10, overflowQueueId: id, overflowAfterSeconds: 30 } }, sup);
    expect(self.data?.updateQueue).toMatchObject({ __typename: 'InvalidRoutingSettingError', message: expect.stringContaining('itself') });
    const half = await t.gql<Payload>(updateQueue, { input: { queueId: id, overflowAfterSeconds: 30 } }, sup);
    expect(half.data?.updateQueue.__typename).toBe('InvalidRoutingSettingError');
    const row = await t.gql<{ node: { name: string; slaTargetSeconds: number; timezone: string; overflowQueue: null } }>(queueQuery, { id }, sup);
    expect(row.data?.node).toEqual({ name: 'Strict', slaTargetSeconds: 30, timezone: 'Europe/Madrid', overflowQueue: null });
  });

  type Routing = { updateQueue: { __typename: string; message?: string; queue?: { id: string; channels: string[]; requiredSkills: { skill: string; level: number }[]; businessHours: unknown; timezone: string; open: boolean } } };
  const routingOf = async (id: string) =>
    (await t.gql<{ node: Record<string, unknown> }>(`query($id: ID!) { node(id: $id) { ... on Queue { channels requiredSkills { skill level } businessHours timezone } } }`, { id }, sup)).data?.node;

  it('channels, required skills, business hours and time zone change together and read back', async () => {
    const id = await createQueue(t, sup, { name: 'Routing', channels: ['VOICE'] });
    const hours = { mon: [{ open: '09:00', close: '14:00' }, { open: '16:00', close: '19:00' }], sat: [{ open: '22:00', close: '02:00' }] };
    const res = await t.gql<Routing>(updateRouting, {
      input: { queueId: id, channels: ['VOICE', 'WHATSAPP'], requiredSkills: [{ skill: ' ventas ', level: 3 }, { skill: 'inglés', level: 1 }], businessHours: hours, timezone: 'America/Bogota' },
    }, sup);
    expect(res.data?.updateQueue).toMatchObject({
      __typename: 'QueuePayload',
      queue: { id, channels: ['VOICE', 'WHATSAPP'], requiredSkills: [{ skill: 'ventas', level: 3 }, { skill: 'inglés', level: 1 }], businessHours: hours, timezone: 'America/Bogota' },
    });
    expect(await routingOf(id)).toEqual({ channels: ['VOICE', 'WHATSAPP'], requiredSkills: [{ skill: 'ventas', level: 3 }, { skill: 'inglés', level: 1 }], businessHours: hours, timezone: 'America/Bogota' });

    // Back to always open, no skills: null hours and an empty list clear them.
    const cleared = await t.gql<Routing>(updateRouting, { input: { queueId: id, businessHours: null, requiredSkills: [] } }, sup);
    expect(cleared.data?.updateQueue.queue).toMatchObject({ requiredSkills: [], businessHours: null, open: true, channels: ['VOICE', 'WHATSAPP'] });
  });

  it('no channel, a skill level out of range, a bad time or weekday, or hours that are not per weekday are refused and change nothing', async () => {
    const id = await createQueue(t, sup, { name: 'Routing strict', channels: ['EMAIL'], requiredSkills: [{ skill: 'soporte', level: 2 }] });
    const before = await routingOf(id);
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ channels: [] }, 'ValidationError', /at least one channel/],
      [{ requiredSkills: [{ skill: 'ventas', level: 9 }] }, 'InvalidRoutingSettingError', /levels are whole numbers from 1 to 5/],
      [{ businessHours: { mon: [{ open: '25:00', close: '18:00' }] } }, 'InvalidRoutingSettingError', /not a time of day/],
      [{ businessHours: { mon: [{ open: '09:00', close: '09:00' }] } }, 'InvalidRoutingSettingError', /empty window/],
      [{ businessHours: { funday: [{ open: '09:00', close: '18:00' }] } }, 'ValidationError', /./],
      [{ businessHours: 5 }, 'ValidationError', /per weekday/],
      [{ businessHours: { mon: '09:00-18:00' } }, 'ValidationError', /./],
    ];
    for (const [change, typename, message] of refusals) {
      const res = await t.gql<Routing>(updateRouting, { input: { queueId: id, name: 'Changed anyway?', ...change } }, sup);
      expect(res.data?.updateQueue, JSON.stringify(change)).toMatchObject({ __typename: typename, message: expect.stringMatching(message) });
    }
    expect(await routingOf(id)).toEqual(before);
    expect((await t.gql<{ node: { name: string } }>(queueQuery, { id }, sup)).data?.node.name).toBe('Routing strict');
  });
});
