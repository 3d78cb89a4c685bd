import { useMutation, useQuery } from '@urql/vue';
import { computed, ref } from 'vue';
import type { Channel } from '../graphql/interactions';
import {
  AdminQueueChoicesQuery,
  AdminUsersQuery,
  CreateUserMutation,
  DisableUserMutation,
  EnableUserMutation,
  ResetUserPasswordMutation,
  SaveNewAgentMutation,
  SetUserRoleMutation,
  type Role,
} from '../graphql/users';
import { useRefusal } from './useRefusal';

export const userPageSize = 50;

/** Slots per channel a new agent takes (as the first install's seed gives its agent). */
export const newAgentCapacity: { channel: Channel; slots: number }[] = [
  { channel: 'VOICE', slots: 1 },
  { channel: 'WHATSAPP', slots: 4 },
  { channel: 'WEBCHAT', slots: 3 },
  { channel: 'EMAIL', slots: 5 },
];

/** Which users the list shows: a role, and enabled / disabled accounts; null for all. */
export interface UserListFilter {
  role: Role | null;
  disabled: boolean | null;
}

/**
 * Administrators' user management: the list (by email, page by page) and the account
 * operations. Passwords the server generates are returned to the caller to show once; they are
 * kept nowhere here.
 */
export function useUsers() {
  const filter = ref<UserListFilter>({ role: null, disabled: null });
  // The `after` cursor of each page visited, so Previous goes back the way it came.
  const cursors = ref<(string | null)[]>([null]);
  const query = useQuery({
    query: AdminUsersQuery,
    variables: computed(() => ({
      first: userPageSize,
      after: cursors.value[cursors.value.length - 1] ?? null,
      filter: { role: filter.value.role, disabled: filter.value.disabled },
    })),
    requestPolicy: 'cache-and-network',
  });
  const pageInfo = computed(() => query.data.value?.users.pageInfo);
  const refresh = () => query.executeQuery({ requestPolicy: 'network-only' });

  const outcome = useRefusal();
  const createM = useMutation(CreateUserMutation);
  const roleM = useMutation(SetUserRoleMutation);
  const disableM = useMutation(DisableUserMutation);
  const enableM = useMutation(EnableUserMutation);
  const resetM = useMutation(ResetUserPasswordMutation);
  const agentM = useMutation(SaveNewAgentMutation);
  const queuesQuery = useQuery({ query: AdminQueueChoicesQuery, requestPolicy: 'cache-and-network' });
  const busy = ref(false);

  async function run<T extends { ok: boolean }>(work: () => Promise<T>, reload = false): Promise<T> {
    busy.value = true;
    try {
      const result = await work();
      if (result.ok && reload) refresh();
      return result;
    } finally {
      busy.value = false;
    }
  }

  return {
    users: computed(() => query.data.value?.users.edges.map((e) => e.node) ?? []),
    loading: computed(() => query.fetching.value && !query.data.value),
    loadError: computed(() => (query.error.value ? query.error.value.message : null)),
    page: computed(() => ({ number: cursors.value.length, hasNext: pageInfo.value?.hasNextPage ?? false, hasPrevious: cursors.value.length > 1 })),
    filter: computed(() => filter.value),
    busy,
    setFilter(next: UserListFilter) {
      filter.value = { ...next };
      cursors.value = [null];
    },
    nextPage() {
      const end = pageInfo.value?.endCursor;
      if (pageInfo.value?.hasNextPage && end) cursors.value = [...cursors.value, end];
    },
    previousPage() {
      if (cursors.value.length > 1) cursors.value = cursors.value.slice(0, -1);
    },
    queues: computed(() => queuesQuery.data.value?.queues ?? []),
    create: (input: { email: string; name: string; role: Role }) =>
      run(async () => outcome(await createM.executeMutation({ input }), 'createUser', 'CreateUserPayload'), true),
    /** Makes the user an agent serving `queueIds`, with the default slots per channel. */
    makeAgent: (userId: string, queueIds: string[]) =>
      run(async () =>
        outcome(await agentM.executeMutation({ input: { userId, queueIds, skills: [], capacity: newAgentCapacity } }), 'saveAgent', 'PresencePayload'),
      ),
    setRole: (userId: string, role: Role) =>
      run(async () => outcome(await roleM.executeMutation({ input: { userId, role } }), 'setUserRole', 'UserAccountPayload')),
    disable: (userId: string) =>
      run(async () => outcome(await disableM.executeMutation({ input: { userId } }), 'disableUser', 'UserAccountPayload'), true),
    enable: (userId: string) =>
      run(async () => outcome(await enableM.executeMutation({ input: { userId } }), 'enableUser', 'UserAccountPayload'), true),
    resetPassword: (userId: string) =>
      run(async () => outcome(await resetM.executeMutation({ userId }), 'resetUserPassword', 'ResetUserPasswordPayload')),
  };
}
