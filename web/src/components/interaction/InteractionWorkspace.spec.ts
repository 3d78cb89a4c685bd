import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../graphql/interactions';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import { customerDetail, interactionDetail, message } from '../../test/fixtures';
import InteractionWorkspace from './InteractionWorkspace.vue';

let answers: Record<string, unknown>;

async function mountWorkspace(channel: Channel, window: 'open' | 'closed' = 'open') {
  const closesAt = new Date(Date.now() + (window === 'open' ? 3_600_000 : -3_600_000)).toISOString();
  const fake = createFakeClient((operation): FakeResponse => {
    const name = operationName(operation);
    if (name === 'Interaction') return { data: { interaction: interactionDetail({ channel, whatsAppWindow: channel === 'WHATSAPP' ? { open: window === 'open', closesAt, optedOut: false } : null }) } };
    if (name === 'Customer') return { data: { customer: customerDetail() } };
    return { data: (answers[name] as Record<string, unknown>) ?? null };
  });
  const wrapper = mount(InteractionWorkspace, {
    props: { interactionId: 'SW50ZXJhY3Rpb246MQ==' },
    global: { plugins: [createAppI18n('en'), [urql, fake.client]] },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, fake };
}

beforeEach(() => {
  document.body.innerHTML = '';
  answers = {};
});

describe('InteractionWorkspace', () => {
  it('shows the customer, the live interaction and its timeline', async () => {
    const { wrapper, fake } = await mountWorkspace('WHATSAPP');
    expect(wrapper.get('h1').text()).toBe('María López');
    expect(wrapper.get('[data-test="interaction-status"]').text()).toBe('In conversation');
    expect(wrapper.get('[data-test="timeline"]').text()).toContain('Hola, necesito ayuda');
    expect(fake.openSubscriptions()).toEqual(['InteractionUpdated']);

    // A reassignment elsewhere arrives on the subscription: the status follows, and the page is told.
    fake.push('InteractionUpdated', { interactionUpdated: interactionDetail({ status: 'TRANSFERRED' }) });
    await flushPromises();
    expect(wrapper.get('[data-test="interaction-status"]').text()).toBe('Transferred');
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('warns on an email interaction whose sender failed authentication', async () => {
    const { wrapper } = await mountWorkspace('EMAIL');
    expect(wrapper.find('[data-test="unverified-sender-warning"]').exists()).toBe(false);
    const forged = createFakeClient((operation): FakeResponse => {
      const name = operationName(operation);
      if (name === 'Interaction') return { data: { interaction: interactionDetail({ channel: 'EMAIL', whatsAppWindow: null, senderVerified: false, messages: [message({ channel: 'EMAIL', senderVerified: false })] }) } };
      if (name === 'Customer') return { data: { customer: customerDetail({ timeline: [message({ channel: 'EMAIL', senderVerified: false })] }) } };
      return { data: null };
    });
    const flagged = mount(InteractionWorkspace, { props: { interactionId: 'SW50ZXJhY3Rpb246MQ==' }, global: { plugins: [createAppI18n('en'), [urql, forged.client]] } });
    await flushPromises();
    expect(flagged.get('[data-test="unverified-sender-warning"]').text()).toContain('Unverified sender');
    expect(flagged.get('[data-test="unverified-sender"]').text()).toContain('Unverified sender');
  });

  it('saves a private note with addInteractionNote, not as a message, and shows a refusal in place', async () => {
    answers.AddInteractionNote = { addInteractionNote: { __typename: 'NotYourInteractionError', message: 'This interaction is handled by another agent.' } };
    const { wrapper, fake } = await mountWorkspace('WHATSAPP');
    await wrapper.get('[data-test="composer-mode-note"]').trigger('click');
    await wrapper.get('[data-test="composer-text"]').setValue('Call back tomorrow');
    await wrapper.get('form.composer__form').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'AddInteractionNote')?.variables).toEqual({ input: { interactionId: 'SW50ZXJhY3Rpb246MQ==', text: 'Call back tomorrow' } });
    expect(fake.operations.some((o) => operationName(o) === 'SendWhatsAppMessage')).toBe(false);
    expect(wrapper.get('[data-test="composer-error"]').text()).toBe('This interaction is handled by another agent.');

    answers.AddInteractionNote = { addInteractionNote: { __typename: 'InteractionPayload', interaction: { id: 'SW50ZXJhY3Rpb246MQ==', status: 'ASSIGNED' } } };
    await wrapper.get('form.composer__form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test="composer-error"]').exists()).toBe(false);
    expect((wrapper.get('[data-test="composer-text"]').element as HTMLTextAreaElement).value).toBe('');
  });

  it('sends a WhatsApp reply, and shows the server’s refusal in place', async () => {
    answers.SendWhatsAppMessage = { sendWhatsAppMessage: { __typename: 'WhatsAppWindowClosedError', message: 'The 24 h window closed at 14:05; send an approved template.' } };
    const { wrapper, fake } = await mountWorkspace('WHATSAPP');
    await wrapper.get('[data-test="composer-text"]').setValue('Hello');
    await wrapper.get('form.composer__form').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'SendWhatsAppMessage')?.variables).toEqual({ input: { interactionId: 'SW50ZXJhY3Rpb246MQ==', body: 'Hello' } });
    expect(wrapper.get('[data-test="composer-error"]').text()).toBe('The 24 h window closed at 14:05; send an approved template.');
    expect((wrapper.get('[data-test="composer-text"]').element as HTMLTextAreaElement).value).toBe('Hello');

    answers.SendWhatsAppMessage = { sendWhatsAppMessage: { __typename: 'SendWhatsAppMessagePayload', sent: message({ id: 'out', direction: 'outbound', body: 'Hello', deliveryStatus: 'queued' }) } };
    await wrapper.get('form.composer__form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test="composer-error"]').exists()).toBe(false);
    expect((wrapper.get('[data-test="composer-text"]').element as HTMLTextAreaElement).value).toBe('');
  });

  it('once the window has closed, sends the chosen template through sendWhatsAppMessage and shows a refusal in place', async () => {
    answers.WhatsAppTemplates = { whatsAppTemplates: [{ contentSid: 'HX1', name: 'follow_up', language: 'en', body: 'Hi {{1}}', variables: [{ key: '1', sample: 'Ana' }] }] };
    answers.SendWhatsAppMessage = { sendWhatsAppMessage: { __typename: 'TemplateNotApprovedError', message: 'Template HX1 is paused, not approved by WhatsApp — choose an approved template.' } };
    const { wrapper, fake } = await mountWorkspace('WHATSAPP', 'closed');
    expect(fake.operations.some((o) => operationName(o) === 'WhatsAppTemplates')).toBe(true);
    await wrapper.get('[data-test="template-select"]').setValue('HX1');
    await wrapper.get('[data-test="template-value"]').setValue('María');
    await wrapper.get('form.composer__form').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'SendWhatsAppMessage')?.variables).toEqual({
      input: { interactionId: 'SW50ZXJhY3Rpb246MQ==', template: { contentSid: 'HX1', variables: [{ key: '1', value: 'María' }] } },
    });
    expect(wrapper.get('[data-test="composer-error"]').text()).toContain('not approved by WhatsApp');
  });

  it('on a call, saves a private note with addInteractionNote', async () => {
    answers.AddInteractionNote = { addInteractionNote: { __typename: 'InteractionPayload', interaction: { id: 'SW50ZXJhY3Rpb246MQ==', status: 'ASSIGNED' } } };
    const { wrapper, fake } = await mountWorkspace('VOICE');
    await wrapper.get('[data-test="composer-text"]').setValue('Wants a callback at 9');
    await wrapper.get('form.composer__form').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'AddInteractionNote')?.variables).toEqual({ input: { interactionId: 'SW50ZXJhY3Rpb246MQ==', text: 'Wants a callback at 9' } });
    expect((wrapper.get('[data-test="composer-text"]').element as HTMLTextAreaElement).value).toBe('');
  });

  it('answers an email through replyByEmail', async () => {
    answers.ReplyByEmail = { replyByEmail: { __typename: 'EmailReplyPayload', sent: message({ id: 'out', channel: 'EMAIL', direction: 'outbound', body: 'Dear María' }) } };
    const { wrapper, fake } = await mountWorkspace('EMAIL');
    expect(wrapper.find('[data-test="composer-blocked"]').exists()).toBe(false);
    await wrapper.get('[data-test="composer-text"]').setValue('Dear María');
    await wrapper.get('form.composer__form').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'ReplyByEmail')?.variables).toEqual({ input: { interactionId: 'SW50ZXJhY3Rpb246MQ==', body: 'Dear María' } });
  });

  it('answers a web chat with sendChatMessage and tells the widget the agent is typing', async () => {
    answers.SendChatMessage = { sendChatMessage: { __typename: 'ChatMessagePayload', sent: message({ id: 'out', channel: 'WEBCHAT', direction: 'outbound', body: 'Hi!' }) } };
    answers.SetAgentTyping = { setAgentTyping: true };
    const { wrapper, fake } = await mountWorkspace('WEBCHAT');
    await wrapper.get('[data-test="composer-text"]').setValue('Hi!');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'SetAgentTyping')?.variables).toEqual({ interactionId: 'SW50ZXJhY3Rpb246MQ==', typing: true });
    await wrapper.get('form.composer__form').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'SendChatMessage')?.variables).toEqual({ input: { interactionId: 'SW50ZXJhY3Rpb246MQ==', body: 'Hi!' } });
    expect((wrapper.get('[data-test="composer-text"]').element as HTMLTextAreaElement).value).toBe('');
  });

  it('shows a refused wrap-up in place', async () => {
    answers.WrapUpInteraction = { wrapUpInteraction: { __typename: 'InteractionStateError', message: 'The interaction is closed; it cannot be wrapped up.' } };
    const { wrapper } = await mountWorkspace('WHATSAPP');
    await wrapper.get('[data-test="wrap-up"]').trigger('click');
    await flushPromises();
    const error = wrapper.get('[data-test="workspace-error"]');
    expect(error.attributes('role')).toBe('alert');
    expect(error.text()).toBe('The interaction is closed; it cannot be wrapped up.');
  });
});
