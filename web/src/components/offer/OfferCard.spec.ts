import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { offer } from '../../test/fixtures';
import OfferCard from './OfferCard.vue';

const now = Date.parse('2026-01-15T13:05:00Z');

function mountCard(props: Partial<InstanceType<typeof OfferCard>['$props']> = {}, locale: 'es' | 'en' = 'es') {
  return mount(OfferCard, {
    props: { offer: offer({}, now), now, ...props },
    global: { plugins: [createAppI18n(locale)] },
  });
}

describe('OfferCard', () => {
  it('shows channel, customer, queue, how long they waited and the countdown', () => {
    const card = mountCard();
    expect(card.get('svg[role="img"]').attributes('aria-label')).toBe('WhatsApp');
    expect(card.get('h3').text()).toBe('María López');
    expect(card.text()).toContain('Cola: Ventas');
    expect(card.get('[data-test="offer-waited"]').text()).toBe('Esperando 0:42');
    expect(card.get('[data-test="offer-countdown"]').text()).toBe('Caduca en 0:25');
  });

  it('counts down as time passes and never shows more than the offer was given', async () => {
    const card = mountCard();
    await card.setProps({ now: now + 10_000 });
    expect(card.get('[data-test="offer-countdown"]').text()).toBe('Caduca en 0:15');
    await card.setProps({ now: now - 60_000 });
    expect(card.get('[data-test="offer-countdown"]').text()).toBe('Caduca en 0:30');
  });

  it('has labelled buttons that accept and decline', async () => {
    const card = mountCard({}, 'en');
    const accept = card.get('[data-test="offer-accept"]');
    expect(accept.attributes('aria-label')).toBe('Accept WhatsApp from María López');
    await accept.trigger('click');
    await card.get('[data-test="offer-decline"]').trigger('click');
    expect(card.emitted('accept')).toHaveLength(1);
    expect(card.emitted('decline')).toHaveLength(1);
  });

  it('disables the decision once expired, and shows a refusal as an alert', () => {
    const card = mountCard({ now: now + 26_000, error: 'This offer expired.' });
    expect(card.get('[data-test="offer-countdown"]').text()).toBe('Caducada');
    expect(card.get('[data-test="offer-accept"]').attributes('disabled')).toBeDefined();
    const alert = card.get('[data-test="offer-error"]');
    expect(alert.attributes('role')).toBe('alert');
    expect(alert.text()).toContain('This offer expired.');
  });
});
