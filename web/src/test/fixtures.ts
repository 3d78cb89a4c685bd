// Test data shaped like the API's answers (see schema/schema.graphql).
import type { AgentProfile } from '../graphql/agents';
import type { CustomerDetail } from '../graphql/customers';
import type { InteractionDetail, Message } from '../graphql/interactions';
import type { Offer } from '../graphql/offers';

export const agentProfile = (status: AgentProfile['presence']['status'] = 'OFFLINE', whatsappUsed = 0): AgentProfile => ({
  presence: { status, since: '2026-01-15T08:00:00Z', reason: null },
  capacity: [
    { channel: 'VOICE', slots: 1, used: 0 },
    { channel: 'WHATSAPP', slots: 2, used: whatsappUsed },
  ],
  queues: [{ id: 'UXVldWU6MQ==', name: 'Ventas' }],
});

export function offer(overrides: Partial<Offer> = {}, now = Date.now()): Offer {
  return {
    id: 'T2ZmZXI6MQ==',
    createdAt: new Date(now - 5_000).toISOString(),
    expiresAt: new Date(now + 25_000).toISOString(),
    decidedAt: null,
    outcome: null,
    interaction: {
      id: 'SW50ZXJhY3Rpb246MQ==',
      channel: 'WHATSAPP',
      status: 'OFFERED',
      subject: null,
      enqueuedAt: new Date(now - 42_000).toISOString(),
      queue: { id: 'UXVldWU6MQ==', name: 'Ventas' },
      customer: { id: 'Q3VzdG9tZXI6MQ==', displayName: 'María López', identities: [{ kind: 'WHATSAPP', value: '+34612345678' }] },
    },
    ...overrides,
  };
}

export function message(overrides: Partial<Message> = {}): Message {
  return {
    __typename: 'Message',
    id: 'm1',
    direction: 'inbound',
    channel: 'WHATSAPP',
    body: 'Hola, necesito ayuda',
    media: [],
    location: null,
    deliveryStatus: 'received',
    errorCode: null,
    automaticReply: null,
    campaign: null,
    at: '2026-01-15T13:05:00Z',
    agent: null,
    senderVerified: null,
    ...overrides,
  };
}

export function interactionDetail(overrides: Partial<InteractionDetail> = {}): InteractionDetail {
  return {
    id: 'SW50ZXJhY3Rpb246MQ==',
    channel: 'WHATSAPP',
    status: 'ASSIGNED',
    subject: null,
    context: { pedido: 'PED-42' },
    priority: 0,
    enqueuedAt: '2026-01-15T13:05:00Z',
    assignedAt: '2026-01-15T13:05:10Z',
    wrapUpAt: null,
    closedAt: null,
    queue: { id: 'UXVldWU6MQ==', name: 'Ventas' },
    assignedAgent: { id: 'VXNlcjox', name: 'Ana García' },
    customer: { id: 'Q3VzdG9tZXI6MQ==' },
    messages: [message()],
    whatsAppWindow: { open: true, closesAt: '2026-01-16T13:05:00Z', optedOut: false },
    onHold: false,
    senderVerified: null,
    campaign: null,
    ...overrides,
  };
}

export function customerDetail(overrides: Partial<CustomerDetail> = {}): CustomerDetail {
  return {
    id: 'Q3VzdG9tZXI6MQ==',
    displayName: 'María López',
    createdAt: '2025-12-01T10:00:00Z',
    identities: [{ kind: 'WHATSAPP', value: '+34612345678', label: null, createdAt: '2025-12-01T10:00:00Z' }],
    interactions: [],
    timeline: [message()],
    serviceConsent: 'GRANTED',
    marketingConsent: 'NONE',
    serviceWindowExpiresAt: null,
    ...overrides,
  };
}
