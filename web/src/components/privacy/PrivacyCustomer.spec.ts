import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import PrivacyCustomer from './PrivacyCustomer.vue';

const customerId = 'Q3VzdG9tZXI6MQ==';
const subject = (erasedAt: string | null) => ({
  erasedAt,
  blockedRecords: erasedAt ? 2 : 0,
  customer: { id: customerId, displayName: erasedAt ? null : 'Ana Ruiz', identities: erasedAt ? [] : [{ kind: 'WHATSAPP', value: '+34600000001' }] },
  exports: [],
});

function mountCustomer() {
  let erased = false;
  const fake = createFakeClient((operation): FakeResponse => {
    const name = operationName(operation);
    if (name === 'PrivacySubject') return { data: { privacySubject: subject(erased ? '2026-12-01T10:00:00Z' : null) } };
    if (name === 'EraseCustomer') {
      erased = true;
      return { data: { eraseCustomer: { __typename: 'EraseCustomerPayload', erasedAt: '2026-12-01T10:00:00Z', blockedRecords: 2, twilioResources: 3 } } };
    }
    return { data: null };
  });
  const wrapper = mount(PrivacyCustomer, { global: { plugins: [createAppI18n('en'), [urql, fake.client]] } });
  return { wrapper, fake };
}

describe('PrivacyCustomer', () => {
  it('erases only after the reason and the customer id typed again; then shows the tombstone', async () => {
    const { wrapper, fake } = mountCustomer();
    await wrapper.find('[data-test="privacy-value"]').setValue('600 000 001');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-test="privacy-subject"]').text()).toContain('Ana Ruiz');
    expect(fake.operations.find((o) => operationName(o) === 'PrivacySubject')?.variables).toEqual({ lookup: { phone: '600 000 001' } });

    const erase = wrapper.find('[data-test="privacy-erase"]');
    expect(erase.attributes('disabled')).toBeDefined();
    await wrapper.find('[data-test="privacy-reason"]').setValue('Erasure request, ticket 9');
    await wrapper.find('[data-test="privacy-confirm"]').setValue('someone else');
    expect(erase.attributes('disabled')).toBeDefined();
    await wrapper.find('[data-test="privacy-confirm"]').setValue(customerId);
    expect(erase.attributes('disabled')).toBeUndefined();
    await wrapper.find('.privacy-erase').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'EraseCustomer')?.variables).toEqual({ input: { customerId, confirmCustomerId: customerId, reason: 'Erasure request, ticket 9' } });
    expect(wrapper.find('[data-test="privacy-message"]').text()).toContain('2 records blocked; 3 items queued');
    expect(wrapper.find('[data-test="privacy-erased-at"]').text()).not.toBe('No');
    expect(wrapper.find('[data-test="privacy-export"]').attributes('disabled')).toBeDefined();
  });
});
