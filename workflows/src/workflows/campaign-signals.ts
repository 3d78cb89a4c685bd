import { defineQuery, defineSignal } from '@temporalio/workflow';

export interface CampaignWorkflowState {
  phase: 'scheduled' | 'snapshot' | 'sending' | 'paused' | 'waiting' | 'finished';
  paused: boolean;
  cancelled: boolean;
  pauseReason: string | null;
}

/** A supervisor paused the campaign (the row already says so; the workflow stops after the current slice). */
export const pauseCampaign = defineSignal<[{ reason: string | null }]>('pauseCampaign');
export const resumeCampaign = defineSignal('resumeCampaign');
export const cancelCampaign = defineSignal('cancelCampaign');
/** The scheduled start moved (or "now"): epoch milliseconds. */
export const rescheduleCampaign =
  defineSignal<[{ startAtMs: number | null }]>('rescheduleCampaign');
export const campaignStateQuery = defineQuery<CampaignWorkflowState>('campaignState');

/** The workflow id of a campaign: a business key, so a repeated start is refused rather than doubled. */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}
