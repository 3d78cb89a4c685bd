import { useMutation, useQuery } from '@urql/vue';
import { computed, ref, watch, type Ref } from 'vue';
import {
  CreateSegmentMutation,
  DeleteSegmentMutation,
  ImportConsentsMutation,
  SegmentPreviewQuery,
  SegmentsQuery,
  UpdateSegmentMutation,
  type SegmentFilterInput,
} from '../graphql/audience';
import { useBusyRun } from './useBusyRun';
import { useRefusal } from './useRefusal';

/** How long the filter must stay unchanged before the live count is asked again. */
const previewDelayMs = 400;

/** Saved segments: the list with counts, save (create or update) and delete. */
export function useSegments() {
  const query = useQuery({ query: SegmentsQuery, requestPolicy: 'cache-and-network' });
  const outcome = useRefusal();
  const createM = useMutation(CreateSegmentMutation);
  const updateM = useMutation(UpdateSegmentMutation);
  const deleteM = useMutation(DeleteSegmentMutation);
  const { busy, run } = useBusyRun(() => query.executeQuery({ requestPolicy: 'network-only' }));

  return {
    segments: computed(() => query.data.value?.segments ?? []),
    loadError: computed(() => (query.error.value ? query.error.value.message : null)),
    busy,
    save: (segment: { id: string | null; name: string; description: string | null; filter: SegmentFilterInput }) =>
      run(async () =>
        segment.id
          ? outcome(await updateM.executeMutation({ input: { segmentId: segment.id, name: segment.name, description: segment.description, filter: segment.filter } }), 'updateSegment', 'SegmentPayload')
          : outcome(await createM.executeMutation({ input: { name: segment.name, description: segment.description, filter: segment.filter } }), 'createSegment', 'SegmentPayload'),
      ),
    remove: (segmentId: string) => run(async () => outcome(await deleteM.executeMutation({ input: { segmentId } }), 'deleteSegment', 'DeleteSegmentPayload')),
  };
}

/** The live count of a filter being built, asked once it has been still for a moment. */
export function useSegmentPreview(filter: Ref<SegmentFilterInput>) {
  const settled = ref<SegmentFilterInput>(filter.value);
  /** The filter changed and its count has not been asked yet. */
  const waiting = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(filter, (f) => {
    clearTimeout(timer);
    waiting.value = true;
    timer = setTimeout(() => {
      settled.value = f;
      waiting.value = false;
    }, previewDelayMs);
  }, { deep: true });
  const query = useQuery({ query: SegmentPreviewQuery, variables: computed(() => ({ filter: settled.value })), requestPolicy: 'network-only' });
  const answer = computed(() => query.data.value?.segmentPreview);
  return {
    count: computed(() => (answer.value?.__typename === 'SegmentPreview' ? answer.value.recipientCount : null)),
    problem: computed(() => (answer.value && answer.value.__typename !== 'SegmentPreview' ? answer.value.message : (query.error.value?.message ?? null))),
    counting: computed(() => query.fetching.value || waiting.value),
  };
}

/** The CSV consent import: check (dry run), then import; the report of either. */
export function useConsentImport() {
  const outcome = useRefusal();
  const importM = useMutation(ImportConsentsMutation);
  const busy = ref(false);
  return {
    busy,
    async send(csv: string, fileName: string | null, dryRun: boolean) {
      busy.value = true;
      try {
        return outcome(await importM.executeMutation({ input: { csv, fileName, dryRun } }), 'importConsents', 'ImportConsentsPayload');
      } finally {
        busy.value = false;
      }
    },
  };
}
