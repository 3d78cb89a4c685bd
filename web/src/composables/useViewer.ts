import { useQuery } from '@urql/vue';
import { watch } from 'vue';
import { ViewerQuery } from '../graphql/session';
import { clearSession, useSession } from './useSession';

/**
 * Confirms the session with the API: `viewer` is null when the cookie is missing or no longer
 * valid (the session is then forgotten here), otherwise the stored user is refreshed.
 */
export function useViewer() {
  const { updateUser } = useSession();
  const query = useQuery({ query: ViewerQuery, requestPolicy: 'network-only' });

  watch(query.data, (data) => {
    if (!data) return;
    if (data.viewer) updateUser(data.viewer);
    else clearSession();
  });

  return { fetching: query.fetching, error: query.error };
}
