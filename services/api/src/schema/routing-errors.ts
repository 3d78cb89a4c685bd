import { builder } from '../builder';
import { routingErrorTypes } from '../routing/errors';
import { ErrorInterface } from './errors';

// The routing domain's refusals (routing/errors.ts) as GraphQL error types, named by class.
const descriptions: Record<string, string> = {
  NotFoundError: 'The object does not exist, or the id is wrong.',
  NotAnAgentError: 'The action needs an agent (a user set up with queues and capacity).',
  OfferExpiredError: 'The offer ran out of time; the interaction is going to another agent.',
  NotYourOfferError: 'The offer was made to another agent.',
  OfferAlreadyDecidedError: 'The offer was already accepted, declined or withdrawn.',
  NotYourInteractionError: 'Another agent holds this interaction.',
  InteractionStateError: 'The interaction’s status does not allow this action now (e.g. closing one still queued).',
  ChannelNotServedError: 'The target queue does not serve this interaction’s channel.',
  AgentUnavailableError: 'The agent is not available, or has no free slot on this channel.',
  AgentAtCapacityError: 'The agent has no free slot on this channel right now.',
  AlreadyOfferedError: 'The interaction is already being offered to that agent.',
  InvalidRoutingSettingError: 'A queue or agent setting is out of range or inconsistent; the message says which.',
};
for (const cls of routingErrorTypes) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description: descriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}
