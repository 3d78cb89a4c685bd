import { useMutation, useQuery, useSubscription } from '@urql/vue';
import { computed, ref, watch, type Ref } from 'vue';
import { InteractionPushesQuery, PushMutation, PushUpdatedSubscription, RecordConsentMutation, SendPushBySmsMutation, UploadPushMediaMutation, type Push, type PushInput } from '../graphql/push';
import type { ConsentPurpose } from '../graphql/generated/graphql';
import { useRefusal } from './useRefusal';
import { useWhatsAppTemplates } from './useWhatsAppTemplates';

/**
 * In-call pushes of one voice interaction: what the policy allows now (consent, window, target),
 * the pushes made so far updated live on `pushUpdated` (delivery, link opened), and the actions.
 */
export function usePush(interactionId: Ref<string>) {
  const query = useQuery({ query: InteractionPushesQuery, variables: () => ({ id: interactionId.value }), requestPolicy: 'network-only' });
  const pushes = ref<Push[]>([]);
  watch(
    query.data,
    (data) => {
      if (data?.interaction) pushes.value = [...data.interaction.pushes];
    },
    { immediate: true },
  );

  function upsert(push: Push): void {
    const others = pushes.value.filter((p) => p.id !== push.id);
    pushes.value = [...others, push].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  useSubscription({ query: PushUpdatedSubscription, variables: () => ({ interactionId: interactionId.value }) }, (_prev, data) => {
    upsert(data.pushUpdated);
    return data;
  });

  const policy = computed(() => query.data.value?.interaction?.pushPolicy ?? null);
  const { templates } = useWhatsAppTemplates(() => !!policy.value && !policy.value.windowOpen);

  const outcome = useRefusal();
  const pushM = useMutation(PushMutation);
  const consentM = useMutation(RecordConsentMutation);
  const uploadM = useMutation(UploadPushMediaMutation);
  const smsM = useMutation(SendPushBySmsMutation);

  /** Sends the SMS fallback the server offered for a push WhatsApp could not deliver. */
  async function sendBySms(pushId: string) {
    busy.value = true;
    try {
      const result = outcome(await smsM.executeMutation({ pushId }), 'sendPushBySms', 'PushPayload');
      if (result.ok) upsert(result.value.push);
      return result;
    } finally {
      busy.value = false;
    }
  }

  /** Stores a file for a MEDIA push; refused (type, size, content) before any push is made. */
  async function upload(file: { type: string; base64: string }) {
    busy.value = true;
    try {
      return outcome(await uploadM.executeMutation({ input: { contentType: file.type, dataBase64: file.base64 } }), 'uploadPushMedia', 'UploadedPushMedia');
    } finally {
      busy.value = false;
    }
  }
  const busy = ref(false);

  async function push(input: Omit<PushInput, 'interactionId'>) {
    busy.value = true;
    try {
      const result = outcome(await pushM.executeMutation({ input: { interactionId: interactionId.value, ...input } }), 'push', 'PushPayload');
      if (result.ok) upsert(result.value.push);
      return result;
    } finally {
      busy.value = false;
    }
  }

  async function recordConsent(wording: string, purpose: ConsentPurpose = 'SERVICE') {
    busy.value = true;
    try {
      const result = outcome(
        await consentM.executeMutation({ input: { interactionId: interactionId.value, wording, purpose, granted: true } }),
        'recordConsent',
        'RecordConsentPayload',
      );
      if (result.ok) query.executeQuery({ requestPolicy: 'network-only' });
      return result;
    } finally {
      busy.value = false;
    }
  }

  return {
    policy,
    pushes: computed(() => pushes.value),
    templates,
    busy,
    push,
    upload,
    sendBySms,
    recordConsent,
  };
}
