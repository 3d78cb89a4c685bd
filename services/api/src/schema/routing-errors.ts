import { builder } from '../builder';
import { ErrorInterface } from './errors';

/*
 * Refusals of routing actions. Each says what happened and what to do; the state was left
 * unchanged. Clients branch on __typename and may localize by it.
 */

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found; it may have been removed, or the id is wrong.`);
  }
}
export class NotAnAgentError extends Error {
  constructor(message = 'Only agents take interactions; ask an administrator to set you up as an agent.') {
    super(message);
  }
}
export class OfferExpiredError extends Error {
  constructor() {
    super('This offer has expired and is going to another agent.');
  }
}
export class NotYourOfferError extends Error {
  constructor() {
    super('This offer was made to another agent.');
  }
}
export class OfferAlreadyDecidedError extends Error {
  constructor() {
    super('This offer has already been accepted, declined or withdrawn.');
  }
}
export class NotYourInteractionError extends Error {
  constructor() {
    super('This interaction is handled by another agent.');
  }
}
export class InteractionStateError extends Error {
  constructor(readonly status: string, action: string) {
    super(`This interaction is ${status.replace('_', '-')}; it cannot be ${action} now.`);
  }
}
export class ChannelNotServedError extends Error {
  constructor(channel: string) {
    super(`That queue does not take ${channel} interactions; choose a queue that serves this channel.`);
  }
}
export class AgentUnavailableError extends Error {
  constructor() {
    super('That agent is not available or has no free slot on this channel; choose another agent or a queue.');
  }
}
export class AgentAtCapacityError extends Error {
  constructor() {
    super('That agent has no free slot on this channel right now; choose another agent, or wait until they finish a contact.');
  }
}
export class AlreadyOfferedError extends Error {
  constructor() {
    super('This interaction is already being offered to that agent.');
  }
}
export class InvalidRoutingSettingError extends Error {}

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

for (const cls of routingErrorTypes) {
  builder.objectType(cls as typeof Error, { name: cls.name, interfaces: [ErrorInterface], fields: () => ({}) });
}
