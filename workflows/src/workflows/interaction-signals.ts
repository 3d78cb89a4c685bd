import { defineQuery, defineSignal } from '@temporalio/workflow';

/** An offer the database has recorded for this interaction (made by the workflow or for a freed agent). */
export interface OfferMade {
  offerId: string;
  agentId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export type InteractionPhase = 'queued' | 'offered' | 'assigned' | 'wrap_up' | 'closed' | 'abandoned';

export interface InteractionState {
  phase: InteractionPhase;
  offer: OfferMade | null;
  priorityRaised: boolean;
  overflows: number;
  customerMessages: number;
}

// Every signal reports a change the API has already committed to PostgreSQL (the source of
// truth, where concurrent agents are arbitrated); the workflow keeps time and moves on.
export const offerMade = defineSignal<[OfferMade]>('offerMade');
export const offerDecided = defineSignal<[{ offerId: string; outcome: 'accepted' | 'declined' }]>('offerDecided');
/** The customer hung up or left. */
export const customerLeft = defineSignal('customerLeft');
export const wrapUpStarted = defineSignal('wrapUpStarted');
export const closed = defineSignal('closed');
/** A customer message was stored for this interaction (the workflow is started by it when new). */
export const customerMessage = defineSignal<[{ messageId: string }]>('customerMessage');
export const stateQuery = defineQuery<InteractionState>('state');
