import { beforeAll, describe, expect, it } from 'vitest';
import { replaceTemplates } from '@cc/db/repositories/whatsapp-templates';
import { createAgent, createQueue, ops, type Agent } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';
import { until } from '../support/until';

// An agent answers a WhatsApp conversation whose 24 h window has closed: free-form is refused
// before anything is sent; an approved template goes out through the SDK to the Prism mock of
// Twilio's contract as ContentSid + ContentVariables, and is kept on the interaction rendered.
const t = useTwilioTestApi();
const approved = `HX${'c4'.repeat(16)}`;
const pending = `HX${'d5'.repeat(16)}`;
const customer = '+34677777777';
let agent: Agent;
let interactionId: string;

const gidOf = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const messagesSent = () => t.twilio.to('/Messages.json');

const sendMutation = `mutation($input: SendWhatsAppMessageInput!) { sendWhatsAppMessage(input: $input) {
  __typename ... on SendWhatsAppMessagePayload { sent { id body deliveryStatus } }
  ... on Error { message } ... on TemplateNotApprovedError { approvalStatus } ... on TemplateVariablesMissingError { keys } ... on PushTooSoonError { retryAfterSeconds } } }`;
type SendResult = { __typename: string; message?: string; sent?: { id: string; body: string; deliveryStatus: string }; approvalStatus?: string; keys?: string[]; retryAfterSeconds?: number };
async function send(input: Record<string, unknown>): Promise<SendResult> {
  const res = await t.gql<{ sendWhatsAppMessage: SendResult }>(sendMutation, { input: { interactionId, ...input } }, agent.token);
  if (!res.data) throw new Error(JSON.stringify(res));
  return res.data.sendWhatsAppMessage;
}

beforeAll(async () => {
  const sup = (await t.signIn('supervisor')).token;
  const queueId = await createQueue(t, sup, { name: 'WhatsApp templates', channels: ['WHATSAPP'] });
  agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { whatsapp: 2 } });
  const db = t.api.services.db;
  await replaceTemplates(
    db,
    [
      { contentSid: approved, friendlyName: 'follow_up', language: 'es', body: 'Hola {{1}}, le escribimos sobre su pedido {{2}}.', variables: { 1: 'nombre', 2: 'pedido' }, types: { 'twilio/text': { body: 'Hola {{1}}, le escribimos sobre su pedido {{2}}.' } }, approvalStatus: 'approved', category: 'UTILITY' },
      { contentSid: pending, friendlyName: 'promo', language: 'es', body: 'Oferta {{1}}', variables: { 1: 'x' }, types: { 'twilio/text': { body: 'Oferta {{1}}' } }, approvalStatus: 'pending', category: 'MARKETING' },
    ],
    new Date(),
  );

  const params = { MessageSid: sid('SM'), AccountSid: testAccountSid, From: `whatsapp:${customer}`, To: whatsAppSender, WaId: customer.slice(1), ProfileName: 'Marta', NumMedia: '0', Body: 'Hola' };
  expect((await postSigned(t.url('/webhooks/twilio/whatsapp'), params)).status).toBe(200);
  const inbound = await db.selectFrom('messages').selectAll().where('provider_message_id', '=', params.MessageSid).executeTakeFirstOrThrow();
  interactionId = gidOf('Interaction', inbound.interaction_id!);
  const offers = await until(
    async () => (await t.gql<{ myOffers: { id: string; interaction: { id: string } }[] }>('{ myOffers { id interaction { id } } }', {}, agent.token)).data?.myOffers ?? [],
    (list) => list.some((o) => o.interaction.id === interactionId),
  );
  const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offers.find((o) => o.interaction.id === interactionId)!.id }, agent.token);
  expect(accepted.data?.acceptOffer.__typename).toBe('InteractionPayload');
  // The customer last wrote 25 hours ago: the window is closed.
  await db.updateTable('customer_channel_state').set({ last_inbound_at: new Date(Date.now() - 25 * 3600_000) }).where('customer_id', '=', inbound.customer_id).execute();
}, 60_000);

describe('template replies when the WhatsApp window is closed', () => {
  it('refuses free-form, an unapproved template, a blank value and a template with text, sending nothing', async () => {
    const before = messagesSent().length;
    expect(await send({ body: '¿Sigue ahí?' })).toMatchObject({ __typename: 'WhatsAppWindowClosedError', message: expect.stringContaining('choose a template') });
    expect(await send({ template: { contentSid: pending, variables: [{ key: '1', value: '20 %' }] } })).toMatchObject({ __typename: 'TemplateNotApprovedError', approvalStatus: 'pending' });
    expect(await send({ template: { contentSid: `HX${'e6'.repeat(16)}` } })).toMatchObject({ __typename: 'TemplateNotApprovedError', approvalStatus: null });
    expect(await send({ template: { contentSid: approved, variables: [{ key: '1', value: 'Marta' }, { key: '2', value: '  ' }] } })).toMatchObject({ __typename: 'TemplateVariablesMissingError', keys: ['2'] });
    expect(await send({ body: 'y esto', template: { contentSid: approved, variables: [{ key: '1', value: 'Marta' }, { key: '2', value: 'A-42' }] } })).toMatchObject({ __typename: 'ValidationError' });
    expect(messagesSent().length).toBe(before);
    const stored = await t.api.services.db.selectFrom('messages').select('id').where('direction', '=', 'outbound').where('customer_id', 'in', (eb) => eb.selectFrom('customer_identities').select('customer_id').where('value', '=', customer)).execute();
    expect(stored).toEqual([]);
  });

  it('sends an approved template as ContentSid + ContentVariables (contract-valid) and keeps the rendered body on the interaction', async () => {
    const before = messagesSent().length;
    const result = await send({ template: { contentSid: approved, variables: [{ key: '1', value: ' Marta ' }, { key: '2', value: 'A-42' }] } });
    expect(result, JSON.stringify(result)).toMatchObject({ __typename: 'SendWhatsAppMessagePayload', sent: { body: 'Hola Marta, le escribimos sobre su pedido A-42.' } });
    const messageId = result.sent!.id;

    // Exactly one request; Prism answered 201, so it is valid against Twilio's contract; no Body.
    const sent = messagesSent().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${testAccountSid}/Messages.json`, status: 201 });
    expect(formFields(sent[0]!)).toEqual({
      From: whatsAppSender,
      To: `whatsapp:${customer}`,
      ContentSid: approved,
      ContentVariables: JSON.stringify({ 1: 'Marta', 2: 'A-42' }),
      StatusCallback: t.url(`/webhooks/twilio/whatsapp/status?messageId=${messageId}`),
    });

    const row = await t.api.services.db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ direction: 'outbound', agent_id: agent.userId, provider_message_id: expect.stringMatching(/^(SM|MM)[0-9a-f]{32}$/) });
    expect(row.context).toEqual({ template: { contentSid: approved, name: 'follow_up', variables: { 1: 'Marta', 2: 'A-42' } } });
    const seen = await t.gql<{ interaction: { messages: { id: string; direction: string; body: string }[] } }>(
      'query($id: ID!) { interaction(id: $id) { messages { id direction body } } }', { id: interactionId }, agent.token);
    expect(seen.data?.interaction.messages.at(-1)).toEqual({ id: messageId, direction: 'outbound', body: 'Hola Marta, le escribimos sobre su pedido A-42.' });
  });

  it('is paced like a push: a second template to the same person within the spacing gap is refused, nothing sent', async () => {
    const before = messagesSent().length;
    const again = await send({ template: { contentSid: approved, variables: [{ key: '1', value: 'Marta' }, { key: '2', value: 'A-43' }] } });
    expect(again).toMatchObject({ __typename: 'PushTooSoonError' });
    expect(again.retryAfterSeconds).toBeGreaterThan(0);
    expect(again.retryAfterSeconds).toBeLessThanOrEqual(6);
    expect(messagesSent().length).toBe(before);
  });
});
