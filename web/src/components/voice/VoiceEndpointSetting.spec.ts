import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName } from '../../test/fakeClient';
import VoiceEndpointSetting from './VoiceEndpointSetting.vue';

describe('VoiceEndpointSetting', () => {
  it('moves calls to a phone number; an invalid number is refused in place', async () => {
    let answer: Record<string, unknown> = { __typename: 'InvalidPhoneNumberError', message: '"12" is not a phone number.' };
    const fake = createFakeClient((operation) => {
      const name = operationName(operation);
      if (name === 'MyVoiceEndpoint') return { data: { myVoiceEndpoint: { __typename: 'VoiceEndpoint', kind: 'SOFTPHONE', phoneNumber: null, clientIdentity: 'agent-1' } } };
      if (name === 'SetVoiceEndpoint') return { data: { setVoiceEndpoint: answer } };
      return { data: null };
    });
    const wrapper = mount(VoiceEndpointSetting, { global: { plugins: [createAppI18n('en'), [urql, fake.client]] } });
    await flushPromises();
    expect((wrapper.get('input[value="SOFTPHONE"]').element as HTMLInputElement).checked).toBe(true);

    await wrapper.get('input[value="PHONE"]').setValue(true);
    await wrapper.get('input[type="tel"]').setValue('12');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'SetVoiceEndpoint')?.variables).toEqual({ input: { kind: 'PHONE', phoneNumber: '12' } });
    expect(wrapper.get('[data-test="voice-endpoint-error"]').text()).toBe('"12" is not a phone number.');
    expect(wrapper.get('input[type="tel"]').attributes('aria-invalid')).toBe('true');

    answer = { __typename: 'VoiceEndpointPayload', endpoint: { kind: 'PHONE', phoneNumber: '+34612345678', clientIdentity: 'agent-1' } };
    await wrapper.get('input[type="tel"]').setValue('612 345 678');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[role="status"]').text()).toBe('Saved.');
    expect((wrapper.get('input[type="tel"]').element as HTMLInputElement).value).toBe('+34612345678');
  });
});
