import { useMutation, useQuery, useSubscription } from '@urql/vue';
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { CustomerQuery } from '../graphql/customers';
import { AddInteractionNoteMutation, CloseInteractionMutation, InteractionQuery, InteractionUpdatedSubscription, MyInteractionsQuery, ReplyByEmailMutation, SendChatMessageMutation, SendWhatsAppMessageMutation, SetAgentTypingMutation, TransferInteractionMutation, WrapUpInteractionMutation, type InteractionDetail, type TransferInput } from '../graphql/interactions';
import { useRefusal, type Outcome } from './useRefusal';

/** The interactions assigned to the signed-in agent (in conversation or wrap-up). */
export function useMyInteractions() {
  const query = useQuery({ query: MyInteractionsQuery, requestPolicy: 'network-only' });
  return {
    interactions: computed(() => query.data.value?.interactions.edges.map((e) => e.node) ?? []),
    refresh: () => query.executeQuery({ requestPolicy: 'network-only' }),
  };
}

/**
 * One interaction, live: loaded once, then replaced by every `interactionUpdated` event (status,
 * messages and their delivery status). The customer's cross-channel timeline reloads with it.
 */
export function useInteraction(id: Ref<string | null>) {
  const current = shallowRef<InteractionDetail | null>(null);
  const query = useQuery({
    query: InteractionQuery,
    variables: () => ({ id: id.value ?? '' }),
    pause: () => !id.value,
    requestPolicy: 'network-only',
  });
  watch(query.data, (data) => {
    if (data?.interaction && data.interaction.id === id.value) current.value = data.interaction;
  });
  watch(id, () => (current.value = null));

  const customerId = computed(() => current.value?.customer.id ?? null);
  const customer = useQuery({
    query: CustomerQuery,
    variables: () => ({ id: customerId.value ?? '' }),
    pause: () => !customerId.value,
    requestPolicy: 'network-only',
  });
  const refreshCustomer = () => {
    if (customerId.value) customer.executeQuery({ requestPolicy: 'network-only' });
  };

  useSubscription(
    { query: InteractionUpdatedSubscription, variables: () => ({ id: id.value ?? '' }), pause: () => !id.value },
    (_prev, data) => {
      if (data.interactionUpdated.id === id.value) {
        current.value = data.interactionUpdated;
        refreshCustomer();
      }
      return data;
    },
  );

  const outcome = useRefusal();
  const wrapUpM = useMutation(WrapUpInteractionMutation);
  const closeM = useMutation(CloseInteractionMutation);
  const transferM = useMutation(TransferInteractionMutation);
  const sendM = useMutation(SendWhatsAppMessageMutation);
  const emailM = useMutation(ReplyByEmailMutation);
  const chatM = useMutation(SendChatMessageMutation);
  const typingM = useMutation(SetAgentTypingMutation);
  const noteM = useMutation(AddInteractionNoteMutation);
  let typingSent = false;

  /** Web chat: tells the visitor's widget the agent is (or stopped) typing; best effort. */
  function setTyping(typing: boolean): void {
    if (current.value?.channel !== 'WEBCHAT' || typing === typingSent) return;
    typingSent = typing;
    void typingM.executeMutation({ interactionId: id.value ?? '', typing });
  }
  const sending = ref(false);

  /**
   * Replies on the interaction's channel (WhatsApp or email); the server refuses (window closed,
   * opted out, no mail to answer…) with its reason. Other channels have no reply operation.
   */
  async function reply(body: string): Promise<Outcome<unknown>> {
    const input = { interactionId: id.value ?? '', body };
    sending.value = true;
    try {
      const channel = current.value?.channel;
      const result =
        channel === 'EMAIL'
          ? outcome(await emailM.executeMutation({ input }), 'replyByEmail', 'EmailReplyPayload')
          : channel === 'WEBCHAT'
            ? outcome(await chatM.executeMutation({ input }), 'sendChatMessage', 'ChatMessagePayload')
            : outcome(await sendM.executeMutation({ input }), 'sendWhatsAppMessage', 'SendWhatsAppMessagePayload');
      if (channel === 'WEBCHAT') typingSent = false;
      if (result.ok) refreshCustomer();
      return result;
    } finally {
      sending.value = false;
    }
  }
  /** WhatsApp: sends an approved template (the window has closed); refusals come back in the server's words. */
  async function replyWithTemplate(template: { contentSid: string; variables: { key: string; value: string }[] }): Promise<Outcome<unknown>> {
    sending.value = true;
    try {
      const result = outcome(await sendM.executeMutation({ input: { interactionId: id.value ?? '', template } }), 'sendWhatsAppMessage', 'SendWhatsAppMessagePayload');
      if (result.ok) refreshCustomer();
      return result;
    } finally {
      sending.value = false;
    }
  }
  /** Adds a private note (never sent to the customer); the timeline reloads with it. */
  async function addNote(text: string): Promise<Outcome<unknown>> {
    sending.value = true;
    try {
      const result = outcome(await noteM.executeMutation({ input: { interactionId: id.value ?? '', text } }), 'addInteractionNote', 'InteractionPayload');
      if (result.ok) refreshCustomer();
      return result;
    } finally {
      sending.value = false;
    }
  }
  const acting = ref(false);

  async function run(action: () => Promise<Outcome<unknown>>): Promise<Outcome<unknown>> {
    acting.value = true;
    try {
      return await action();
    } finally {
      acting.value = false;
    }
  }

  return {
    interaction: current,
    customer: computed(() => (customer.data.value?.customer?.id === customerId.value ? customer.data.value?.customer ?? null : null)),
    loading: computed(() => query.fetching.value && !current.value),
    missing: computed(() => !!query.data.value && query.data.value.interaction === null),
    acting,
    sending,
    reply,
    replyWithTemplate,
    addNote,
    setTyping,
    refreshCustomer,
    wrapUp: () => run(async () => outcome(await wrapUpM.executeMutation({ id: id.value ?? '' }), 'wrapUpInteraction', 'InteractionPayload')),
    close: () => run(async () => outcome(await closeM.executeMutation({ id: id.value ?? '' }), 'closeInteraction', 'InteractionPayload')),
    transfer: (target: Omit<TransferInput, 'interactionId'>) =>
      run(async () =>
        outcome(await transferM.executeMutation({ input: { interactionId: id.value ?? '', ...target } }), 'transferInteraction', 'InteractionPayload'),
      ),
  };
}
