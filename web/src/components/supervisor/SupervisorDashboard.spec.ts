import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SupervisedAgent } from '../../graphql/agents';
import type { QueueStats, SupervisorQueue } from '../../graphql/queues';
import type { ActiveInteraction } from '../../graphql/supervisor';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import SupervisorDashboard from './SupervisorDashboard.vue';

const stats = (overrides: Partial<QueueStats> = {}): QueueStats => ({
  waiting: 0,
  waitingPastTarget: 0,
  longestWaitSeconds: 0,
  serviceLevelPercent: 92.5,
  answered: 12,
  abandoned: 1,
  agentsAvailable: 1,
  agentsStaffed: 2,
  slaTargetSeconds: 20,
  since: '2026-01-15T00:00:00Z',
  ...overrides,
});

const queue: SupervisorQueue = {
  id: 'UXVldWU6MQ==',
  name: 'Ventas',
  channels: ['WHATSAPP', 'VOICE'],
  requiredSkills: [],
  businessHours: null,
  slaTargetSeconds: 20,
  offerTimeoutSeconds: 30,
  overflowAfterSeconds: null,
  priority: 0,
  timezone: 'Europe/Madrid',
  closedAutoReply: null,
  overflowQueue: null,
  open: true,
  stats: stats(),
};

const agents: SupervisedAgent[] = [
  {
    user: { id: 'VXNlcjox', name: 'Ana García', email: 'ana@example.com' },
    presence: { status: 'AVAILABLE', since: '2026-01-15T08:00:00Z', reason: null },
    capacity: [{ channel: 'WHATSAPP', slots: 2, used: 1 }],
    queues: [{ id: queue.id, name: 'Ventas' }],
    occupancy: 0.625,
  },
  {
    user: { id: 'VXNlcjoy', name: 'Luis Pérez', email: 'luis@example.com' },
    presence: { status: 'AWAY', since: '2026-01-15T08:00:00Z', reason: null },
    capacity: [{ channel: 'WHATSAPP', slots: 2, used: 0 }],
    queues: [{ id: queue.id, name: 'Ventas' }],
    occupancy: null,
  },
];

const interaction: ActiveInteraction = {
  id: 'SW50ZXJhY3Rpb246MQ==',
  channel: 'WHATSAPP',
  status: 'ASSIGNED',
  enqueuedAt: new Date(Date.now() - 65_000).toISOString(),
  assignedAt: new Date(Date.now() - 60_000).toISOString(),
  queue: { id: queue.id, name: 'Ventas' },
  assignedAgent: { id: 'VXNlcjox', name: 'Ana García' },
  customer: { id: 'Q3VzdG9tZXI6MQ==', displayName: 'María López', identities: [] },
};

let reassignAnswer: Record<string, unknown>;
let listed: ActiveInteraction[];
let pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };

async function mountDashboard() {
  const fake = createFakeClient((operation): FakeResponse => {
    switch (operationName(operation)) {
      case 'SupervisorQueues':
        return { data: { queues: [queue] } };
      case 'SupervisorAgents':
        return { data: { agents } };
      case 'ActiveInteractions':
        return { data: { interactions: { edges: listed.map((node) => ({ node })), pageInfo: { ...pageInfo } } } };
      case 'HeldInteractions':
        return { data: { interactions: { edges: [{ node: interaction }] } } };
      case 'PushFigures':
        return {
          data: {
            pushFigures: {
              pushes: 8, sent: 8, delivered: 7, read: 5, failed: 1, deliveredRate: 0.875, readRate: 0.625, linkOpenedRate: 0.5,
              medianSecondsCallToPush: 95, refusals: [{ reason: 'no_consent', count: 3 }, { reason: 'window_closed', count: 1 }],
            },
          },
        };
      case 'ReassignInteraction':
        return { data: { reassignInteraction: reassignAnswer } };
      case 'SetAgentPresence':
        return { data: { setAgentPresence: { __typename: 'PresencePayload', agent: { presence: { status: 'AVAILABLE', since: '2026-01-15T09:00:00Z' } } } } };
      default:
        return { data: null };
    }
  });
  const wrapper = mount(SupervisorDashboard, { global: { plugins: [createAppI18n('en'), [urql, fake.client]] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, fake };
}

const row = (wrapper: Awaited<ReturnType<typeof mountDashboard>>['wrapper']) => wrapper.get('[data-test="queue-row"]');

beforeEach(() => {
  document.body.innerHTML = '';
  reassignAnswer = { __typename: 'InteractionPayload', interaction: { id: 'x', status: 'TRANSFERRED' } };
  listed = [interaction];
  pageInfo = { hasNextPage: false, hasPreviousPage: false, startCursor: 'c0', endCursor: 'c0' };
});
afterEach(() => vi.useRealTimers());

describe('SupervisorDashboard', () => {
  it('shows each queue’s live figures, formatted for the locale', async () => {
    const { wrapper, fake } = await mountDashboard();
    expect(row(wrapper).get('[data-test="queue-waiting"]').text()).toBe('0');
    expect(row(wrapper).get('[data-test="queue-sla"]').text()).toContain('92.5%');
    expect(row(wrapper).get('[data-test="queue-sla"]').text()).toContain('target 20 sec');
    expect(row(wrapper).get('[data-test="queue-available"]').text()).toBe('1');
    // Ana holds an interaction: busy in the queue she serves.
    expect(row(wrapper).get('[data-test="queue-busy"]').text()).toBe('1');
    expect(fake.openSubscriptions()).toEqual(['QueueStatsLive', 'AgentsUpdated', 'PushFiguresUpdated']);
  });

  it('updates a queue’s figures from the subscription, without reloading', async () => {
    const { wrapper, fake } = await mountDashboard();
    const before = fake.operations.filter((o) => operationName(o) === 'SupervisorQueues').length;
    fake.push('QueueStatsLive', { queueStats: { queue: { id: queue.id }, ...stats({ waiting: 3, longestWaitSeconds: 75, since: '2026-01-15T00:00:01Z' }) } });
    await flushPromises();
    expect(row(wrapper).get('[data-test="queue-waiting"]').text()).toBe('3');
    expect(row(wrapper).get('[data-test="queue-longest"]').text()).toBe('1:15');
    expect(fake.operations.filter((o) => operationName(o) === 'SupervisorQueues').length).toBe(before);
  });

  it('lists agents with state, current interactions and utilization, and changes a presence', async () => {
    const { wrapper, fake } = await mountDashboard();
    const rows = wrapper.findAll('[data-test="agent-row"]');
    expect(rows[0]!.get('[data-test="agent-current"]').text()).toContain('María López');
    expect(rows[0]!.text()).toContain('50%');
    // Time-based occupancy beside utilisation; none for an agent with no available time today.
    expect(rows[0]!.get('[data-test="agent-occupancy"]').text()).toBe('62.5%');
    expect(rows[1]!.get('[data-test="agent-occupancy"]').text()).toBe('—');
    expect(wrapper.text()).toContain('Occupancy = time handling interactions');
    expect(wrapper.text()).not.toContain('not reported');
    const select = rows[1]!.get('select');
    expect(wrapper.get(`label[for="${select.attributes('id')}"]`).text()).toBe('Set status of Luis Pérez');
    await select.setValue('AVAILABLE');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'SetAgentPresence')?.variables).toEqual({ agentId: 'VXNlcjoy', status: 'AVAILABLE' });
    expect(wrapper.text()).toContain('Luis Pérez is now Available.');
  });

  it('updates an agent’s row and the push figures from their own subscriptions; queue events reload only interactions', async () => {
    vi.useFakeTimers();
    const { wrapper, fake } = await mountDashboard();
    const count = (name: string) => fake.operations.filter((o) => operationName(o) === name).length;
    const before = { agents: count('SupervisorAgents'), figures: count('PushFigures'), interactions: count('ActiveInteractions') };

    fake.push('AgentsUpdated', { agentsUpdated: { ...agents[1]!, presence: { status: 'BUSY', since: '2026-01-15T09:00:00Z' }, occupancy: 0.25 } });
    fake.push('PushFiguresUpdated', {
      pushFiguresUpdated: {
        pushes: 9, sent: 9, delivered: 9, read: 9, failed: 0, deliveredRate: 1, readRate: 1, linkOpenedRate: null,
        medianSecondsCallToPush: 30, refusals: [{ reason: 'spacing', count: 2 }],
      },
    });
    fake.push('QueueStatsLive', { queueStats: { queue: { id: queue.id }, ...stats({ waiting: 1, since: '2026-01-15T00:00:02Z' }) } });
    await vi.advanceTimersByTimeAsync(600);
    await flushPromises();

    const luis = wrapper.findAll('[data-test="agent-row"]')[1]!;
    expect((luis.get('[data-test="agent-presence"]').element as HTMLSelectElement).value).toBe('BUSY');
    expect(luis.get('[data-test="agent-occupancy"]').text()).toBe('25%');
    const figures = wrapper.get('[data-test="push-figures"]').text();
    expect(figures).toContain('Too soon after the last one2');
    expect(figures).not.toContain('No consent');
    expect(count('SupervisorAgents')).toBe(before.agents);
    expect(count('PushFigures')).toBe(before.figures);
    expect(count('ActiveInteractions')).toBe(before.interactions + 1);
  });

  it('reloads the agent list when an agent it does not list yet changes', async () => {
    const { fake } = await mountDashboard();
    const before = fake.operations.filter((o) => operationName(o) === 'SupervisorAgents').length;
    fake.push('AgentsUpdated', { agentsUpdated: { ...agents[0]!, user: { id: 'VXNlcjoz', name: 'Eva Ruiz', email: 'eva@example.com' } } });
    await flushPromises();
    expect(fake.operations.filter((o) => operationName(o) === 'SupervisorAgents').length).toBe(before + 1);
  });

  it('reassigns an interaction to an agent; a refusal shows the server’s reason in place', async () => {
    reassignAnswer = { __typename: 'AgentUnavailableError', message: 'That agent is not available.' };
    const { wrapper, fake } = await mountDashboard();
    await wrapper.get('[data-test="reassign"]').trigger('click');
    const target = wrapper.get('[data-test="reassign-target"]');
    expect(document.activeElement).toBe(target.element);
    await target.setValue('agent:VXNlcjoy');
    await wrapper.get('[data-test="reassign-confirm"]').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'ReassignInteraction')?.variables).toEqual({
      input: { interactionId: interaction.id, agentId: 'VXNlcjoy' },
    });
    const error = wrapper.get('[data-test="reassign-error"]');
    expect(error.attributes('role')).toBe('alert');
    expect(error.text()).toBe('That agent is not available.');

    reassignAnswer = { __typename: 'InteractionPayload', interaction: { id: 'y', status: 'TRANSFERRED' } };
    await wrapper.get('form.reassign-form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test="reassign-notice"]').text()).toBe('Moved.');
    expect(wrapper.find('[data-test="reassign-error"]').exists()).toBe(false);
  });

  it('asks for one page of the live list, the longest wait first; filters and pages it on the server', async () => {
    const waitingLong: ActiveInteraction = {
      ...interaction,
      id: 'SW50ZXJhY3Rpb246Mg==',
      status: 'QUEUED',
      enqueuedAt: new Date(Date.now() - 45_000).toISOString(),
      assignedAt: null,
      assignedAgent: null,
      customer: { id: 'Q3VzdG9tZXI6Mg==', displayName: 'Pablo Gil', identities: [] },
    };
    listed = [waitingLong, interaction];
    pageInfo = { hasNextPage: true, hasPreviousPage: false, startCursor: 'c0', endCursor: 'c1' };
    const { wrapper, fake } = await mountDashboard();
    const lists = () => fake.operations.filter((o) => operationName(o) === 'ActiveInteractions').map((o) => o.variables);
    expect(lists()[0]).toEqual({
      first: 25,
      after: null,
      order: 'LONGEST_WAITING_FIRST',
      filter: { statuses: ['QUEUED', 'OFFERED', 'ASSIGNED', 'WRAP_UP'], queueId: null, channel: null },
    });
    // Waiting 45 s against a 20 s target: highlighted, with words, not only colour.
    const rows = wrapper.findAll('[data-test="interaction-row"]');
    expect(rows[0]!.classes()).toContain('is-past-target');
    expect(rows[0]!.get('[data-test="past-target"]').text()).toBe('Past target');
    expect(rows[1]!.find('[data-test="past-target"]').exists()).toBe(false);

    await wrapper.get('[data-test="page-next"]').trigger('click');
    await flushPromises();
    expect(lists().at(-1)).toMatchObject({ after: 'c1' });
    expect(wrapper.get('[data-test="page-range"]').text()).toBe('Rows 26–27');
    await wrapper.get('[data-test="page-previous"]').trigger('click');
    await flushPromises();
    expect(lists().at(-1)).toMatchObject({ after: null });

    await wrapper.get('[data-test="filter-state"]').setValue('WAITING');
    await wrapper.get('[data-test="filter-channel"]').setValue('WHATSAPP');
    await wrapper.get('[data-test="filter-queue"]').setValue(queue.id);
    await flushPromises();
    expect(lists().at(-1)).toEqual({
      first: 25,
      after: null,
      order: 'LONGEST_WAITING_FIRST',
      filter: { statuses: ['QUEUED', 'OFFERED'], queueId: queue.id, channel: 'WHATSAPP' },
    });
  });

  it('counts the contacts waiting past the target beside the service level', async () => {
    const { wrapper, fake } = await mountDashboard();
    expect(row(wrapper).find('[data-test="queue-past-target"]').exists()).toBe(false);
    fake.push('QueueStatsLive', { queueStats: { queue: { id: queue.id }, ...stats({ waiting: 4, waitingPastTarget: 3, since: '2026-01-15T00:00:03Z' }) } });
    await flushPromises();
    expect(row(wrapper).get('[data-test="queue-sla"]').text()).toContain('3 past target');
  });

  it('shows the push figures supervisors read: delivered, read and opened rates, time to push, refusals by reason', async () => {
    const { wrapper } = await mountDashboard();
    const figures = wrapper.get('[data-test="push-figures"]').text();
    expect(figures).toContain('87.5%');
    expect(figures).toContain('62.5%');
    expect(figures).toContain('50%');
    expect(figures).toContain('1 min 35 sec');
    expect(figures).toContain('No consent3');
    expect(figures).toContain('Window closed1');
  });
});
