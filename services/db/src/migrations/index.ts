import type { Migration } from 'kysely';
import * as customers from './2026-11-23T0100-customers';
import * as users from './2026-11-23T0110-users';
import * as apiKeys from './2026-11-23T0120-api-keys';
import * as auditEvents from './2026-11-23T0130-audit-events';
import * as queues from './2026-11-23T0200-queues';
import * as agents from './2026-11-23T0210-agents';
import * as interactions from './2026-11-23T0220-interactions';
import * as offers from './2026-11-23T0230-offers';
import * as messages from './2026-11-23T0240-messages';
import * as interactionEvents from './2026-11-23T0250-interaction-events';
import * as customerChannelState from './2026-11-23T0300-customer-channel-state';
import * as consents from './2026-11-23T0310-consents';
import * as mediaObjects from './2026-11-23T0320-media-objects';
import * as messagesContext from './2026-11-23T0330-messages-context';
import * as voiceCalls from './2026-11-23T0340-voice-calls';
import * as callSidNotUnique from './2026-11-23T0350-call-sid-not-unique';
import * as pushes from './2026-11-23T0400-pushes';
import * as webchat from './2026-11-23T0420-webchat';
import * as pushRefusals from './2026-11-23T0430-push-refusals';
import * as emailQueueSettings from './2026-11-23T0440-email-queue-settings';
import * as pushDocuments from './2026-11-23T0500-push-documents';
import * as userTimeZone from './2026-11-23T0530-user-time-zone';
import * as agentPresencePeriods from './2026-11-23T0540-agent-presence-periods';
import * as mediaOwnership from './2026-12-04T1900-media-ownership';
import * as userTokenVersion from './2026-12-04T1910-user-token-version';
import * as identityVerified from './2026-12-04T1920-identity-verified';
import * as presenceReason from './2026-12-04T2000-presence-reason';
import * as cobrowse from './2026-12-04T2100-cobrowse';
import * as workflowStarts from './2026-12-04T2110-workflow-starts';
import * as customerAttributes from './2026-12-05T0300-customer-attributes';
import * as segments from './2026-12-05T0301-segments';
import * as campaigns from './2026-12-05T0400-campaigns';
import * as reportRollups from './2026-12-05T0500-report-rollups';
import * as reportSchedules from './2026-12-05T0501-report-schedules';
import * as outboundWebhooks from './2026-12-05T0600-outbound-webhooks';
import * as campaignProgressWebhooks from './2026-12-05T0601-campaign-progress-webhooks';
import * as dataProtection from './2026-12-05T0700-data-protection';
import * as whatsAppPresence from './2026-12-05T0800-whatsapp-presence';
import * as archiveSearch from './2026-12-05T0900-archive-search';
import * as archiveSearchDocuments from './2026-12-06T0100-archive-search-documents';
import * as reportRollupsPartitions from './2026-12-06T0101-report-rollups-partitions';
import * as webhookLogRetention from './2026-12-06T0500-webhook-log-retention';
import * as offerChannel from './2026-12-06T0600-offer-channel';

/** Every migration, registered explicitly; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-23T0100-customers': customers,
  '2026-11-23T0110-users': users,
  '2026-11-23T0120-api-keys': apiKeys,
  '2026-11-23T0130-audit-events': auditEvents,
  '2026-11-23T0200-queues': queues,
  '2026-11-23T0210-agents': agents,
  '2026-11-23T0220-interactions': interactions,
  '2026-11-23T0230-offers': offers,
  '2026-11-23T0240-messages': messages,
  '2026-11-23T0250-interaction-events': interactionEvents,
  '2026-11-23T0300-customer-channel-state': customerChannelState,
  '2026-11-23T0310-consents': consents,
  '2026-11-23T0320-media-objects': mediaObjects,
  '2026-11-23T0330-messages-context': messagesContext,
  '2026-11-23T0340-voice-calls': voiceCalls,
  '2026-11-23T0350-call-sid-not-unique': callSidNotUnique,
  '2026-11-23T0400-pushes': pushes,
  '2026-11-23T0420-webchat': webchat,
  '2026-11-23T0430-push-refusals': pushRefusals,
  '2026-11-23T0440-email-queue-settings': emailQueueSettings,
  '2026-11-23T0500-push-documents': pushDocuments,
  '2026-11-23T0530-user-time-zone': userTimeZone,
  '2026-11-23T0540-agent-presence-periods': agentPresencePeriods,
  '2026-12-04T1900-media-ownership': mediaOwnership,
  '2026-12-04T1910-user-token-version': userTokenVersion,
  '2026-12-04T1920-identity-verified': identityVerified,
  '2026-12-04T2000-presence-reason': presenceReason,
  '2026-12-04T2100-cobrowse': cobrowse,
  '2026-12-04T2110-workflow-starts': workflowStarts,
  '2026-12-05T0300-customer-attributes': customerAttributes,
  '2026-12-05T0301-segments': segments,
  '2026-12-05T0400-campaigns': campaigns,
  '2026-12-05T0500-report-rollups': reportRollups,
  '2026-12-05T0501-report-schedules': reportSchedules,
  '2026-12-05T0600-outbound-webhooks': outboundWebhooks,
  '2026-12-05T0601-campaign-progress-webhooks': campaignProgressWebhooks,
  '2026-12-05T0700-data-protection': dataProtection,
  '2026-12-05T0800-whatsapp-presence': whatsAppPresence,
  '2026-12-05T0900-archive-search': archiveSearch,
  '2026-12-06T0100-archive-search-documents': archiveSearchDocuments,
  '2026-12-06T0101-report-rollups-partitions': reportRollupsPartitions,
  '2026-12-06T0500-webhook-log-retention': webhookLogRetention,
  '2026-12-06T0600-offer-channel': offerChannel,
};
