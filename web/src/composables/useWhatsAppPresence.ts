import { useMutation, useQuery } from '@urql/vue';
import { computed, ref, type Ref } from 'vue';
import {
  ClickToWhatsAppQuery,
  RefreshWhatsAppSenderMutation,
  SaveWhatsAppAutoRepliesMutation,
  UpdateWhatsAppBusinessProfileMutation,
  WhatsAppAutoRepliesQuery,
  WhatsAppSenderQuery,
  type ReplyLanguage,
  type SaveWhatsAppAutoRepliesInput,
  type WhatsAppBusinessProfileInput,
  type WhatsAppSenderView,
} from '../graphql/whatsapp-presence';
import { useRefusal, type Outcome } from './useRefusal';

/** Administrators' WhatsApp presence: the sender's profile (cached; read again from Twilio on demand) and the WhatsApp queues. */
export function useWhatsAppSender() {
  const query = useQuery({ query: WhatsAppSenderQuery, requestPolicy: 'cache-and-network' });
  const outcome = useRefusal();
  const refreshM = useMutation(RefreshWhatsAppSenderMutation);
  const updateM = useMutation(UpdateWhatsAppBusinessProfileMutation);
  const busy = ref(false);
  /** The sender as the last refresh or save returned it: shown at once, before the query is read again. */
  const latest = ref<WhatsAppSenderView | null>(null);
  async function run<T extends { sender: WhatsAppSenderView }>(work: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    busy.value = true;
    try {
      const result = await work();
      if (result.ok) latest.value = result.value.sender;
      return result;
    } finally {
      busy.value = false;
    }
  }
  return {
    sender: computed(() => latest.value ?? query.data.value?.whatsAppSender ?? null),
    whatsAppQueues: computed(() => (query.data.value?.queues ?? []).filter((q) => q.channels.includes('WHATSAPP'))),
    loading: computed(() => query.fetching.value && !query.data.value),
    loadError: computed(() => query.error.value?.message ?? null),
    busy,
    refresh: () => run(async () => outcome(await refreshM.executeMutation({}), 'refreshWhatsAppSender', 'WhatsAppSenderPayload')),
    save: (input: WhatsAppBusinessProfileInput) => run(async () => outcome(await updateM.executeMutation({ input }), 'updateWhatsAppBusinessProfile', 'WhatsAppSenderPayload')),
  };
}

/** One queue's automatic replies and keyword answers. */
export function useWhatsAppAutoReplies(queueId: Ref<string | null>) {
  const query = useQuery({
    query: WhatsAppAutoRepliesQuery,
    variables: computed(() => ({ queueId: queueId.value ?? '' })),
    pause: computed(() => !queueId.value),
    requestPolicy: 'network-only',
  });
  const outcome = useRefusal();
  const saveM = useMutation(SaveWhatsAppAutoRepliesMutation);
  return {
    autoReplies: computed(() => (queueId.value ? (query.data.value?.whatsAppAutoReplies ?? null) : null)),
    saving: computed(() => saveM.fetching.value),
    save: async (input: SaveWhatsAppAutoRepliesInput) => outcome(await saveM.executeMutation({ input }), 'saveWhatsAppAutoReplies', 'WhatsAppAutoRepliesPayload'),
  };
}

/** A queue's wa.me link and QR codes for the prefilled text given. */
export function useClickToWhatsApp(queueId: Ref<string | null>, prefill: Ref<string>, language: Ref<ReplyLanguage>) {
  const query = useQuery({
    query: ClickToWhatsAppQuery,
    variables: computed(() => ({ queueId: queueId.value ?? '', prefill: prefill.value.trim() || null, language: language.value })),
    pause: computed(() => !queueId.value),
  });
  return {
    link: computed(() => query.data.value?.clickToWhatsApp ?? null),
    error: computed(() => query.error.value?.graphQLErrors[0]?.message ?? query.error.value?.message ?? null),
  };
}
