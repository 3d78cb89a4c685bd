import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from '../builder';
// Registration index: each domain file adds its types and fields to the builder.
import './errors';
import './users';
import './user-settings';
import './sessions';
import './account-errors';
import './user-admin';
import './api-keys';
import './customers';
import './routing-errors';
import './queues';
import './agents';
import './agent-occupancy';
import './agents-live';
import './interactions';
import './offers';
import './interaction-actions';
import './notes';
import './timeline';
import './channel-errors';
import './messaging';
import './voice';
import './call-hold';
import './email-errors';
import './email';
import './webchat-errors';
import './webchat-sites';
import './webchat-visitor';
import './webchat-agent';
import './consent';
import './audience-errors';
import './customer-attributes';
import './segments';
import './consent-import';
import './webchat-opt-in';
import './templates';
import './push';
import './push-documents';
import './push-figures';
import './report-errors';
import './reports';
import './dispositions';
import './report-schedules';
import './archive';
import './cobrowse-errors';
import './cobrowse';
import './privacy';
import './outbound-webhook-errors';
import './outbound-webhooks';
import './whatsapp-presence-errors';
import './whatsapp-presence';
import './campaign-errors';
import './campaigns';

builder.queryType({ description: 'Reads. Each field says who may use it; fields you may not use answer FORBIDDEN (or null where documented).' });
builder.mutationType({
  description: 'Changes. Most answer a result union: the payload, or a typed error (implementing Error) saying why nothing was changed.',
});
builder.subscriptionType({
  description: 'Live updates over SSE or WebSocket. Refused when subscribing if you may not see the stream, never a silent stream.',
});

export function buildSchema(): GraphQLSchema {
  return lexicographicSortSchema(builder.toSchema());
}
