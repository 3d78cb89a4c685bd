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

  it('tells an agent routing set away why, until they choose a status again', async () => {
    const setAway = { ...agentProfile('AWAY'), presence: { status: 'AWAY' as const, since: '2026-01-15T08:00:00Z', reason: 'MISSED_OFFERS' as const } };
    const wrapper = mount(AgentPresenceSwitch, { props: { agent: setAway }, global: { plugins: [createAppI18n('en')] } });
    expect(wrapper.get('[data-test="presence-missed-offers"]').attributes('role')).toBe('alert');
    expect(wrapper.get('[data-test="presence-missed-offers"]').text()).toContain('offers went unanswered');
    expect((wrapper.get('[data-test="presence-AWAY"]').element as HTMLInputElement).checked).toBe(true);
    await wrapper.setProps({ agent: agentProfile('AVAILABLE') });
    expect(wrapper.find('[data-test="presence-missed-offers"]').exists()).toBe(false);
    // An away the agent chose carries no notice.
    await wrapper.setProps({ agent: agentProfile('AWAY') });
    expect(wrapper.find('[data-test="presence-missed-offers"]').exists()).toBe(false);
  });
});
