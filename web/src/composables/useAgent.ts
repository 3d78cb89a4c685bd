import { useMutation, useQuery } from '@urql/vue';
import { computed, ref, shallowRef, watch } from 'vue';
import { AgentViewerQuery, SetPresenceMutation, type AgentProfile } from '../graphql/agents';
import type { PresenceStatus } from '../graphql/agents';
import { useRefusal } from './useRefusal';

/** The signed-in person's agent profile: presence, capacity per channel and queues. */
export function useAgent() {
  const query = useQuery({ query: AgentViewerQuery, requestPolicy: 'network-only' });
  const mutation = useMutation(SetPresenceMutation);
  const outcome = useRefusal();
  // The latest profile the server sent, from either the query or a presence change.
  const latest = shallowRef<AgentProfile | null>(null);
  const error = ref<string | null>(null);

  watch(query.data, (data) => (latest.value = data?.viewer?.agent ?? null), { immediate: true });

  async function setPresence(status: PresenceStatus): Promise<boolean> {
    error.value = null;
    const result = outcome(await mutation.executeMutation({ status }), 'setPresence', 'PresencePayload');
    if (!result.ok) {
      error.value = result.message;
      return false;
    }
    latest.value = result.value.agent;
    return true;
  }

  return {
    viewer: computed(() => query.data.value?.viewer ?? null),
    agent: latest,
    loading: computed(() => query.fetching.value && !query.data.value),
    changing: mutation.fetching,
    error,
    setPresence,
    refresh: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}
