import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import InteractionComposer from './InteractionComposer.vue';

const now = Date.parse('2026-01-15T14:00:00Z');

function mountComposer(props: Partial<InstanceType<typeof InteractionComposer>['$props']> = {}) {
  return mount(InteractionComposer, {
    props: { channel: 'WHATSAPP', status: 'ASSIGNED', windowEnd: now + 3_600_000, now, canSend: true, ...props },
    global: { plugins: [createAppI18n('es')] },
    attachTo: document.body,
  });
}

describe('InteractionComposer', () => {
  it('has a labelled text box; Ctrl+Enter sends the trimmed text', async () => {
    const composer = mountComposer();
    const text = composer.get('textarea');
    expect(composer.get(`label[for="${text.attributes('id')}"]`).text()).toBe('Responder por WhatsApp');
    await text.setValue('  Hola  ');
    await text.trigger('keydown', { key: 'Enter', ctrlKey: true });
    expect(composer.emitted('send')).toEqual([['Hola']]);
  });

  it('inserts a canned response and keeps the focus in the text box', async () => {
    const composer = mountComposer();
    await composer.get('[data-test="composer-canned"]').setValue('followUp');
    expect((composer.get('textarea').element as HTMLTextAreaElement).value).toBe('¿Puedo ayudarte en algo más?');
    expect(document.activeElement).toBe(composer.get('textarea').element);
  });

  it('offers the template picker instead of free text when the WhatsApp window is closed', async () => {
    const composer = mountComposer({ windowEnd: now - 1 });
    expect(composer.get('[data-test="composer-blocked"]').text()).toContain('La ventana de 24 horas de WhatsApp está cerrada');
    expect(composer.get('select[disabled]').text()).toContain('responder con una plantilla');
    await composer.get('textarea').setValue('Hola');
    expect(composer.get('[data-test="composer-send"]').attributes('disabled')).toBeDefined();
  });

  it('says why it cannot send: opted out, no API for the channel, interaction over', async () => {
    const composer = mountComposer({ optedOut: true });
    expect(composer.get('[data-test="composer-blocked"]').text()).toContain('se dio de baja');
    await composer.setProps({ optedOut: false, channel: 'EMAIL', canSend: false });
    expect(composer.get('[data-test="composer-blocked"]').text()).toContain('por Correo');
    await composer.setProps({ status: 'CLOSED' });
    expect(composer.get('[data-test="composer-blocked"]').text()).toBe('Esta interacción ha terminado; no admite respuestas.');
  });

  it('shows the server’s refusal in place, tied to the text box', () => {
    const composer = mountComposer({ error: 'The 24-hour window is closed.' });
    const alert = composer.get('[data-test="composer-error"]');
    expect(alert.attributes('role')).toBe('alert');
    expect(composer.get('textarea').attributes('aria-describedby')).toContain(alert.attributes('id'));
  });

  it('is not shown for calls (the softphone is)', () => {
    expect(mountComposer({ channel: 'VOICE' }).find('[data-test="composer"]').exists()).toBe(false);
  });

  it('in note mode saves a private note (even when replies are blocked) and never says the agent is typing', async () => {
    const composer = mountComposer({ windowEnd: now - 1 });
    await composer.get('[data-test="composer-mode-note"]').trigger('click');
    expect(composer.get('[data-test="composer-mode-note"]').attributes('aria-pressed')).toBe('true');
    expect(composer.find('[data-test="composer-blocked"]').exists()).toBe(false);
    const text = composer.get('textarea');
    expect(text.attributes('maxlength')).toBe('4000');
    expect(composer.get(`label[for="${text.attributes('id')}"]`).text()).toBe('Nota privada');
    await text.setValue('  Prefiere que le llamen por la mañana  ');
    expect(composer.get('[data-test="composer-send"]').text()).toBe('Guardar nota');
    await text.trigger('keydown', { key: 'Enter', ctrlKey: true });
    expect(composer.emitted('note')).toEqual([['Prefiere que le llamen por la mañana']]);
    expect(composer.emitted('send')).toBeUndefined();
    expect(composer.emitted('typing')?.some(([typing]) => typing)).toBeFalsy();
  });
});
