import { DomainError } from '@cc/core/errors';

/*
 * Refusals of routing actions. Each says what happened and what to do; the state was left
 * unchanged. GraphQL registers them by class name (schema/routing-errors.ts); clients branch on
 * __typename and may localize by it.
 */

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found; it may have been removed, or the id is wrong.`);
  }
}
export class NotAnAgentError extends DomainError {
  constructor(message = 'Only agents take interactions; ask an administrator to set you up as an agent.') {
    super('NOT_AN_AGENT', message);
  }
}
export class OfferExpiredError extends DomainError {
  constructor() {
    super('OFFER_EXPIRED', 'This offer has expired and is going to another agent.');
  }
}
export class NotYourOfferError extends DomainError {
  constructor() {
    super('NOT_YOUR_OFFER', 'This offer was made to another agent.');
  }
}
export class OfferAlreadyDecidedError extends DomainError {
  constructor() {
    super('OFFER_ALREADY_DECIDED', 'This offer has already been accepted, declined or withdrawn.');
  }
}
export class NotYourInteractionError extends DomainError {
  constructor() {
    super('NOT_YOUR_INTERACTION', 'This interaction is handled by another agent.');
  }
}
export class InteractionStateError extends DomainError {
  constructor(
    readonly status: string,
    action: string,
  ) {
    super('INTERACTION_STATE', `This interaction is ${status.replace('_', '-')}; it cannot be ${action} now.`);
  }
}
export class ChannelNotServedError extends DomainError {
  constructor(channel: string) {
    super('CHANNEL_NOT_SERVED', `That queue does not take ${channel} interactions; choose a queue that serves this channel.`);
  }
}
export class AgentUnavailableError extends DomainError {
  constructor() {
    super('AGENT_UNAVAILABLE', 'That agent is not available or has no free slot on this channel; choose another agent or a queue.');
  }
}
export class AgentAtCapacityError extends DomainError {
  constructor() {
    super('AGENT_AT_CAPACITY', 'That agent has no free slot on this channel right now; choose another agent, or wait until they finish a contact.');
  }
}
export class AlreadyOfferedError extends DomainError {
  constructor() {
    super('ALREADY_OFFERED', 'This interaction is already being offered to that agent.');
  }
}
export class InvalidRoutingSettingError extends DomainError {
  constructor(message: string) {
    super('INVALID_ROUTING_SETTING', message);
  }
}

/** Repository validation of settings (skill levels, slots, hours, unique names) becomes a typed error. */
export function asSettingError(e: unknown): unknown {
  if (e instanceof RangeError || e instanceof TypeError) return new InvalidRoutingSettingError(e.message);
  if (e instanceof Error && 'code' in e && e.code === '23505') return new InvalidRoutingSettingError('That name is already taken; choose another.');
  return e;
}

export const routingErrorTypes = [
  NotFoundError,
  NotAnAgentError,
  OfferExpiredError,
  NotYourOfferError,
  OfferAlreadyDecidedError,
  NotYourInteractionError,
  InteractionStateError,
  ChannelNotServedError,
  AgentUnavailableError,
  AgentAtCapacityError,
  AlreadyOfferedError,
  InvalidRoutingSettingError,
] as const;
