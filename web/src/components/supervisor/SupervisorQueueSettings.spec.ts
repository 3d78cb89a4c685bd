import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../composables/useRefusal';
import type { SupervisorQueue, UpdateQueueInput } from '../../graphql/supervisor';
import { createAppI18n } from '../../i18n';
import SupervisorQueueSettings from './SupervisorQueueSettings.vue';

const stats = { waiting: 0, longestWaitSeconds: 0, serviceLevelPercent: null, answered: 0, abandoned: 0, agentsAvailable: 0, agentsStaffed: 0, slaTargetSeconds: 20, since: '2026-01-15T00:00:00Z' };
const queue = (overrides: Partial<SupervisorQueue>): SupervisorQueue => ({
  id: 'UXVldWU6MQ==',
  name: 'Ventas',
  channels: ['WHATSAPP'],
  slaTargetSeconds: 20,
  offerTimeoutSeconds: 30,
  overflowAfterSeconds: null,
  priority: 0,
  timezone: 'Europe/Madrid',
  closedAutoReply: null,
  overflowQueue: null,
  open: true,
  stats,
  ...overrides,
});
const queues = [queue({}), queue({ id: 'UXVldWU6Mg==', name: 'Soporte' })];

let save: ReturnType<typeof vi.fn<(input: UpdateQueueInput) => Promise<Outcome<unknown>>>>;

function mountSettings() {
  return mount(SupervisorQueueSettings, {
    props: { queues, save },
    global: { plugins: [createAppI18n('es')] },
    attachTo: document.body,
  });
}

beforeEach(() => {
  document.body.innerHTML = '';
  save = vi.fn<(input: UpdateQueueInput) => Promise<Outcome<unknown>>>();
});

describe('SupervisorQueueSettings', () => {
  it('edits a queue in a labelled form, focused on the name, and sends the changes', async () => {
    save.mockResolvedValue({ ok: true, value: {} });
    const wrapper = mountSettings();
    expect(wrapper.find('[data-test="queue-settings-form"]').exists()).toBe(false);
    const edit = wrapper.findAll('[data-test="queue-edit"]')[0]!;
    expect(edit.attributes('aria-label')).toBe('Editar la cola Ventas');
    await edit.trigger('click');
    await flushPromises();

    const form = wrapper.get('[data-test="queue-settings-form"]');
    for (const input of form.findAll('input, select, textarea')) {
      expect(form.find(`label[for="${input.attributes('id')}"]`).exists()).toBe(true);
    }
    expect(document.activeElement).toBe(wrapper.get('[data-test="queue-name"]').element);
    // A queue cannot overflow to itself: it is not offered as a target.
    expect(wrapper.findAll('[data-test="queue-overflow"] option').map((o) => o.text())).toEqual(['Sin desbordamiento', 'Soporte']);
    expect(wrapper.get('[data-test="queue-overflow-after"]').attributes('disabled')).toBeDefined();

    await wrapper.get('[data-test="queue-name"]').setValue(' Ventas VIP ');
    await wrapper.get('[data-test="queue-sla"]').setValue('45');
    await wrapper.get('[data-test="queue-offer-timeout"]').setValue('15');
    await wrapper.get('[data-test="queue-priority"]').setValue('2');
    await wrapper.get('[data-test="queue-overflow"]').setValue('UXVldWU6Mg==');
    await wrapper.get('[data-test="queue-overflow-after"]').setValue('120');
    await wrapper.get('[data-test="queue-auto-reply"]').setValue('Volvemos a las 9.');
    await form.trigger('submit');
    await flushPromises();

    expect(save).toHaveBeenCalledWith({
      queueId: 'UXVldWU6MQ==',
      name: 'Ventas VIP',
      slaTargetSeconds: 45,
      offerTimeoutSeconds: 15,
      priority: 2,
      closedAutoReply: 'Volvemos a las 9.',
      overflowQueueId: 'UXVldWU6Mg==',
      overflowAfterSeconds: 120,
    });
    expect(wrapper.find('[data-test="queue-settings-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-test="queue-settings-saved"]').text()).toBe('Cola Ventas VIP guardada.');
  });

  it('shows the server’s refusal in place and keeps what was typed', async () => {
    save.mockResolvedValue({ ok: false, message: 'Give agents at least 5 seconds to answer.' });
    const wrapper = mountSettings();
    await wrapper.findAll('[data-test="queue-edit"]')[1]!.trigger('click');
    await wrapper.get('[data-test="queue-offer-timeout"]').setValue('2');
    await wrapper.get('[data-test="queue-settings-form"]').trigger('submit');
    await flushPromises();

    expect(save.mock.calls[0]![0]).toMatchObject({ queueId: 'UXVldWU6Mg==', offerTimeoutSeconds: 2, overflowQueueId: null, overflowAfterSeconds: null, closedAutoReply: null });
    const alert = wrapper.get('[data-test="queue-settings-error"]');
    expect(alert.attributes('role')).toBe('alert');
    expect(alert.text()).toBe('Give agents at least 5 seconds to answer.');
    expect((wrapper.get('[data-test="queue-offer-timeout"]').element as HTMLInputElement).value).toBe('2');
    expect(wrapper.find('[data-test="queue-settings-saved"]').exists()).toBe(false);
  });
});
