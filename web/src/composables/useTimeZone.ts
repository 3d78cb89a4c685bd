import { useMutation } from '@urql/vue';
import { computed, ref } from 'vue';
import { SetTimeZoneMutation } from '../graphql/session';
import { agentTimeZone } from './useFormat';
import { useRefusal } from './useRefusal';
import { useSession, useSignedInUser } from './useSession';

/** Every zone this browser knows, plus UTC and the current one (older data may lack either). */
export function timeZoneOptions(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...known, 'UTC', current])].sort();
}

/**
 * The agent's time zone setting: the zone in effect (their choice, else the browser's) and a save
 * that stores it on their user; the session then carries it, so every `useFormat` follows at once.
 */
export function useTimeZone() {
  const user = useSignedInUser();
  const { updateUser } = useSession();
  const mutation = useMutation(SetTimeZoneMutation);
  const outcome = useRefusal();
  const error = ref('');
  const timeZone = computed(() => agentTimeZone(user.value?.timeZone));

  async function save(next: string) {
    error.value = '';
    const result = outcome(await mutation.executeMutation({ timeZone: next }), 'setTimeZone', 'SetTimeZonePayload');
    if (result.ok) updateUser(result.value.user);
    else error.value = result.message;
    return result;
  }

  return { timeZone, options: computed(() => timeZoneOptions(timeZone.value)), saving: mutation.fetching, error, save };
}
