import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { SupervisedAgent } from '../../graphql/agents';
import type { SupervisorQueue } from '../../graphql/queues';
import type { ActiveInteraction } from '../../graphql/supervisor';
import { createAppI18n } from '../../i18n';
import SupervisorInteractionList from './SupervisorInteractionList.vue';

const queue = { id: 'UXVldWU6MQ==', name: 'Ventas', channels: ['WHATSAPP'], slaTargetSeconds: 20 } as SupervisorQueue;
const agents = [
  { user: { id: 'VXNlcjox', name: 'Ana García', email: 'ana@example.com' }, presence: { status: 'AVAILABLE', since: '2026-01-15T08:00:00Z', reason: null }, capacity: [], queues: [], occupancy: null },
] as SupervisedAgent[];
const now = Date.parse('2026-01-15T10:00:00Z');
const contact = (id: string, status: ActiveInteraction['status']): ActiveInteraction => ({
  id,
  channel: 'WHATSAPP',
  status,
  enqueuedAt: '2026-01-15T09:59:00Z',
  assignedAt: status === 'ASSIGNED' ? '2026-01-15T09:59:30Z' : null,
  queue: { id: queue.id, name: queue.name },
  assignedAgent: status === 'ASSIGNED' ? { id: 'VXNlcjoy', name: 'Luis Pérez' } : null,
  customer: { id: 'Q3VzdG9tZXI6MQ==', displayName: `Cliente ${id}`, identities: [] },
});

function mountList(interactions: ActiveInteraction[], answers: { assign?: { ok: boolean; message?: string } } = {}) {
  const assign = vi.fn(async () => answers.assign ?? { ok: true });
  const reassign = vi.fn(async () => ({ ok: true }));
  const wrapper = mount(SupervisorInteractionList, {
    props: {
      interactions,
      agents,
      queues: [queue],
      now,
      assign,
      reassign,
      filter: { queueId: null, channel: null, state: 'ACTIVE' },
      page: { firstRow: 1, hasNext: false, hasPrevious: false },
    },
    global: { plugins: [createAppI18n('en')] },
    attachTo: document.body,
  });
  return { wrapper, assign, reassign };
}

const button = (wrapper: ReturnType<typeof mountList>['wrapper'], id: string) => wrapper.get(`[data-reassign-for="${id}"]`);

describe('SupervisorInteractionList: assigning a waiting contact', () => {
  it('enables Assign for queued and offered contacts, Reassign for those in conversation, nothing for wrap-up', () => {
    const { wrapper } = mountList([contact('q', 'QUEUED'), contact('o', 'OFFERED'), contact('a', 'ASSIGNED'), contact('w', 'WRAP_UP')]);
    expect([button(wrapper, 'q'), button(wrapper, 'o'), button(wrapper, 'a'), button(wrapper, 'w')].map((b) => [b.text(), b.attributes('disabled') !== undefined])).toEqual([
      ['Assign', false],
      ['Assign', false],
      ['Reassign', false],
      ['Reassign', true],
    ]);
    expect(button(wrapper, 'q').attributes('aria-label')).toBe('Assign the interaction with Cliente q to an agent');
    wrapper.unmount();
  });

  it('offers a queued contact to the chosen agent (agents only, no queues); a refusal shows in place, then success is announced', async () => {
    const { wrapper, assign, reassign } = mountList([contact('q', 'QUEUED')], { assign: { ok: false, message: 'That agent has no free slot on this channel right now.' } });
    await button(wrapper, 'q').trigger('click');
    const target = wrapper.get('[data-test="reassign-target"]');
    expect(target.findAll('optgroup').map((g) => g.attributes('label'))).toEqual(['Agents']);
    expect(wrapper.get('form.reassign-form label').text()).toBe('Offer to');
    await target.setValue('agent:VXNlcjox');
    await wrapper.get('form.reassign-form').trigger('submit');
    await flushPromises();
    expect(assign).toHaveBeenCalledWith({ interactionId: 'q', agentId: 'VXNlcjox' });
    expect(reassign).not.toHaveBeenCalled();
    expect(wrapper.get('[data-test="reassign-error"]').text()).toBe('That agent has no free slot on this channel right now.');

    assign.mockResolvedValueOnce({ ok: true });
    await wrapper.get('form.reassign-form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('form.reassign-form').exists()).toBe(false);
    expect(wrapper.get('[data-test="reassign-notice"]').text()).toBe('Offered to the agent; it is theirs once they accept.');
    wrapper.unmount();
  });
});
