import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookEndpoint } from '../../graphql/webhooks';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import AdminWebhooks from './AdminWebhooks.vue';

const endpoint = (overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id: 'e-1',
  url: 'https://crm.example.com/hooks',
  description: 'CRM',
  eventTypes: ['INTERACTION_CREATED', 'CUSTOMER_ERASED'],
  enabled: true,
  disabledReason: null,
  secretHint: 'whsec_AbCd…',
  previousSecretExpiresAt: null,
  createdAt: '2026-01-15T10:00:00Z',
  ...overrides,
});
const delivery: WebhookDelivery = {
  id: '7',
  eventId: 'msg_0123',
  eventType: 'INTERACTION_CREATED',
  occurredAt: '2026-01-16T09:30:00Z',
  status: 'FAILED',
  attemptCount: 2,
  nextAttemptAt: null,
  lastOutcome: 'UNREACHABLE',
  lastResponseStatus: null,
  lastError: 'ECONNREFUSED',
  attempts: [
    { number: 1, manual: false, outcome: 'REFUSED', responseStatus: 500, error: 'The receiver answered HTTP 500', durationMs: 12, startedAt: '2026-01-16T09:30:00Z' },
    { number: 2, manual: false, outcome: 'UNREACHABLE', responseStatus: null, error: 'ECONNREFUSED', durationMs: 3, startedAt: '2026-01-16T09:30:05Z' },
  ],
};
let answers: Record<string, unknown>;

async function mountWebhooks() {
  const fake = createFakeClient((operation): FakeResponse => {
    const name = operationName(operation);
    if (name === 'WebhookEndpoints') return { data: { webhookEndpoints: [endpoint(), endpoint({ id: 'e-2', url: 'https://old.example.com/h', enabled: false, disabledReason: 'The receiver answered 410 Gone' })] } };
    if (name === 'WebhookDeliveries') return { data: { webhookDeliveries: [delivery] } };
    return { data: (answers[name] as Record<string, unknown>) ?? null };
  });
  const wrapper = mount(AdminWebhooks, { global: { plugins: [createAppI18n('en'), [urql, fake.client]] } });
  await flushPromises();
  return { wrapper, fake };
}
const sent = (fake: Awaited<ReturnType<typeof mountWebhooks>>['fake'], name: string) => fake.operations.filter((o) => operationName(o) === name).map((o) => o.variables);

beforeEach(() => {
  answers = {};
});

describe('AdminWebhooks', () => {
  it('lists endpoints with their events and state; a 410-disabled one says why', async () => {
    const { wrapper } = await mountWebhooks();
    const rows = wrapper.findAll('[data-test="endpoint-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('interaction.created, customer.erased');
    expect(rows.map((r) => r.get('[data-test="endpoint-state"]').text())).toEqual(['Enabled', 'Disabled']);
    expect(rows[1]!.text()).toContain('410 Gone');
  });

  it('adds an endpoint with the events ticked and shows its secret once', async () => {
    answers.CreateWebhookEndpoint = { createWebhookEndpoint: { __typename: 'WebhookEndpointSecretPayload', secret: 'whsec_c2VjcmV0', endpoint: endpoint({ id: 'e-3' }) } };
    const { wrapper, fake } = await mountWebhooks();
    await wrapper.get('[data-test="new-url"]').setValue('https://crm.example.com/hooks');
    await wrapper.get('input[value="CUSTOMER_ERASED"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(sent(fake, 'CreateWebhookEndpoint')[0]).toEqual({ input: { url: 'https://crm.example.com/hooks', description: '', eventTypes: ['INTERACTION_CREATED', 'INTERACTION_CLOSED', 'CUSTOMER_ERASED'] } });
    expect(wrapper.get('[data-test="one-time-password-value"]').text()).toBe('whsec_c2VjcmV0');
    expect(wrapper.text()).toContain('Signing secret for https://crm.example.com/hooks');
  });

  it('shows the delivery log with each attempt told apart (refused, unreachable) and replays a failed delivery', async () => {
    answers.ReplayWebhookDelivery = { replayWebhookDelivery: { __typename: 'ReplayWebhookDeliveryPayload', delivery: { ...delivery, status: 'PENDING' } } };
    const { wrapper, fake } = await mountWebhooks();
    await wrapper.findAll('[data-test="show-log"]')[0]!.trigger('click');
    await flushPromises();
    const row = wrapper.get('[data-test="delivery-row"]');
    expect(row.text()).toContain('msg_0123');
    expect(row.text()).toContain('refused by the receiver 500');
    expect(row.text()).toContain('receiver unreachable');
    await row.get('[data-test="replay"]').trigger('click');
    await flushPromises();
    expect(sent(fake, 'ReplayWebhookDelivery')[0]).toEqual({ input: { deliveryId: '7' } });
    expect(wrapper.get('[data-test="webhooks-message"]').text()).toBe('Sent again with the same webhook-id.');
  });

  it('reports a refusal in the server’s words', async () => {
    answers.RotateWebhookEndpointSecret = { rotateWebhookEndpointSecret: { __typename: 'NotFoundError', message: 'Webhook endpoint was not found.' } };
    const { wrapper } = await mountWebhooks();
    await wrapper.findAll('[data-test="rotate-secret"]')[0]!.trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-test="webhooks-message"]').text()).toBe('Webhook endpoint was not found.');
  });
});
