import { useMutation, useQuery, useSubscription } from '@urql/vue';
import { computed, reactive, ref, watch } from 'vue';
import { AcceptOfferMutation, DeclineOfferMutation, MyOffersQuery, OffersSubscription, type Offer } from '../graphql/offers';
import { useRefusal } from './useRefusal';

export interface UseOffersOptions {
  /** Every offer event, open or decided (e.g. to refresh capacity and the interaction list). */
  onEvent?: (offer: Offer) => void;
}

/**
 * The agent's open offers, live: the list the server has at start, then every offer made or
 * decided on the `offers` subscription. Accepting or declining reports the server's refusal
 * against the offer it concerns.
 */
export function useOffers(options: UseOffersOptions = {}) {
  const list = useQuery({ query: MyOffersQuery, requestPolicy: 'network-only' });
  const acceptM = useMutation(AcceptOfferMutation);
  const declineM = useMutation(DeclineOfferMutation);
  const outcome = useRefusal();

  const open = ref<Offer[]>([]);
  /** Offers the agent acted on or the server closed, with what happened. */
  const ended = reactive(new Map<string, Offer['outcome']>());
  const errors = reactive(new Map<string, string>());
  const busy = reactive(new Set<string>());

  function upsert(offer: Offer): void {
    if (offer.outcome !== null) {
      ended.set(offer.id, offer.outcome);
      open.value = open.value.filter((o) => o.id !== offer.id);
      return;
    }
    if (ended.has(offer.id)) return;
    const others = open.value.filter((o) => o.id !== offer.id);
    open.value = [...others, offer].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  watch(list.data, (data) => data?.myOffers?.forEach(upsert), { immediate: true });

  const live = useSubscription({ query: OffersSubscription }, (_prev, data) => {
    upsert(data.offers);
    options.onEvent?.(data.offers);
    return data;
  });

  async function decide(offer: Offer, accept: boolean): Promise<string | null> {
    errors.delete(offer.id);
    busy.add(offer.id);
    try {
      const result = accept
        ? outcome(await acceptM.executeMutation({ offerId: offer.id }), 'acceptOffer', 'InteractionPayload')
        : outcome(await declineM.executeMutation({ offerId: offer.id }), 'declineOffer', 'InteractionPayload');
      if (!result.ok) {
        errors.set(offer.id, result.message);
        return null;
      }
      upsert({ ...offer, outcome: accept ? 'ACCEPTED' : 'DECLINED' });
      return result.value.interaction.id;
    } finally {
      busy.delete(offer.id);
    }
  }

  /** Dismisses an offer the server refused (e.g. already taken) from the list. */
  function dismiss(offerId: string): void {
    errors.delete(offerId);
    ended.set(offerId, null);
    open.value = open.value.filter((o) => o.id !== offerId);
  }

  return {
    offers: computed(() => open.value),
    errors,
    busy,
    connected: computed(() => !live.error.value),
    accept: (offer: Offer) => decide(offer, true),
    decline: (offer: Offer) => decide(offer, false),
    dismiss,
  };
}
