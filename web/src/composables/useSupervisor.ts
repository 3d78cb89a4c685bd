import { useMutation, useQuery, useSubscription } from '@urql/vue';
import { computed, onScopeDispose, reactive, ref, shallowRef, watch } from 'vue';
import type { AssignInput } from '../graphql/supervisor';
import { AgentsUpdatedSubscription, SetAgentPresenceMutation, SupervisorAgentsQuery, type SupervisedAgent } from '../graphql/agents';
import type { PresenceStatus } from '../graphql/agents';
import type { Channel, InteractionStatus, TransferInput } from '../graphql/interactions';
import { QueueStatsSubscription, SupervisorQueuesQuery, UpdateQueueMutation, type UpdateQueueInput, type QueueStats, type SupervisorQueue } from '../graphql/queues';
import { ActiveInteractionsQuery, AssignInteractionMutation, HeldInteractionsQuery, PushFiguresQuery, PushFiguresUpdatedSubscription, ReassignInteractionMutation, type PushFigures } from '../graphql/supervisor';
import { useRefusal } from './useRefusal';

/** Which interactions the live list shows; `ACTIVE` is every one not finished. */
export type InteractionListState = 'ACTIVE' | 'WAITING' | 'ASSIGNED' | 'WRAP_UP';
export interface InteractionListFilter {
  queueId: string | null;
  channel: Channel | null;
  state: InteractionListState;
}
const statusesOf: Record<InteractionListState, InteractionStatus[]> = {
  ACTIVE: ['QUEUED', 'OFFERED', 'ASSIGNED', 'WRAP_UP'],
  WAITING: ['QUEUED', 'OFFERED'],
  ASSIGNED: ['ASSIGNED'],
  WRAP_UP: ['WRAP_UP'],
};
/** Rows per page of the live list (the API allows up to 200; a screenful is what a supervisor scans). */
export const interactionPageSize = 25;

/**
 * The supervisor's live picture, each part on its own subscription: queue figures replaced by
 * every `queueStats` event, an agent's row by every `agentsUpdated` event, the push figures by
 * every `pushFiguresUpdated` event (each stream starts with the current figures). The interaction
 * list has no subscription of its own: it is reloaded (at most every half second) when a queue
 * changes, as every routing change moves some queue's figures. It is paged, the longest wait
 * first, and filtered by queue, channel and state; the agent list reads what agents hold apart.
 */
export function useSupervisor() {
  const queuesQuery = useQuery({ query: SupervisorQueuesQuery, requestPolicy: 'network-only' });
  const agentsQuery = useQuery({ query: SupervisorAgentsQuery, requestPolicy: 'network-only' });
  const listFilter = ref<InteractionListFilter>({ queueId: null, channel: null, state: 'ACTIVE' });
  // The `after` cursor of each page visited, so Previous goes back the way it came.
  const cursors = ref<(string | null)[]>([null]);
  const interactionsQuery = useQuery({
    query: ActiveInteractionsQuery,
    variables: computed(() => ({
      first: interactionPageSize,
      after: cursors.value[cursors.value.length - 1] ?? null,
      order: 'LONGEST_WAITING_FIRST' as const,
      filter: { statuses: statusesOf[listFilter.value.state], queueId: listFilter.value.queueId, channel: listFilter.value.channel },
    })),
    requestPolicy: 'network-only',
  });
  const heldQuery = useQuery({ query: HeldInteractionsQuery, requestPolicy: 'network-only' });
  const pushFiguresQuery = useQuery({ query: PushFiguresQuery, requestPolicy: 'network-only' });
  const liveStats = reactive(new Map<string, QueueStats>());
  const liveAgents = reactive(new Map<string, SupervisedAgent>());
  const livePushFigures = shallowRef<PushFigures | null>(null);

  let reload: ReturnType<typeof setTimeout> | undefined;
  function reloadInteractions(): void {
    if (reload) return;
    reload = setTimeout(() => {
      reload = undefined;
      interactionsQuery.executeQuery({ requestPolicy: 'network-only' });
      heldQuery.executeQuery({ requestPolicy: 'network-only' });
    }, 500);
  }
  onScopeDispose(() => clearTimeout(reload));

  const live = useSubscription({ query: QueueStatsSubscription }, (_prev, data) => {
    const { queue, ...stats } = data.queueStats;
    const known = liveStats.get(queue.id);
    // Events can arrive out of order across replicas; keep the newest figures.
    if (!known || known.since <= stats.since) liveStats.set(queue.id, stats);
    reloadInteractions();
    return data;
  });

  // A freshly loaded list already holds every change so far.
  watch(agentsQuery.data, () => liveAgents.clear());
  const agentsLive = useSubscription({ query: AgentsUpdatedSubscription }, (_prev, data) => {
    const agent = data.agentsUpdated;
    const loaded = agentsQuery.data.value;
    const listed = loaded?.agents.some((a) => a.user.id === agent.user.id);
    // Someone just made an agent: their place in the list comes from the server. (Before the list
    // loads, the stream's opening snapshot of every agent is just kept.)
    if (listed || !loaded) liveAgents.set(agent.user.id, agent);
    else agentsQuery.executeQuery({ requestPolicy: 'network-only' });
    return data;
  });

  const pushLive = useSubscription({ query: PushFiguresUpdatedSubscription }, (_prev, data) => {
    livePushFigures.value = data.pushFiguresUpdated;
    return data;
  });

  const queues = computed<SupervisorQueue[]>(() =>
    (queuesQuery.data.value?.queues ?? []).map((q) => ({ ...q, stats: liveStats.get(q.id) ?? q.stats })),
  );
  const agents = computed(() => (agentsQuery.data.value?.agents ?? []).map((a) => liveAgents.get(a.user.id) ?? a));
  const interactions = computed(() => interactionsQuery.data.value?.interactions.edges.map((e) => e.node) ?? []);
  const heldInteractions = computed(() => heldQuery.data.value?.interactions.edges.map((e) => e.node) ?? []);
  const pageInfo = computed(() => interactionsQuery.data.value?.interactions.pageInfo ?? null);
  const interactionPage = computed(() => ({
    number: cursors.value.length,
    firstRow: (cursors.value.length - 1) * interactionPageSize + 1,
    hasNext: pageInfo.value?.hasNextPage ?? false,
    hasPrevious: cursors.value.length > 1,
  }));

  function filterInteractions(filter: InteractionListFilter): void {
    listFilter.value = { ...filter };
    cursors.value = [null];
  }
  function nextInteractionPage(): void {
    const end = pageInfo.value?.endCursor;
    if (pageInfo.value?.hasNextPage && end) cursors.value = [...cursors.value, end];
  }
  function previousInteractionPage(): void {
    if (cursors.value.length > 1) cursors.value = cursors.value.slice(0, -1);
  }
  const pushFigures = computed(() => livePushFigures.value ?? pushFiguresQuery.data.value?.pushFigures ?? null);

  const outcome = useRefusal();
  const reassignM = useMutation(ReassignInteractionMutation);
  const assignM = useMutation(AssignInteractionMutation);
  const presenceM = useMutation(SetAgentPresenceMutation);
  const updateQueueM = useMutation(UpdateQueueMutation);
  const busy = ref(false);

  async function reassign(input: TransferInput) {
    busy.value = true;
    try {
      const result = outcome(await reassignM.executeMutation({ input }), 'reassignInteraction', 'InteractionPayload');
      if (result.ok) reloadInteractions();
      return result;
    } finally {
      busy.value = false;
    }
  }

  /** A waiting interaction offered to the chosen agent; the list follows from the live events. */
  async function assign(input: AssignInput) {
    busy.value = true;
    try {
      const result = outcome(await assignM.executeMutation({ input }), 'assignInteraction', 'InteractionPayload');
      if (result.ok) reloadInteractions();
      return result;
    } finally {
      busy.value = false;
    }
  }

  async function setAgentPresence(agentId: string, status: PresenceStatus) {
    // The agent's row follows from the agentsUpdated event the change publishes.
    return outcome(await presenceM.executeMutation({ agentId, status }), 'setAgentPresence', 'PresencePayload');
  }

  /** Supervisors change a queue's settings; the list reloads with the server's values. */
  async function updateQueue(input: UpdateQueueInput) {
    const result = outcome(await updateQueueM.executeMutation({ input }), 'updateQueue', 'QueuePayload');
    if (result.ok) queuesQuery.executeQuery({ requestPolicy: 'network-only' });
    return result;
  }

  return {
    queues,
    agents,
    interactions,
    heldInteractions,
    interactionFilter: computed(() => listFilter.value),
    interactionPage,
    filterInteractions,
    nextInteractionPage,
    previousInteractionPage,
    pushFigures,
    loading: computed(() => queuesQuery.fetching.value && !queuesQuery.data.value),
    forbidden: computed(() => queuesQuery.error.value?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false),
    live: computed(() => !live.error.value && !agentsLive.error.value && !pushLive.error.value),
    busy,
    reassign,
    assign,
    setAgentPresence,
    updateQueue,
  };
}
