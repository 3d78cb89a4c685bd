import { useQuery } from '@urql/vue';
import { computed } from 'vue';
import { WhatsAppTemplatesQuery } from '../graphql/templates';

/**
 * The WhatsApp templates an agent may send (the synced, approved ones), loaded only while `needed`
 * says so: the window-closed cases in the push panel and the composer.
 */
export function useWhatsAppTemplates(needed: () => boolean) {
  const query = useQuery({ query: WhatsAppTemplatesQuery, pause: () => !needed() });
  return {
    templates: computed(() => query.data.value?.whatsAppTemplates ?? []),
    loading: computed(() => query.fetching.value),
  };
}
