import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../composables/useRefusal';
import type { SupervisorQueue, UpdateQueueInput } from '../../graphql/queues';
import { createAppI18n } from '../../i18n';
import SupervisorQueueSettings from './SupervisorQueueSettings.vue';

const stats = { waiting: 0, waitingPastTarget: 0, longestWaitSeconds: 0, serviceLevelPercent: null, answered: 0, abandoned: 0, agentsAvailable: 0, agentsStaffed: 0, slaTargetSeconds: 20, since: '2026-01-15T00:00:00Z' };
const queue = (overrides: Partial<SupervisorQueue>): SupervisorQueue => ({
  id: 'UXVldWU6MQ==',
  name: 'Ventas',
  channels: ['WHATSAPP'],
  requiredSkills: [{ skill: 'ventas', level: 2 }],
  businessHours: null,
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
      channels: ['WHATSAPP'],
      requiredSkills: [{ skill: 'ventas', level: 2 }],
      businessHours: null,
      timezone: 'Europe/Madrid',
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

  it('edits channels, time zone, business hours per weekday and required skills with labelled controls', async () => {
    save.mockResolvedValue({ ok: true, value: {} });
    const wrapper = mountSettings();
    await wrapper.findAll('[data-test="queue-edit"]')[0]!.trigger('click');
    await flushPromises();
    const form = wrapper.get('[data-test="queue-settings-form"]');

    // Channels: one labelled checkbox each, the queue's own ticked.
    expect(wrapper.get('[data-test="queue-channels"] legend').text()).toBe('Canales');
    expect((wrapper.get('[data-test="queue-channel-WHATSAPP"]').element as HTMLInputElement).checked).toBe(true);
    await wrapper.get('[data-test="queue-channel-VOICE"]').setValue(true);
    await wrapper.get('[data-test="queue-channel-WHATSAPP"]').setValue(false);
    await wrapper.get('[data-test="queue-channel-EMAIL"]').setValue(true);

    // Time zone: every IANA zone the browser knows.
    const zones = wrapper.findAll('[data-test="queue-timezone"] option').map((o) => o.attributes('value'));
    expect(zones).toContain('America/Bogota');
    expect(zones.length).toBeGreaterThan(100);
    await wrapper.get('[data-test="queue-timezone"]').setValue('America/Bogota');

    // Hours: "always open" off starts from office hours on weekdays; edit, add and remove windows.
    expect(wrapper.find('[data-test="queue-hours-mon"]').exists()).toBe(false);
    await wrapper.get('[data-test="queue-always-open"]').setValue(false);
    expect(wrapper.get('[data-test="queue-hours-sat"]').text()).toContain('Cerrado');
    const mondayClose = wrapper.get('[data-test="queue-hours-mon"] [data-test="queue-hours-close"]');
    expect(form.get(`label[for="${mondayClose.attributes('id')}"]`).text()).toBe('Lunes cierra a las');
    await mondayClose.setValue('14:00');
    const addSaturday = wrapper.get('[data-test="queue-hours-sat"] [data-test="queue-hours-add"]');
    expect(addSaturday.attributes('aria-label')).toBe('Añadir horario el Sábado');
    await addSaturday.trigger('click');
    await flushPromises();
    const saturdayOpen = wrapper.get('[data-test="queue-hours-sat"] [data-test="queue-hours-open"]');
    expect(document.activeElement).toBe(saturdayOpen.element);
    await saturdayOpen.setValue('10:00');
    await wrapper.get('[data-test="queue-hours-sat"] [data-test="queue-hours-close"]').setValue('13:00');
    const removeFriday = wrapper.get('[data-test="queue-hours-fri"] [data-test="queue-hours-remove"]');
    expect(removeFriday.attributes('aria-label')).toBe('Quitar Viernes 09:00–18:00');
    await removeFriday.trigger('click');

    // Skills: a list; a new row takes the focus; an unnamed row is not sent.
    expect(wrapper.get('[data-test="queue-skill-remove"]').attributes('aria-label')).toBe('Quitar la habilidad ventas');
    await wrapper.get('[data-test="queue-skill-add"]').trigger('click');
    await flushPromises();
    const names = wrapper.findAll('[data-test="queue-skill-name"]');
    expect(document.activeElement).toBe(names[1]!.element);
    await names[1]!.setValue(' devoluciones ');
    await wrapper.findAll('[data-test="queue-skill-level"]')[1]!.setValue('4');
    await wrapper.get('[data-test="queue-skill-add"]').trigger('click');

    for (const input of form.findAll('input, select, textarea')) {
      expect(form.find(`label[for="${input.attributes('id')}"]`).exists(), input.html()).toBe(true);
    }
    await form.trigger('submit');
    await flushPromises();
    expect(save.mock.calls[0]![0]).toMatchObject({
      channels: ['VOICE', 'EMAIL'],
      timezone: 'America/Bogota',
      businessHours: {
        mon: [{ open: '09:00', close: '14:00' }],
        tue: [{ open: '09:00', close: '18:00' }],
        wed: [{ open: '09:00', close: '18:00' }],
        thu: [{ open: '09:00', close: '18:00' }],
        sat: [{ open: '10:00', close: '13:00' }],
      },
      requiredSkills: [{ skill: 'ventas', level: 2 }, { skill: 'devoluciones', level: 4 }],
    });
    expect(Object.keys(save.mock.calls[0]![0].businessHours!)).not.toContain('fri');
  });

  it('shows a refused channel change in place, keeping the form as it was', async () => {
    save.mockResolvedValue({ ok: false, message: 'A queue serves at least one channel.' });
    const wrapper = mountSettings();
    await wrapper.findAll('[data-test="queue-edit"]')[0]!.trigger('click');
    await wrapper.get('[data-test="queue-channel-WHATSAPP"]').setValue(false);
    await wrapper.get('[data-test="queue-settings-form"]').trigger('submit');
    await flushPromises();
    expect(save.mock.calls[0]![0].channels).toEqual([]);
    expect(wrapper.get('[data-test="queue-settings-error"]').text()).toBe('A queue serves at least one channel.');
    expect((wrapper.get('[data-test="queue-channel-WHATSAPP"]').element as HTMLInputElement).checked).toBe(false);
  });
});
