import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { WhatsAppTemplate } from '../../graphql/templates';
import { createAppI18n } from '../../i18n';
import InteractionComposer from './InteractionComposer.vue';

const now = Date.parse('2026-01-15T14:00:00Z');
const templates: WhatsAppTemplate[] = [
  { contentSid: 'HX1', name: 'seguimiento', language: 'es', body: 'Hola {{1}}, su pedido {{2}} está listo.', variables: [{ key: '1', sample: 'Lucía' }, { key: '2', sample: 'A-1' }] },
  { contentSid: 'HX2', name: 'recordatorio', language: 'es', body: 'Le recordamos su cita.', variables: [] },
];

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

  it('offers approved templates instead of free text when the WhatsApp window is closed, with a labelled input per value', async () => {
    const composer = mountComposer({ windowEnd: now - 1, templates });
    expect(composer.get('[data-test="composer-window-closed"]').text()).toContain('Elige una plantilla aprobada');
    expect(composer.find('textarea').exists()).toBe(false);
    const select = composer.get('[data-test="template-select"]');
    expect(composer.get(`label[for="${select.attributes('id')}"]`).text()).toBe('Plantilla');
    expect(select.attributes('aria-describedby')).toContain(composer.get('[data-test="composer-window-closed"]').attributes('id'));
    const send = composer.get('[data-test="composer-send"]');
    expect(send.text()).toBe('Enviar plantilla');
    expect(send.attributes('disabled')).toBeDefined();

    await select.setValue('HX1');
    const inputs = composer.findAll('[data-test="template-value"]');
    expect(inputs.map((i) => composer.get(`label[for="${i.attributes('id')}"]`).text())).toEqual(['Valor 1', 'Valor 2']);
    expect(inputs.map((i) => i.attributes('placeholder'))).toEqual(['Lucía', 'A-1']);
    await inputs[0]!.setValue(' Marta ');
    expect(composer.get('[data-test="template-preview"]').text()).toContain('Hola Marta, su pedido {{2}} está listo.');
    expect(send.attributes('disabled')).toBeDefined();
    await inputs[1]!.setValue('B-7');
    expect(send.attributes('disabled')).toBeUndefined();
    await composer.get('form').trigger('submit');
    expect(composer.emitted('template')).toEqual([[{ contentSid: 'HX1', variables: [{ key: '1', value: 'Marta' }, { key: '2', value: 'B-7' }] }]]);
    expect(composer.emitted('send')).toBeUndefined();

    // Another template starts with empty values; one without placeholders can go at once.
    await select.setValue('HX2');
    expect(composer.findAll('[data-test="template-value"]')).toHaveLength(0);
    expect(composer.get('[data-test="composer-send"]').attributes('disabled')).toBeUndefined();
  });

  it('shows the server’s refusal of a template in place, read with the picker', async () => {
    const composer = mountComposer({ windowEnd: now - 1, templates, error: 'Template HX1 is pending, not approved by WhatsApp — choose an approved template.' });
    const alert = composer.get('[data-test="composer-error"]');
    expect(alert.attributes('role')).toBe('alert');
    expect(composer.get('[data-test="template-select"]').attributes('aria-describedby')).toContain(alert.attributes('id'));
  });

  it('says so when there is no approved template to send', () => {
    const composer = mountComposer({ windowEnd: null, templates: [] });
    expect(composer.get('[data-test="template-none"]').text()).toContain('No hay plantillas aprobadas');
    expect(composer.get('[data-test="template-select"]').attributes('disabled')).toBeDefined();
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

  it('on a call takes private notes only: a visible label, no reply mode, no canned responses', async () => {
    const composer = mountComposer({ channel: 'VOICE', canSend: false, windowEnd: null });
    expect(composer.find('[data-test="composer-mode-reply"]').exists()).toBe(false);
    expect(composer.find('[data-test="composer-canned"]').exists()).toBe(false);
    expect(composer.find('[data-test="composer-blocked"]').exists()).toBe(false);
    const text = composer.get('textarea');
    const label = composer.get(`label[for="${text.attributes('id')}"]`);
    expect(label.text()).toBe('Nota privada');
    expect(label.classes()).not.toContain('visually-hidden');
    await text.setValue('  Pide que le llamen mañana  ');
    expect(composer.get('[data-test="composer-send"]').text()).toBe('Guardar nota');
    await text.trigger('keydown', { key: 'Enter', ctrlKey: true });
    expect(composer.emitted('note')).toEqual([['Pide que le llamen mañana']]);
    expect(composer.emitted('send')).toBeUndefined();
    expect(composer.emitted('typing')?.some(([typing]) => typing)).toBeFalsy();
  });

  it('switches to notes when the agent moves from a chat to a call', async () => {
    const composer = mountComposer();
    await composer.setProps({ channel: 'VOICE', canSend: false });
    await composer.get('textarea').setValue('Nota');
    await composer.get('form').trigger('submit');
    expect(composer.emitted('note')).toEqual([['Nota']]);
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
