import type { ApiKeysTable } from './tables/api-keys';
import type { AuditEventsTable } from './tables/audit-events';
import type { CustomerIdentitiesTable } from './tables/customer-identities';
import type { CustomersTable } from './tables/customers';
import type { UsersTable } from './tables/users';
import type { QueuesTable } from './tables/queues';
import type { AgentsTable } from './tables/agents';
import type { AgentQueuesTable } from './tables/agent-queues';
import type { AgentPresenceTable } from './tables/agent-presence';
import type { AgentPresencePeriodsTable } from './tables/agent-presence-periods';
import type { InteractionsTable } from './tables/interactions';
import type { OffersTable } from './tables/offers';
import type { MessagesTable } from './tables/messages';
import type { InteractionEventsTable } from './tables/interaction-events';
import type { CustomerChannelStateTable } from './tables/customer-channel-state';
import type { ConsentsTable } from './tables/consents';
import type { MediaObjectsTable } from './tables/media-objects';
import type { AgentVoiceEndpointsTable } from './tables/agent-voice-endpoints';
import type { InboundCallsTable } from './tables/inbound-calls';
import type { PushesTable } from './tables/pushes';
import type { PushLinkOpensTable, PushLinksTable } from './tables/push-links';
import type { WhatsAppTemplatesTable } from './tables/whatsapp-templates';
import type { PushRefusalsTable } from './tables/push-refusals';
import type { WebchatSitesTable, WebchatVisitorsTable } from './tables/webchat';
import type { EmailQueueSettingsTable } from './tables/email-queue-settings';
import type { PushDocumentsTable } from './tables/push-documents';
import type { CobrowseRecordingsTable, CobrowseSessionsTable } from './tables/cobrowse';
import type { WorkflowStartsTable } from './tables/workflow-starts';
import type {
  DispositionsTable,
  InteractionOutcomesTable,
  ReportAgentActivityTable,
  ReportDispositionRollupsTable,
  ReportRollupsTable,
  ReportSettingsTable,
} from './tables/reports';
import type { ReportSchedulesTable } from './tables/report-schedules';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable, WebhookEventsTable } from './tables/webhooks';
import type { CampaignLinksTable, CampaignRecipientsTable, CampaignsTable } from './tables/campaigns';
import type { BlockedRecordsTable, DataExportsTable, RetentionRunsTable, RetentionSettingsTable } from './tables/data-protection';
import type { SegmentsTable } from './tables/segments';
import type { WhatsAppAutoRepliesTable, WhatsAppKeywordAnswersTable, WhatsAppSenderProfilesTable } from './tables/whatsapp-presence';

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
  agent_presence_periods: AgentPresencePeriodsTable;
  interactions: InteractionsTable;
  offers: OffersTable;
  messages: MessagesTable;
  interaction_events: InteractionEventsTable;
  customer_channel_state: CustomerChannelStateTable;
  consents: ConsentsTable;
  media_objects: MediaObjectsTable;
  agent_voice_endpoints: AgentVoiceEndpointsTable;
  inbound_calls: InboundCallsTable;
  pushes: PushesTable;
  push_links: PushLinksTable;
  push_link_opens: PushLinkOpensTable;
  whatsapp_templates: WhatsAppTemplatesTable;
  push_refusals: PushRefusalsTable;
  webchat_sites: WebchatSitesTable;
  webchat_visitors: WebchatVisitorsTable;
  email_queue_settings: EmailQueueSettingsTable;
  push_documents: PushDocumentsTable;
  cobrowse_sessions: CobrowseSessionsTable;
  cobrowse_recordings: CobrowseRecordingsTable;
  workflow_starts: WorkflowStartsTable;
  dispositions: DispositionsTable;
  report_settings: ReportSettingsTable;
  interaction_outcomes: InteractionOutcomesTable;
  report_rollups: ReportRollupsTable;
  report_disposition_rollups: ReportDispositionRollupsTable;
  report_agent_activity: ReportAgentActivityTable;
  report_schedules: ReportSchedulesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  campaigns: CampaignsTable;
  campaign_recipients: CampaignRecipientsTable;
  campaign_links: CampaignLinksTable;
  blocked_records: BlockedRecordsTable;
  data_exports: DataExportsTable;
  retention_settings: RetentionSettingsTable;
  retention_runs: RetentionRunsTable;
  segments: SegmentsTable;
  whatsapp_sender_profiles: WhatsAppSenderProfilesTable;
  whatsapp_auto_replies: WhatsAppAutoRepliesTable;
  whatsapp_keyword_answers: WhatsAppKeywordAnswersTable;
}
