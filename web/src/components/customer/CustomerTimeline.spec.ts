import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { message } from '../../test/fixtures';
import CustomerTimeline from './CustomerTimeline.vue';

const now = Date.parse('2026-01-15T14:00:00Z');

function mountTimeline(props: Partial<InstanceType<typeof CustomerTimeline>['$props']>) {
  return mount(CustomerTimeline, {
    props: { items: [], interactions: [], now, ...props },
    global: { plugins: [createAppI18n('es')] },
  });
}

describe('CustomerTimeline', () => {
  it('shows messages across channels in order, with who wrote them', () => {
    const wrapper = mountTimeline({
      items: [
        message({ id: 'b', at: '2026-01-15T13:06:00Z', direction: 'outbound', agent: { id: 'u', name: 'Ana García' }, body: 'Hola, ¿en qué puedo ayudarte?', deliveryStatus: 'read' }),
        message({ id: 'a', at: '2026-01-15T13:05:00Z', body: 'Hola' }),
        message({ id: 'c', at: '2026-01-15T13:07:00Z', channel: 'EMAIL', body: 'Adjunto la factura' }),
      ],
    });
    const bubbles = wrapper.findAll('[data-test="timeline-message"]');
    expect(bubbles.map((b) => b.find('.bubble__body').text())).toEqual(['Hola', 'Hola, ¿en qué puedo ayudarte?', 'Adjunto la factura']);
    expect(bubbles[0]!.text()).toContain('WhatsApp del cliente');
    expect(bubbles[1]!.text()).toContain('WhatsApp de Ana García');
    expect(bubbles[2]!.text()).toContain('Correo del cliente');
  });

  it('names the campaign that sent a campaign message instead of calling it an automatic reply', () => {
    const wrapper = mountTimeline({
      items: [
        message({ id: 'a', at: '2026-01-15T13:05:00Z', direction: 'outbound', body: 'Hola Ana, 20 %', campaign: { campaignId: 'Q2FtcGFpZ246MQ==', name: 'Rebajas de enero' } }),
        message({ id: 'b', at: '2026-01-15T13:06:00Z', direction: 'outbound', body: 'Volvemos el lunes', automaticReply: 'away' }),
      ],
    });
    const bubbles = wrapper.findAll('[data-test="timeline-message"]');
    expect(bubbles[0]!.text()).toContain('Campaña «Rebajas de enero» por WhatsApp');
    expect(bubbles[0]!.text()).not.toContain('Respuesta automática');
    expect(bubbles[1]!.text()).toContain('Respuesta automática por WhatsApp · fuera de horario');
  });

  it('marks an email whose sender failed authentication, and only that one', () => {
    const wrapper = mountTimeline({
      items: [
        message({ id: 'forged', channel: 'EMAIL', senderVerified: false, at: '2026-01-15T13:05:00Z' }),
        message({ id: 'genuine', channel: 'EMAIL', senderVerified: true, at: '2026-01-15T13:06:00Z' }),
        message({ id: 'wa', at: '2026-01-15T13:07:00Z' }),
      ],
    });
    const badges = wrapper.findAll('[data-test="timeline-message"]').map((b) => b.find('[data-test="unverified-sender"]'));
    expect(badges.map((b) => b.exists())).toEqual([true, false, false]);
    expect(badges[0]!.text()).toContain('Remitente no verificado');
    expect(badges[0]!.attributes('title')).toContain('puede ser falsa');
  });

  it('shows delivery ticks and errors on outbound messages only', () => {
    const wrapper = mountTimeline({
      items: [
        message({ id: 'in', deliveryStatus: 'received' }),
        message({ id: 'ok', direction: 'outbound', deliveryStatus: 'delivered' }),
        message({ id: 'ko', direction: 'outbound', deliveryStatus: 'failed', errorCode: '63016' }),
      ],
    });
    const statuses = wrapper.findAll('[data-test="delivery-status"]');
    expect(statuses.map((s) => s.attributes('data-status'))).toEqual(['delivered', 'failed']);
    expect(statuses[0]!.text()).toBe('✓✓ Entregado');
    expect(statuses[1]!.text()).toContain('Error 63016');
  });

  it('says why a send failed: Twilio or the mail server unreachable, or the provider’s code', () => {
    const wrapper = mount(CustomerTimeline, {
      props: {
        items: [
          message({ id: 'wa', direction: 'outbound', channel: 'WHATSAPP', deliveryStatus: 'failed', errorCode: 'unreachable' }),
          message({ id: 'mail', direction: 'outbound', channel: 'EMAIL', deliveryStatus: 'failed', errorCode: 'unreachable' }),
          message({ id: 'smtp', direction: 'outbound', channel: 'EMAIL', deliveryStatus: 'failed', errorCode: '550' }),
        ],
        interactions: [],
        now,
      },
      global: { plugins: [createAppI18n('en')] },
    });
    const statuses = wrapper.findAll('[data-test="delivery-status"]').map((s) => s.text());
    expect(statuses).toEqual([
      '✕ Failed: Twilio could not be reached; nothing was sent — try again',
      '✕ Failed: The mail server could not be reached; nothing was sent — try again',
      '✕ Failed: Error 550',
    ]);
  });

  it('a failed call bridge reads as such, with its reason', () => {
    const wrapper = mountTimeline({
      items: [{ __typename: 'InteractionEvent', type: 'call_bridge_failed', at: '2026-01-15T13:00:00Z', actorType: 'system', data: { reason: 'Twilio could not be reached; nothing was sent — try again.' } }],
    });
    expect(wrapper.text()).toContain('No se pudo pasar la llamada al agente — el llamante volvió a la cola: Twilio could not be reached');
  });

  it('previews images, links other media, and links locations to a map', () => {
    const wrapper = mountTimeline({
      items: [
        message({ id: 'img', body: null, media: [{ url: '/media/1', contentType: 'image/jpeg' }, { url: '/media/2', contentType: 'application/pdf' }] }),
        message({ id: 'loc', body: null, location: { latitude: 40.4168, longitude: -3.7038, label: 'Sol' } }),
      ],
    });
    expect(wrapper.get('img').attributes('src')).toBe('/media/1');
    expect(wrapper.text()).toContain('Adjunto (application/pdf)');
    expect(wrapper.text()).toContain('Sol (40,417, -3,704)');
    expect(wrapper.get('a[href*="openstreetmap"]').attributes('href')).toContain('mlat=40.4168');
  });

  it('shows each call with its status and duration, and interaction steps in words', () => {
    const wrapper = mountTimeline({
      items: [{ __typename: 'InteractionEvent', type: 'assigned', at: '2026-01-15T13:00:10Z', actorType: 'system', data: {} }],
      interactions: [
        { id: 'i1', channel: 'VOICE', status: 'CLOSED', enqueuedAt: '2026-01-15T13:00:00Z', assignedAt: '2026-01-15T13:00:10Z', wrapUpAt: '2026-01-15T13:03:15Z', closedAt: '2026-01-15T13:04:00Z', abandonedAt: null, queue: { id: 'q', name: 'Soporte' }, recording: { url: 'https://api.twilio.com/RE1', durationSeconds: 185 } },
        { id: 'i2', channel: 'WHATSAPP', status: 'ASSIGNED', enqueuedAt: '2026-01-15T13:10:00Z', assignedAt: null, wrapUpAt: null, closedAt: null, abandonedAt: null, queue: { id: 'q', name: 'Soporte' }, recording: null },
      ],
    });
    const calls = wrapper.findAll('[data-test="timeline-call"]');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.text()).toContain('Llamada · Soporte');
    expect(calls[0]!.text()).toContain('Terminada');
    expect(calls[0]!.text()).toContain('Duración 3:05');
    expect(calls[0]!.get('[data-test="call-recording"]').text()).toBe('Grabación (3:05)');
    expect(wrapper.text()).toContain('Asignada');
  });

  it('shows whether a pushed link was opened', () => {
    const wrapper = mountTimeline({
      items: [message({ id: 'm9', direction: 'outbound', body: 'Guía: http://api/l/abc', deliveryStatus: 'read' })],
      pushes: [
        {
          id: 'p1', kind: 'LINK', mode: 'FREE_FORM', status: 'read', errorCode: null, opened: true, title: 'Guía', to: '+34612345678', createdAt: '2026-01-15T13:05:00Z',
          links: [{ url: 'https://shop.example', shortUrl: 'http://api/l/abc', opens: 3, firstOpenedAt: '2026-01-15T13:06:00Z' }], location: null, message: { id: 'm9' }, fallback: null,
        },
      ],
    });
    expect(wrapper.get('[data-test="push-link-state"]').text()).toBe('Enlace abierto (3)');
  });

  it('shows a private note as a distinct card with its text as plain text', () => {
    const wrapper = mountTimeline({
      items: [
        message({ id: 'a', at: '2026-01-15T13:05:00Z', body: 'Hola' }),
        { __typename: 'InteractionEvent', type: 'note', at: '2026-01-15T13:06:00Z', actorType: 'user', data: { text: '<b>VIP</b> llamar mañana' } },
      ],
    });
    const note = wrapper.get('[data-test="timeline-note"]');
    expect(note.text()).toContain('Nota privada');
    expect(note.get('.note__body').text()).toBe('<b>VIP</b> llamar mañana');
    expect(note.find('b').exists()).toBe(false);
    expect(wrapper.findAll('[data-test="timeline-message"]')).toHaveLength(1);
  });
});
