import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import WhatsAppAutoReplyEditor from './WhatsAppAutoReplyEditor.vue';

const stored = {
  __typename: 'WhatsAppAutoReplies',
  enabled: true,
  busyThresholdSeconds: 600,
  minIntervalMinutes: 30,
  texts: [{ __typename: 'WhatsAppAutoReplyText', kind: 'GREETING', language: 'ES', text: 'Hola, soy {name}' }],
  keywords: [{ __typename: 'WhatsAppKeywordAnswer', match: 'WORD', pattern: 'horario', language: null, body: 'De 9 a 18', link: null, mediaUrl: null }],
};

async function mountEditor(saveAnswer: Record<string, unknown>) {
  const fake = createFakeClient((operation): FakeResponse => {
    const name = operationName(operation);
    if (name === 'WhatsAppAutoReplies') return { data: { whatsAppAutoReplies: stored } };
    if (name === 'SaveWhatsAppAutoReplies') return { data: { saveWhatsAppAutoReplies: saveAnswer } };
    return { data: null };
  });
  const wrapper = mount(WhatsAppAutoReplyEditor, { props: { queueId: 'UXVldWU6MQ==' }, global: { plugins: [createAppI18n('es'), [urql, fake.client]] } });
  await flushPromises();
  return { wrapper, fake };
}

describe('WhatsAppAutoReplyEditor', () => {
  it('shows the queue’s replies, with the placeholders written literally, and saves all of them', async () => {
    const { wrapper, fake } = await mountEditor({ __typename: 'WhatsAppAutoRepliesPayload', autoReplies: { __typename: 'WhatsAppAutoReplies', enabled: true } });
    expect((wrapper.get('[data-test="text-GREETING-ES"]').element as HTMLTextAreaElement).value).toBe('Hola, soy {name}');
    // vue-i18n would swallow {back}: the hint shows it as the administrator must type it.
    expect(wrapper.get('[data-test="text-AWAY-ES"]').attributes('placeholder')).toBe('Ahora estamos cerrados; volvemos {back}.');
    expect(wrapper.findAll('[data-test="keyword-row"]')).toHaveLength(1);

    await wrapper.get('[data-test="text-AWAY-EN"]').setValue('We are back {back}.');
    await wrapper.get('[data-test="add-keyword"]').trigger('click');
    const rows = wrapper.findAll('[data-test="keyword-row"]');
    await rows[1]!.get('[data-test="keyword-pattern"]').setValue('envío|envio');
    await rows[1]!.get('select').setValue('PATTERN');
    await rows[1]!.get('[data-test="keyword-body"]').setValue('Enviamos en 24 h.');
    await wrapper.get('[data-test="auto-replies-form"]').trigger('submit');
    await flushPromises();

    const input = fake.operations.find((o) => operationName(o) === 'SaveWhatsAppAutoReplies')!.variables as { input: Record<string, unknown> };
    expect(input.input).toEqual({
      queueId: 'UXVldWU6MQ==',
      enabled: true,
      minIntervalMinutes: 30,
      busyThresholdSeconds: 600,
      texts: [
        { kind: 'GREETING', language: 'ES', text: 'Hola, soy {name}' },
        { kind: 'AWAY', language: 'EN', text: 'We are back {back}.' },
      ],
      keywords: [
        { match: 'WORD', pattern: 'horario', language: null, body: 'De 9 a 18', link: null, mediaUrl: null },
        { match: 'PATTERN', pattern: 'envío|envio', language: null, body: 'Enviamos en 24 h.', link: null, mediaUrl: null },
      ],
    });
    expect(wrapper.get('[data-test="auto-replies-message"]').text()).toBe('Respuestas automáticas guardadas.');
  });

  it('shows the server’s reason when a setting is refused', async () => {
    const { wrapper } = await mountEditor({ __typename: 'WhatsAppSettingInvalidError', message: 'greeting.es: links to evil.example are not allowed (PUSH_LINK_DOMAINS)' });
    await wrapper.get('[data-test="auto-replies-form"]').trigger('submit');
    await flushPromises();
    const message = wrapper.get('[data-test="auto-replies-message"]');
    expect(message.attributes('role')).toBe('alert');
    expect(message.text()).toContain('evil.example');
  });
});
