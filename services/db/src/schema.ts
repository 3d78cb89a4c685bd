import type { ApiKeysTable } from './tables/api-keys';
import type { AuditEventsTable } from './tables/audit-events';
import type { CustomerIdentitiesTable } from './tables/customer-identities';
import type { CustomersTable } from './tables/customers';
import type { UsersTable } from './tables/users';
import type { QueuesTable } from './tables/queues';
import type { AgentsTable } from './tables/agents';
import type { AgentQueuesTable } from './tables/agent-queues';
import type { AgentPresenceTable } from './tables/agent-presence';
import type { InteractionsTable } from './tables/interactions';
import type { OffersTable } from './tables/offers';
import type { MessagesTable } from './tables/messages';
import type { InteractionEventsTable } from './tables/interaction-events';
import type { CustomerChannelStateTable } from './tables/customer-channel-state';
import type { ConsentsTable } from './tables/consents';
import type { MediaObjectsTable } from './tables/media-objects';
import type { AgentVoiceEndpointsTable } from './tables/agent-voice-endpoints';
import type { InboundCallsTable } from './tables/inbound-calls';
import type { WebchatSitesTable, WebchatVisitorsTable } from './tables/webchat';

/** Registration index of every table the application reads and writes. */
export interface Database {
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
  queues: QueuesTable;
  agents: AgentsTable;
  agent_queues: AgentQueuesTable;
  agent_presence: AgentPresenceTable;
  interactions: InteractionsTable;
  offers: OffersTable;
  messages: MessagesTable;
  interaction_events: InteractionEventsTable;
  customer_channel_state: CustomerChannelStateTable;
  consents: ConsentsTable;
  media_objects: MediaObjectsTable;
  agent_voice_endpoints: AgentVoiceEndpointsTable;
  inbound_calls: InboundCallsTable;
  webchat_sites: WebchatSitesTable;
  webchat_visitors: WebchatVisitorsTable;
}
