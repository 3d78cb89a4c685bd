import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { customerDetail } from '../../test/fixtures';
import CustomerCard from './CustomerCard.vue';

const now = Date.parse('2026-01-15T14:00:00Z');

function mountCard(props: Partial<InstanceType<typeof CustomerCard>['$props']> = {}) {
  return mount(CustomerCard, {
    props: { customer: customerDetail(), context: {}, windowEnd: null, now, ...props },
    global: { plugins: [createAppI18n('en')] },
  });
}

describe('CustomerCard', () => {
  it('shows identities, and counts the WhatsApp window down', () => {
    const card = mountCard({ windowEnd: now + (3 * 3600 + 5 * 60 + 9) * 1000 });
    expect(card.get('h2').text()).toBe('María López');
    expect(card.text()).toContain('WhatsApp');
    expect(card.text()).toContain('+34612345678');
    expect(card.get('[data-test="whatsapp-window"]').text()).toBe('Open for 3:05:09');
  });

  it('says when the window is closed or was never opened', async () => {
    const card = mountCard({ windowEnd: now - 1 });
    expect(card.get('[data-test="whatsapp-window"]').text()).toBe('Closed: only approved templates can be sent');
    await card.setProps({ windowEnd: null });
    expect(card.get('[data-test="whatsapp-window"]').text()).toBe('The customer has not written on WhatsApp');
  });

  it('shows opt-out when the API reports it, and what integrators attached', () => {
    const card = mountCard({ optedOut: true, context: { orderId: 'A-42', page: 'https://shop.example/checkout' } });
    expect(card.get('[data-test="opt-out"]').text()).toBe('Opted out of WhatsApp (STOP)');
    const context = card.get('[data-test="customer-context"]');
    expect(context.text()).toContain('orderId');
    expect(context.text()).toContain('A-42');
    expect(context.get('a').attributes('href')).toBe('https://shop.example/checkout');
  });

  it('shows consent per purpose as the API records it', () => {
    const consent = mountCard({ customer: customerDetail({ serviceConsent: 'GRANTED', marketingConsent: 'OPTED_OUT' }) }).get('[data-test="consent"]');
    expect(consent.text()).toBe('Service messagesGrantedMarketingWithdrawn (STOP)');
  });

  it('flattens nested context into readable rows, and leaves out the WhatsApp window for web-only visitors', () => {
    const card = mountCard({
      customer: customerDetail({ identities: [{ kind: 'WEBCHAT', value: 'visitor-1', label: null, createdAt: '2025-12-01T10:00:00Z' }] }),
      context: { webchat: { pageTitle: 'Checkout', siteContext: { orderId: 'A-42' } } },
    });
    expect(card.find('[data-test="whatsapp-window"]').exists()).toBe(false);
    const rows = card.get('[data-test="customer-context"]').findAll('dt').map((dt) => dt.text());
    expect(rows).toEqual(['webchat.pageTitle', 'webchat.siteContext.orderId']);
  });

  it('does not claim an opt-out state the API did not give', () => {
    expect(mountCard({ optedOut: null }).find('[data-test="opt-out"]').exists()).toBe(false);
  });
});
