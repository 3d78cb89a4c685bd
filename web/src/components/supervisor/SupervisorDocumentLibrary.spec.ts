import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushDocument } from '../../graphql/push-documents';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import SupervisorDocumentLibrary from './SupervisorDocumentLibrary.vue';

const doc = (overrides: Partial<PushDocument> = {}): PushDocument => ({
  id: 'd-1',
  title: 'Condiciones generales',
  description: null,
  contentType: 'application/pdf',
  sizeBytes: 4_200_000,
  url: 'http://api/media/m1',
  createdAt: '2026-01-15T10:00:00Z',
  ...overrides,
});
let library: PushDocument[];
let answers: Record<string, unknown>;

async function mountLibrary() {
  const fake = createFakeClient((operation): FakeResponse => {
    const name = operationName(operation);
    if (name === 'PushDocuments') return { data: { pushDocuments: library } };
    return { data: (answers[name] as Record<string, unknown>) ?? null };
  });
  const wrapper = mount(SupervisorDocumentLibrary, { global: { plugins: [createAppI18n('es'), [urql, fake.client]] } });
  await flushPromises();
  return { wrapper, fake };
}

function pickFile(wrapper: Awaited<ReturnType<typeof mountLibrary>>['wrapper'], file: File) {
  const input = wrapper.get('[data-test="library-file"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  return input.trigger('change');
}

beforeEach(() => {
  library = [doc()];
  answers = {};
});

describe('SupervisorDocumentLibrary', () => {
  it('lists the documents with type and size, every control labelled', async () => {
    const { wrapper } = await mountLibrary();
    const item = wrapper.get('[data-test="library-document"]');
    expect(item.get('a').text()).toBe('Condiciones generales');
    expect(item.get('a').attributes('href')).toBe('http://api/media/m1');
    expect(item.get('.library__meta').text().replace(/\s/gu, ' ')).toBe('application/pdf · 4,2 MB');
    for (const input of wrapper.findAll('input')) expect(wrapper.find(`label[for="${input.attributes('id')}"]`).exists()).toBe(true);
    expect(wrapper.get('button.button--danger').attributes('aria-label')).toBe('Retirar «Condiciones generales» de la biblioteca');
  });

  it('adds a document; a file WhatsApp would refuse shows the server’s reason in place', async () => {
    answers.AddPushDocument = { addPushDocument: { __typename: 'MediaRefusedError', message: 'El archivo no es image/png como se declara.' } };
    const { wrapper, fake } = await mountLibrary();
    await wrapper.get('[data-test="library-title"]').setValue(' Plano ');
    await pickFile(wrapper, new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'plano.png', { type: 'image/png' }));
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-test="library-error"]').exists()).toBe(true));
    expect(wrapper.get('[data-test="library-error"]').text()).toBe('El archivo no es image/png como se declara.');
    expect(fake.operations.find((o) => operationName(o) === 'AddPushDocument')?.variables).toEqual({ input: { title: 'Plano', description: null, contentType: 'image/png', dataBase64: 'JVBERg==' } });

    answers.AddPushDocument = { addPushDocument: { __typename: 'PushDocumentPayload', document: doc({ id: 'd-2', title: 'Plano' }) } };
    library = [doc(), doc({ id: 'd-2', title: 'Plano' })];
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').exists()).toBe(true));
    expect(wrapper.get('[role="status"]').text()).toBe('«Plano» está en la biblioteca.');
    await vi.waitFor(() => expect(wrapper.findAll('[data-test="library-document"]')).toHaveLength(2));
  });

  it('withdraws a document', async () => {
    answers.WithdrawPushDocument = { withdrawPushDocument: { __typename: 'PushDocumentPayload', document: doc() } };
    const { wrapper, fake } = await mountLibrary();
    library = [];
    await wrapper.get('button.button--danger').trigger('click');
    await vi.waitFor(() => expect(fake.operations.some((o) => operationName(o) === 'WithdrawPushDocument')).toBe(true));
    expect(fake.operations.find((o) => operationName(o) === 'WithdrawPushDocument')?.variables).toEqual({ id: 'd-1' });
    await vi.waitFor(() => expect(wrapper.find('[data-test="library-document"]').exists()).toBe(false));
  });
});
