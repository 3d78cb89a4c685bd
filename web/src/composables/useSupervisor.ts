import { useMutation, useQuery, useSubscription } from '@urql/vue';
import { computed, onScopeDispose, reactive, ref, shallowRef, watch } from 'vue';
import type { PresenceStatus, TransferInput } from '../graphql/console';
import {
  ActiveInteractionsQuery,
  AgentsUpdatedSubscription,
  PushFiguresQuery,
  PushFiguresUpdatedSubscription,
  QueueStatsSubscription,
  ReassignInteractionMutation,
  SetAgentPresenceMutation,
  SupervisorAgentsQuery,
  SupervisorQueuesQuery,
  UpdateQueueMutation,
  type UpdateQueueInput,
  type PushFigures,
  type QueueStats,
  type SupervisedAgent,
  type SupervisorQueue,
} from '../graphql/supervisor';
import { useRefusal } from './useRefusal';

/**
 * The supervisor's live picture, each part on its own subscription: queue figures replaced by
 * every `queueStats` event, an agent's row by every `agentsUpdated` event, the push figures by
 * every `pushFiguresUpdated` event. The interaction list has no subscription of its own: it is
 * reloaded (at most every half second) when a queue changes, as every routing change moves some
 * queue's figures.
 */
export function useSupervisor() {
  const queuesQuery = useQuery({ query: SupervisorQueuesQuery, requestPolicy: 'network-only' });
  const agentsQuery = useQuery({ query: SupervisorAgentsQuery, requestPolicy: 'network-only' });
  const interactionsQuery = useQuery({ query: ActiveInteractionsQuery, requestPolicy: 'network-only' });
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
    const listed = agentsQuery.data.value?.agents.some((a) => a.user.id === agent.user.id);
    // Someone just made an agent: their place in the list comes from the server.
    if (listed) liveAgents.set(agent.user.id, agent);
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
  const pushFigures = computed(() => livePushFigures.value ?? pushFiguresQuery.data.value?.pushFigures ?? null);

  const outcome = useRefusal();
  const reassignM = useMutation(ReassignInteractionMutation);
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
    pushFigures,
    loading: computed(() => queuesQuery.fetching.value && !queuesQuery.data.value),
    forbidden: computed(() => queuesQuery.error.value?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN') ?? false),
    live: computed(() => !live.error.value && !agentsLive.error.value && !pushLive.error.value),
    busy,
    reassign,
    setAgentPresence,
    updateQueue,
  };
}
