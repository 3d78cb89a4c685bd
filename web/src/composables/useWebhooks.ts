import { useMutation, useQuery } from '@urql/vue';
import { computed, ref } from 'vue';
import {
  CreateWebhookEndpointMutation,
  DeleteWebhookEndpointMutation,
  ReplayWebhookDeliveryMutation,
  RotateWebhookEndpointSecretMutation,
  UpdateWebhookEndpointMutation,
  WebhookDeliveriesQuery,
  WebhookEndpointsQuery,
  type WebhookEventType,
} from '../graphql/webhooks';
import { useRefusal } from './useRefusal';

/** Every event type an endpoint may subscribe to, in the order the form lists them. */
export const webhookEventTypes: WebhookEventType[] = [
  'INTERACTION_CREATED',
  'INTERACTION_OFFERED',
  'INTERACTION_ASSIGNED',
  'INTERACTION_CLOSED',
  'INTERACTION_ABANDONED',
  'MESSAGE_RECEIVED',
  'MESSAGE_SENT',
  'MESSAGE_STATUS',
  'PUSH_STATUS',
  'CONSENT_RECORDED',
  'CONSENT_WITHDRAWN',
  'COBROWSE_STARTED',
  'COBROWSE_ENDED',
  'CAMPAIGN_PROGRESS',
  'CUSTOMER_ERASED',
];

export const deliveryPageSize = 50;

/**
 * Administrators' outbound webhooks: the endpoints, the chosen endpoint's delivery log, and the
 * operations. Secrets the server generates are returned to the caller to show once.
 */
export function useWebhooks() {
  const endpointsQuery = useQuery({ query: WebhookEndpointsQuery, requestPolicy: 'cache-and-network' });
  const selectedId = ref<string | null>(null);
  const deliveriesQuery = useQuery({
    query: WebhookDeliveriesQuery,
    variables: computed(() => ({ endpointId: selectedId.value ?? '', first: deliveryPageSize })),
    pause: computed(() => !selectedId.value),
    requestPolicy: 'cache-and-network',
  });
  const refreshEndpoints = () => endpointsQuery.executeQuery({ requestPolicy: 'network-only' });
  const refreshDeliveries = () => {
    if (selectedId.value) void deliveriesQuery.executeQuery({ requestPolicy: 'network-only' });
  };

  const outcome = useRefusal();
  const createM = useMutation(CreateWebhookEndpointMutation);
  const updateM = useMutation(UpdateWebhookEndpointMutation);
  const deleteM = useMutation(DeleteWebhookEndpointMutation);
  const rotateM = useMutation(RotateWebhookEndpointSecretMutation);
  const replayM = useMutation(ReplayWebhookDeliveryMutation);
  const busy = ref(false);

  async function run<T extends { ok: boolean }>(work: () => Promise<T>, after?: () => void): Promise<T> {
    busy.value = true;
    try {
      const result = await work();
      if (result.ok) after?.();
      return result;
    } finally {
      busy.value = false;
    }
  }

  return {
    endpoints: computed(() => endpointsQuery.data.value?.webhookEndpoints ?? []),
    loading: computed(() => endpointsQuery.fetching.value && !endpointsQuery.data.value),
    loadError: computed(() => (endpointsQuery.error.value ? endpointsQuery.error.value.message : null)),
    selectedId: computed(() => selectedId.value),
    select(id: string | null) {
      selectedId.value = id;
    },
    deliveries: computed(() => (selectedId.value ? (deliveriesQuery.data.value?.webhookDeliveries ?? []) : [])),
    deliveriesLoading: computed(() => deliveriesQuery.fetching.value && !deliveriesQuery.data.value),
    refreshDeliveries,
    busy,
    create: (input: { url: string; description: string; eventTypes: WebhookEventType[] }) =>
      run(async () => outcome(await createM.executeMutation({ input }), 'createWebhookEndpoint', 'WebhookEndpointSecretPayload'), refreshEndpoints),
    setEnabled: (id: string, enabled: boolean) =>
      run(async () => outcome(await updateM.executeMutation({ input: { id, enabled } }), 'updateWebhookEndpoint', 'WebhookEndpointPayload'), refreshDeliveries),
    setEventTypes: (id: string, eventTypes: WebhookEventType[]) =>
      run(async () => outcome(await updateM.executeMutation({ input: { id, eventTypes } }), 'updateWebhookEndpoint', 'WebhookEndpointPayload')),
    remove: (id: string) =>
      run(
        async () => outcome(await deleteM.executeMutation({ input: { id } }), 'deleteWebhookEndpoint', 'DeleteWebhookEndpointPayload'),
        () => {
          if (selectedId.value === id) selectedId.value = null;
          refreshEndpoints();
        },
      ),
    rotate: (id: string, graceHours: number) =>
      run(async () => outcome(await rotateM.executeMutation({ input: { id, graceHours } }), 'rotateWebhookEndpointSecret', 'WebhookEndpointSecretPayload')),
    replay: (deliveryId: string) =>
      run(async () => outcome(await replayM.executeMutation({ input: { deliveryId } }), 'replayWebhookDelivery', 'ReplayWebhookDeliveryPayload'), refreshDeliveries),
  };
}
