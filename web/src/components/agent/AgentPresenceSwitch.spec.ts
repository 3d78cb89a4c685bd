import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { agentProfile } from '../../test/fixtures';
import AgentPresenceSwitch from './AgentPresenceSwitch.vue';

describe('AgentPresenceSwitch', () => {
  it('is a labelled radio group with the current status checked and capacity per channel', () => {
    const wrapper = mount(AgentPresenceSwitch, { props: { agent: agentProfile('AWAY', 1) }, global: { plugins: [createAppI18n('en')] } });
    const group = wrapper.get('[role="radiogroup"]');
    expect(wrapper.get(`[id="${group.attributes('aria-labelledby')}"]`).text()).toBe('Your status');
    expect(wrapper.findAll('input[type="radio"]').map((r) => [r.attributes('value'), (r.element as HTMLInputElement).checked])).toEqual([
      ['AVAILABLE', false],
      ['AWAY', true],
      ['OFFLINE', false],
    ]);
    const slots = wrapper.findAll('[data-test="capacity"] li');
    expect(slots.map((s) => s.attributes('aria-label'))).toEqual(['Call: 0 of 1 in use', 'WhatsApp: 1 of 2 in use']);
  });

  it('asks for the chosen status, and shows a refusal as an alert', async () => {
    const wrapper = mount(AgentPresenceSwitch, { props: { agent: agentProfile('OFFLINE') }, global: { plugins: [createAppI18n('es')] } });
    await wrapper.get('[data-test="presence-AVAILABLE"]').setValue(true);
    expect(wrapper.emitted('change')).toEqual([['AVAILABLE']]);

    await wrapper.setProps({ error: 'No eres agente.' });
    expect(wrapper.get('[role="alert"]').text()).toBe('No eres agente.');
  });
});
