import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Push, PushPolicy } from '../../graphql/push';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import PushPanel from './PushPanel.vue';

const now = Date.parse('2026-01-15T14:00:00Z');
const interactionId = 'SW50ZXJhY3Rpb246Mg==';
let policy: PushPolicy;
let answers: Record<string, unknown>;

const pushed = (overrides: Partial<Push> = {}): Push => ({
  id: 'UHVzaDox',
  kind: 'LINK',
  mode: 'FREE_FORM',
  status: 'sent',
  errorCode: null,
  opened: false,
  title: 'Return guide',
  to: '+34612345678',
  createdAt: '2026-01-15T13:59:00Z',
  links: [{ url: 'https://shop.example/returns', shortUrl: 'http://api/l/abc', opens: 0, firstOpenedAt: null }],
  location: null,
  message: { id: 'm9' },
  fallback: null,
  ...overrides,
});

async function mountPanel() {
  const fake = createFakeClient((operation): FakeResponse => {
    const name = operationName(operation);
    if (name === 'InteractionPushes') return { data: { interaction: { id: interactionId, pushPolicy: policy, pushes: [] } } };
    if (name === 'WhatsAppTemplates') return { data: { whatsAppTemplates: [{ contentSid: 'HX1', name: 'link_followup', language: 'es', body: 'Hola {{1}}, aquí tiene: {{2}}', variables: [] }] } };
    return { data: (answers[name] as Record<string, unknown>) ?? null };
  });
  const wrapper = mount(PushPanel, { props: { interactionId, now }, global: { plugins: [createAppI18n('en'), [urql, fake.client]] } });
  await flushPromises();
  return { wrapper, fake };
}

beforeEach(() => {
  policy = { consent: 'GRANTED', serviceWindowExpiresAt: '2026-01-15T15:00:00Z', targetNumber: '+34612345678', windowOpen: true };
  answers = {};
});

describe('PushPanel', () => {
  it('shows what the policy allows now: target, consent and the window', async () => {
    const { wrapper } = await mountPanel();
    expect(wrapper.get('[data-test="push-policy"]').text()).toContain('To +34612345678');
    expect(wrapper.get('[data-test="push-policy"]').text()).toContain('Consent: granted');
    expect(wrapper.get('[data-test="push-policy"]').text()).toContain('Window open for 1:00:00: free-form push');
    expect(wrapper.find('[data-test="template-select"]').exists()).toBe(false);
  });

  it('pushes a link; a refusal shows the server’s reason in place', async () => {
    answers.Push = { push: { __typename: 'LinkNotAllowedError', message: 'Links to evil.example are not allowed.' } };
    const { wrapper, fake } = await mountPanel();
    await wrapper.get('input[required]').setValue('Guide');
    await wrapper.get('input[type="url"]').setValue('https://evil.example/x');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'Push')?.variables).toEqual({
      input: { interactionId, kind: 'LINK', link: { title: 'Guide', url: 'https://evil.example/x' } },
    });
    const error = wrapper.get('[data-test="push-error"]');
    expect(error.attributes('role')).toBe('alert');
    expect(error.text()).toBe('Links to evil.example are not allowed.');
  });

  it('requires an approved template when the window is closed, and sends it with the push', async () => {
    policy = { ...policy, windowOpen: false, serviceWindowExpiresAt: null };
    answers.Push = { push: { __typename: 'PushPayload', push: pushed({ mode: 'TEMPLATE' }) } };
    const { wrapper, fake } = await mountPanel();
    expect(wrapper.get('[data-test="push-policy"]').text()).toContain('Window closed: an approved template is required');
    await wrapper.get('[data-test="template-select"]').setValue('HX1');
    // The link fills the last placeholder; only the first is asked, and the preview says where the link goes.
    expect(wrapper.findAll('[data-test="template-value"]').map((i) => i.attributes('data-key'))).toEqual(['1']);
    await wrapper.get('[data-test="template-value"]').setValue(' Marta ');
    expect(wrapper.get('[data-test="template-preview"]').text()).toContain('Hola Marta, aquí tiene: [what you send]');
    await wrapper.get('input[required]').setValue('Guide');
    await wrapper.get('input[type="url"]').setValue('https://shop.example/returns');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect((fake.operations.find((o) => operationName(o) === 'Push')?.variables as { input: { template: unknown } }).input.template).toEqual({ contentSid: 'HX1', variables: [{ key: '1', value: 'Marta' }] });
    expect(wrapper.findAll('[data-test="push-item"]')).toHaveLength(1);
  });

  it('records verbal consent when it was never asked', async () => {
    policy = { ...policy, consent: 'NONE' };
    answers.RecordConsent = { recordConsent: { __typename: 'RecordConsentPayload', consent: { id: 'c1', granted: true } } };
    const { wrapper, fake } = await mountPanel();
    expect(wrapper.get('[data-test="push-policy"]').text()).toContain('Consent: not asked yet');
    await wrapper.get('[data-test="record-consent"]').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'RecordConsent')?.variables).toEqual({
      input: { interactionId, wording: 'The caller agrees to receive information about this call by WhatsApp.', purpose: 'SERVICE', granted: true },
    });
  });

  it('records marketing consent as its own purpose, with its own wording, when the agent asks for it', async () => {
    answers.RecordConsent = { recordConsent: { __typename: 'RecordConsentPayload', consent: { id: 'c2', granted: true } } };
    const { wrapper, fake } = await mountPanel();
    expect(wrapper.find('[data-test="record-consent"]').exists()).toBe(false);
    await wrapper.get('[data-test="ask-marketing-consent"]').trigger('click');
    expect((wrapper.get('[data-test="consent-purpose"]').element as HTMLSelectElement).value).toBe('MARKETING');
    await wrapper.get('[data-test="record-consent"]').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'RecordConsent')?.variables).toEqual({
      input: { interactionId, wording: 'The caller agrees to receive offers and news from us by WhatsApp, and knows they can reply STOP at any time.', purpose: 'MARKETING', granted: true },
    });
  });

  it('offers nothing to push once the customer opted out', async () => {
    policy = { ...policy, consent: 'OPTED_OUT' };
    const { wrapper } = await mountPanel();
    expect(wrapper.get('[data-test="push-policy"]').text()).toContain('withdrawn (STOP)');
    expect(wrapper.find('[data-test="push-send"]').exists()).toBe(false);
  });

  it('follows delivery and link opens live', async () => {
    answers.Push = { push: { __typename: 'PushPayload', push: pushed() } };
    const { wrapper, fake } = await mountPanel();
    await wrapper.get('input[required]').setValue('Return guide');
    await wrapper.get('input[type="url"]').setValue('https://shop.example/returns');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test="push-opened"]').text()).toBe('Not opened yet');

    fake.push('PushUpdated', { pushUpdated: pushed({ status: 'read', opened: true, links: [{ url: 'https://shop.example/returns', shortUrl: 'http://api/l/abc', opens: 2, firstOpenedAt: '2026-01-15T14:00:05Z' }] }) }, (v) => v.interactionId === interactionId);
    await flushPromises();
    const item = wrapper.get('[data-test="push-item"]');
    expect(item.text()).toContain('Read');
    expect(wrapper.get('[data-test="push-opened"]').text()).toBe('Link opened (2)');
  });

  it('uploads a file and pushes it; a file WhatsApp would refuse is stopped with the server’s reason', async () => {
    answers.UploadPushMedia = { uploadPushMedia: { __typename: 'MediaRefusedError', message: 'Images may be at most 5 MB.' } };
    const { wrapper, fake } = await mountPanel();
    await wrapper.findAll('input[type="radio"]').find((r) => r.attributes('value') === 'MEDIA')!.setValue(true);
    const input = wrapper.get('[data-test="push-file"]');
    Object.defineProperty(input.element, 'files', { value: [new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'plano.png', { type: 'image/png' })] });
    await input.trigger('change');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-test="push-error"]').exists()).toBe(true));
    expect(wrapper.get('[data-test="push-error"]').text()).toBe('Images may be at most 5 MB.');
    expect(fake.operations.find((o) => operationName(o) === 'UploadPushMedia')?.variables).toEqual({ input: { contentType: 'image/png', dataBase64: 'iVBORw==' } });
    expect(fake.operations.some((o) => operationName(o) === 'Push')).toBe(false);

    answers.UploadPushMedia = { uploadPushMedia: { __typename: 'UploadedPushMedia', mediaId: 'TWVkaWE6MQ==', contentType: 'image/png', sizeBytes: 4 } };
    answers.Push = { push: { __typename: 'PushPayload', push: pushed({ kind: 'MEDIA', links: [], title: null }) } };
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(fake.operations.some((o) => operationName(o) === 'Push')).toBe(true));
    expect(fake.operations.find((o) => operationName(o) === 'Push')?.variables).toEqual({
      input: { interactionId, kind: 'MEDIA', media: { mediaId: 'TWVkaWE6MQ==', caption: null } },
    });
  });

  it('pushes a document picked from the approved library without uploading anything', async () => {
    answers.PushDocuments = { pushDocuments: [{ id: 'd-1', title: 'Garantía', description: null, contentType: 'application/pdf', sizeBytes: 820_400, url: 'http://api/media/m1', createdAt: '2026-01-15T10:00:00Z' }] };
    answers.Push = { push: { __typename: 'PushPayload', push: pushed({ kind: 'MEDIA', links: [], title: null }) } };
    const { wrapper, fake } = await mountPanel();
    await wrapper.findAll('input[type="radio"]').find((r) => r.attributes('value') === 'MEDIA')!.setValue(true);
    await flushPromises();
    const picker = wrapper.get('[data-test="push-document"]');
    expect(wrapper.get(`label[for="${picker.attributes('id')}"]`).text()).toBe('Document from the library');
    expect(picker.findAll('option').map((o) => o.text())).toEqual(['— Upload a file —', 'Garantía · 820 kB']);
    await picker.setValue('d-1');
    // A library document needs no file: the upload control goes away.
    expect(wrapper.find('[data-test="push-file"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(fake.operations.some((o) => operationName(o) === 'Push')).toBe(true));
    expect(fake.operations.some((o) => operationName(o) === 'UploadPushMedia')).toBe(false);
    expect(fake.operations.find((o) => operationName(o) === 'Push')?.variables).toEqual({ input: { interactionId, kind: 'MEDIA', media: { documentId: 'd-1', caption: null } } });
  });

  it('offers the SMS fallback when WhatsApp cannot reach the number, and shows a refusal on that push', async () => {
    answers.Push = { push: { __typename: 'PushPayload', push: pushed() } };
    answers.SendPushBySms = { sendPushBySms: { __typename: 'SmsRefusedError', message: 'The carrier refused the SMS.' } };
    const { wrapper, fake } = await mountPanel();
    await wrapper.get('input[required]').setValue('Return guide');
    await wrapper.get('input[type="url"]').setValue('https://shop.example/returns');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test="push-sms"]').exists()).toBe(false);

    fake.push('PushUpdated', { pushUpdated: pushed({ status: 'undelivered', errorCode: '63016', fallback: 'OFFERED' }) });
    await flushPromises();
    expect(wrapper.get('[data-test="push-item"]').text()).toContain('Error 63016');
    await wrapper.get('[data-test="push-sms"]').trigger('click');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'SendPushBySms')?.variables).toEqual({ pushId: 'UHVzaDox' });
    expect(wrapper.get('[data-test="push-item"] [role="alert"]').text()).toBe('The carrier refused the SMS.');
  });
});
