import { useQuery } from '@urql/vue';
import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { TransferTargetsQuery } from '../graphql/interactions';
import type { Channel } from '../graphql/interactions';

/**
 * The queues an interaction can be transferred to: every other queue that serves its channel.
 * Fetched only while `active` (the transfer form is open).
 */
export function useTransferTargets(
  interaction: MaybeRefOrGetter<{ channel: Channel; queue: { id: string } } | null | undefined>,
  active: MaybeRefOrGetter<boolean>,
) {
  const targets = useQuery({ query: TransferTargetsQuery, pause: () => !toValue(active) });
  const queues = computed(() => {
    const current = toValue(interaction);
    return (targets.data.value?.queues ?? []).filter((q) => current && q.id !== current.queue.id && q.channels.includes(current.channel));
  });
  return { queues };
}
