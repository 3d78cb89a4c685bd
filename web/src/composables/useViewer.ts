import { useQuery } from '@urql/vue';
import { watch } from 'vue';
import { ViewerQuery } from '../graphql/operations';
import { useSession } from './useSession';

/**
 * Confirms the stored session with the API: `viewer` is null when the token is no longer
 * valid (the session is then dropped), otherwise the stored user is refreshed.
 */
export function useViewer() {
  const { updateUser, logout } = useSession();
  const query = useQuery({ query: ViewerQuery, requestPolicy: 'network-only' });

  watch(query.data, (data) => {
    if (!data) return;
    if (data.viewer) updateUser(data.viewer);
    else logout();
  });

  return { fetching: query.fetching, error: query.error };
}
