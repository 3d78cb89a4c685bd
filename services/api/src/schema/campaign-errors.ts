import { builder } from '../builder';
import {
  CampaignNotFoundError,
  CampaignStateError,
  CampaignTemplateError,
  InvalidCampaignError,
} from '../campaigns/errors';
import { ErrorInterface } from './errors';

// The campaign domain's refusals (campaigns/errors.ts) as GraphQL error types; nothing was changed.
const descriptions: Record<string, string> = {
  CampaignNotFoundError: 'No campaign has that id.',
  CampaignTemplateError:
    'The template cannot be used: unknown, not approved by WhatsApp, or not of the MARKETING category.',
  InvalidCampaignError:
    'A setting is not valid (a placeholder without a source, a rate above the sender’s throughput, a link to a domain not allowed…); the message names it.',
  CampaignStateError:
    'The campaign is not in a state that allows this (e.g. resuming one that is not paused).',
};
for (const cls of [
  CampaignNotFoundError,
  CampaignTemplateError,
  InvalidCampaignError,
  CampaignStateError,
] as const) {
  builder.objectType(cls as unknown as typeof Error, {
    name: cls.name,
    description: descriptions[cls.name],
    interfaces: [ErrorInterface],
    fields: () => ({}),
  });
}
