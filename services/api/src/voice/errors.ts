import { DomainError } from '@cc/core/errors';

/* Refusals of call actions; registered as GraphQL types in schema/channel-errors.ts. */

export class NoLiveCallError extends DomainError {
  constructor() {
    super('NO_LIVE_CALL', 'This interaction has no live call: the caller has hung up, or it did not come through Twilio.');
  }
}

/* Refusals of Twilio's voice callbacks (answered with 409 and 404 by the webhook). */
export class CallSetupInProgressError extends DomainError {
  constructor() {
    super('CALL_SETUP_IN_PROGRESS', 'this call is being set up by another request; retry');
  }
}
export class CallInteractionNotFoundError extends DomainError {
  constructor(message: string) {
    super('CALL_INTERACTION_NOT_FOUND', message);
  }
}
