import { useMutation, useQuery, useSubscription } from '@urql/vue';
import { computed, onScopeDispose, reactive, ref } from 'vue';
import type { PresenceStatus, TransferInput } from '../graphql/console';
import {
  ActiveInteractionsQuery,
  PushFiguresQuery,
  QueueStatsSubscription,
  ReassignInteractionMutation,
  SetAgentPresenceMutation,
  SupervisorAgentsQuery,
  SupervisorQueuesQuery,
  UpdateQueueMutation,
  type UpdateQueueInput,
  type QueueStats,
  type SupervisorQueue,
} from '../graphql/supervisor';
import { useRefusal } from './useRefusal';

/**
 * The supervisor's live picture: queues with their figures replaced by every `queueStats`
 * event, and the agent and interaction lists reloaded (at most every half second) when a queue
 * changes — the API has no per-agent subscription, and every routing or presence change moves
 * some queue's figures.
 */
export function useSupervisor() {
  const queuesQuery = useQuery({ query: SupervisorQueuesQuery, requestPolicy: 'network-only' });
  const agentsQuery = useQuery({ query: SupervisorAgentsQuery, requestPolicy: 'network-only' });
  const interactionsQuery = useQuery({ query: ActiveInteractionsQuery, requestPolicy: 'network-only' });
  const pushFiguresQuery = useQuery({ query: PushFiguresQuery, requestPolicy: 'network-only' });
  const liveStats = reactive(new Map<string, QueueStats>());

  let reload: ReturnType<typeof setTimeout> | undefined;
  function reloadLists(): void {
    if (reload) return;
    reload = setTimeout(() => {
      reload = undefined;
      agentsQuery.executeQuery({ requestPolicy: 'network-only' });
      interactionsQuery.executeQuery({ requestPolicy: 'network-only' });
      pushFiguresQuery.executeQuery({ requestPolicy: 'network-only' });
    }, 500);
  }
  onScopeDispose(() => clearTimeout(reload));

  const live = useSubscription({ query: QueueStatsSubscription }, (_prev, data) => {
    const { queue, ...stats } = data.queueStats;
    const known = liveStats.get(queue.id);
    // Events can arrive out of order across replicas; keep the newest figures.
    if (!known || known.since <= stats.since) liveStats.set(queue.id, stats);
    reloadLists();
    return data;
  });

  const queues = computed<SupervisorQueue[]>(() =>
    (queuesQuery.data.value?.queues ?? []).map((q) => ({ ...q, stats: liveStats.get(q.id) ?? q.stats })),
  );
  const agents = computed(() => agentsQuery.data.value?.agents ?? []);
  const interactions = computed(() => interactionsQuery.data.value?.interactions.edges.map((e) => e.node) ?? []);
  const pushFigures = computed(() => pushFiguresQuery.data.value?.pushFigures ?? null);

  const outcome = useRefusal();
  const reassignM = useMutation(ReassignInteractionMutation);
  const presenceM = useMutation(SetAgentPresenceMutation);
  const updateQueueM = useMutation(UpdateQueueMutation);
  const busy = ref(false);

  async function reassign(input: TransferInput) {
    busy.value = true;
    try {
      const result = outcome(await reassignM.executeMutation({ input }), 'reassignInteraction', 'InteractionPayload');
      if (result.ok) reloadLists();
      return result;
    } finally {
      busy.value = false;
    }
  }

  async function setAgentPresence(agentId: string, status: PresenceStatus) {
    const result = outcome(await presenceM.executeMutation({ agentId, status }), 'setAgentPresence', 'PresencePayload');
    if (result.ok) reloadLists();
    return result;
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
    live: computed(() => !live.error.value),
    busy,
    reassign,
    setAgentPresence,
    updateQueue,
  };
}
