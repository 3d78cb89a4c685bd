import { useMutation, useQuery, useSubscription } from '@urql/vue';
import { computed, ref, type Ref } from 'vue';
import type { BusinessHours } from '../graphql/queues';
import {
  CampaignPreviewQuery,
  CampaignProgressSubscription,
  CampaignsQuery,
  CampaignTemplatesQuery,
  CancelCampaignMutation,
  CreateCampaignMutation,
  PauseCampaignMutation,
  ResumeCampaignMutation,
  type CampaignProgress,
  type CampaignVariableInput,
} from '../graphql/campaigns';
import { useBusyRun } from './useBusyRun';
import { useRefusal } from './useRefusal';

/** The campaign list, creation and the pause / resume / cancel buttons. */
/** What the wizard hands over to create a campaign. */
export type CampaignDraft = {
  name: string;
  segmentId: string;
  templateSid: string;
  variables: CampaignVariableInput[];
  linkUrl: string | null;
  ratePerSecond: number | null;
  /** Allowed sending hours on each recipient's clock. */
  quietHours: BusinessHours;
  /** Null: the configured default (1 per 7 days). */
  frequencyCapCount: number | null;
  frequencyCapDays: number | null;
  startAt: string | null;
};

export function useCampaigns() {
  const query = useQuery({ query: CampaignsQuery, requestPolicy: 'cache-and-network' });
  const templates = useQuery({ query: CampaignTemplatesQuery });
  const outcome = useRefusal();
  const createM = useMutation(CreateCampaignMutation);
  const pauseM = useMutation(PauseCampaignMutation);
  const resumeM = useMutation(ResumeCampaignMutation);
  const cancelM = useMutation(CancelCampaignMutation);
  const { busy, run } = useBusyRun(() => query.executeQuery({ requestPolicy: 'network-only' }));
  return {
    campaigns: computed(() => query.data.value?.campaigns ?? []),
    loadError: computed(() => query.error.value?.message ?? null),
    /** Approved MARKETING templates only: the ones a campaign may send. */
    templates: computed(() => (templates.data.value?.whatsAppTemplates ?? []).filter((tpl) => tpl.category?.toUpperCase() === 'MARKETING')),
    busy,
    create: (input: CampaignDraft) =>
      run(async () =>
        outcome(
          await createM.executeMutation({
            input: {
              ...input,
              linkUrl: input.linkUrl || undefined,
              ratePerSecond: input.ratePerSecond ?? undefined,
              frequencyCapCount: input.frequencyCapCount ?? undefined,
              frequencyCapDays: input.frequencyCapDays ?? undefined,
              startAt: input.startAt ?? undefined,
            },
          }),
          'createCampaign',
          'CampaignPayload',
        ),
      ),
    pause: (campaignId: string) => run(async () => outcome(await pauseM.executeMutation({ input: { campaignId } }), 'pauseCampaign', 'CampaignPayload')),
    resume: (campaignId: string) => run(async () => outcome(await resumeM.executeMutation({ input: { campaignId } }), 'resumeCampaign', 'CampaignPayload')),
    cancel: (campaignId: string) => run(async () => outcome(await cancelM.executeMutation({ input: { campaignId } }), 'cancelCampaign', 'CampaignPayload')),
  };
}

/** The message as the first recipients would read it, asked on demand. */
export function useCampaignPreview(input: Ref<{ segmentId: string; templateSid: string; variables: CampaignVariableInput[]; linkUrl: string | null } | null>) {
  const query = useQuery({
    query: CampaignPreviewQuery,
    variables: computed(() => ({ input: { ...(input.value ?? { segmentId: '', templateSid: '', variables: [] }), linkUrl: input.value?.linkUrl || undefined } })),
    pause: () => !input.value,
    requestPolicy: 'network-only',
  });
  const answer = computed(() => query.data.value?.campaignPreview);
  return {
    recipients: computed(() => (answer.value?.__typename === 'CampaignPreview' ? answer.value.recipients : [])),
    problem: computed(() => (answer.value && answer.value.__typename !== 'CampaignPreview' ? answer.value.message : (query.error.value?.message ?? null))),
    loading: computed(() => query.fetching.value),
  };
}

/** One campaign's figures, live (the subscription sends them now, then on every change). */
export function useCampaignProgress(campaignId: Ref<string | null>) {
  const progress = ref<CampaignProgress | null>(null);
  useSubscription(
    { query: CampaignProgressSubscription, variables: () => ({ campaignId: campaignId.value ?? '' }), pause: () => !campaignId.value },
    (_prev, data) => {
      progress.value = data.campaignProgress;
      return data;
    },
  );
  return { progress };
}

/** Share of recipients with an outcome (sent, failed, skipped, unknown), 0–100. */
export function percentDone(p: Pick<CampaignProgress, 'total' | 'queued'>): number {
  if (!p.total) return 0;
  return Math.round(((p.total - p.queued) / p.total) * 100);
}
