import { defineQuery, defineSignal } from '@temporalio/workflow';

/** A delivery status Twilio reported for the push's message (already recorded in PostgreSQL). */
export interface PushStatusUpdate {
  status: string;
  errorCode: string | null;
}

export interface PushState {
  status: string | null;
  errorCode: string | null;
  fallbackOffered: boolean;
}

export const pushStatus = defineSignal<[PushStatusUpdate]>('pushStatus');
export const pushStateQuery = defineQuery<PushState>('pushState');

/** The workflow id of a push: a business key, so a repeated start is refused rather than doubled. */
export function pushWorkflowId(pushId: string): string {
  return `push-${pushId}`;
}
