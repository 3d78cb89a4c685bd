/**
 * Who may use each root field of the API — the authorization matrix's declarations. Every
 * Query, Mutation and Subscription field must appear here (the matrix test fails otherwise).
 * "Allowed" means the caller got past authorization (a result, or a domain error such as "not
 * found"); everyone else must get FORBIDDEN / UNAUTHENTICATED or a "not yours" result.
 */
export const principals = [
  'anonymous',
  'involvedAgent',
  'uninvolvedAgent',
  'supervisor',
  'admin',
  'key:customers:read',
  'key:customers:write',
  'key:interactions:read',
  'key:interactions:write',
  'key:queues:read',
  'key:reports:read',
  'visitor',
  /** The co-browse widget with the ccb_ token of the world's co-browse session. */
  'cobrowseCustomer',
] as const;
export type PrincipalName = (typeof principals)[number];

/** Fields that end the caller's own session: the matrix signs the caller in again after them. */
export const refreshesCaller = new Set<string>(['Mutation.logout', 'Mutation.changePassword']);

const everyone = principals;
/** Signed-in people, whatever their role. */
const users = ['involvedAgent', 'uninvolvedAgent', 'supervisor', 'admin'] as const;
const supervisors = ['supervisor', 'admin'] as const;
const admin = ['admin'] as const;
/** The agent holding (or offered) the world's interactions — and nobody else. */
const holder = ['involvedAgent'] as const;
const visitor = ['visitor'] as const;
const cobrowseCustomer = ['cobrowseCustomer'] as const;
/** Watching the world's co-browse session: its agent holding the call, supervisors. */
const cobrowseWatchers = ['involvedAgent', ...supervisors] as const;
/** Reading interactions: their agent, supervisors, keys with interactions:read (or :write). */
const interactionReaders = ['involvedAgent', ...supervisors, 'key:interactions:read', 'key:interactions:write'] as const;
const customerReaders = ['involvedAgent', ...supervisors, 'key:customers:read', 'key:customers:write'] as const;

export const expectations: Record<string, readonly PrincipalName[]> = {
  // Queries
  // Historical reports and their drill-down: supervisors and report keys (issue 19).
  'Query.report': [...supervisors, 'key:reports:read'],
  'Query.reportInteractions': [...supervisors, 'key:reports:read'],
  'Query.reportSchedules': supervisors,
  // The conversation archive: every signed-in person (agents find only their own interactions) and interaction-reading keys.
  'Query.archiveSearch': [...users, 'key:interactions:read', 'key:interactions:write'],
  'Query.agents': supervisors,
  'Query.auditEvents': admin,
  'Query.auditEventsCsv': admin,
  // Blocked records of erased customers: administrators only, never supervisors (LOPDGDD art. 32).
  'Query.blockedRecords': admin,
  'Query.dataExport': admin,
  'Query.privacySubject': admin,
  'Query.retentionRuns': admin,
  'Query.retentionSettings': admin,
  'Query.apiKeys': admin,
  'Query.chatSites': supervisors,
  'Query.clickToWhatsApp': admin,
  'Query.cobrowseFigures': supervisors,
  'Query.cobrowseSession': [...cobrowseWatchers, ...cobrowseCustomer],
  'Query.customer': customerReaders,
  'Query.interaction': interactionReaders,
  // Every agent may list; the list holds only what involves them (checked in routing tests).
  'Query.interactions': [...users, 'key:interactions:read', 'key:interactions:write'],
  'Query.myOffers': users,
  'Query.myVoiceEndpoint': users,
  'Query.node': interactionReaders,
  'Query.nodes': interactionReaders,
  'Query.pushDocuments': users,
  'Query.pushFigures': [...supervisors, 'key:interactions:read', 'key:interactions:write'],
  'Query.queues': [...users, 'key:queues:read'],
  'Query.segmentPreview': supervisors,
  'Query.segments': supervisors,
  // WhatsApp campaigns: supervisors and admins; agents see only Interaction.campaign of interactions they may read.
  'Query.campaigns': supervisors,
  'Query.campaignPreview': supervisors,
  // Null for anyone who is not a signed-in user.
  'Query.users': admin,
  'Query.viewer': everyone,
  'Query.visitorWhatsApp': visitor,
  'Query.visitorChat': visitor,
  'Query.visitorMarketingOptIn': visitor,
  'Query.webhookDeliveries': admin,
  'Query.webhookEndpoint': admin,
  'Query.webhookEndpoints': admin,
  'Query.whatsAppTemplates': users,
  'Query.whatsAppAutoReplies': admin,
  'Query.whatsAppSender': admin,

  // Mutations
  'Mutation.acceptCobrowse': cobrowseCustomer,
  'Mutation.acceptOffer': holder,
  'Mutation.addInteractionNote': ['involvedAgent', ...supervisors],
  'Mutation.addPushDocument': supervisors,
  // Offers a waiting interaction to a chosen agent (the matrix world's agent may refuse: state or presence).
  'Mutation.assignInteraction': supervisors,
  'Mutation.changePassword': users,
  'Mutation.claimProactiveChat': visitor,
  'Mutation.closeInteraction': holder,
  'Mutation.createApiKey': admin,
  'Mutation.createQueue': supervisors,
  'Mutation.createSegment': supervisors,
  'Mutation.createCampaign': supervisors,
  'Mutation.scheduleCampaign': supervisors,
  'Mutation.pauseCampaign': supervisors,
  'Mutation.resumeCampaign': supervisors,
  'Mutation.cancelCampaign': supervisors,
  'Mutation.createUser': admin,
  'Mutation.eraseCustomer': admin,
  'Mutation.runRetention': admin,
  'Mutation.setRetentionPeriod': admin,
  'Mutation.startDataExport': admin,
  'Mutation.createWebhookEndpoint': admin,
  'Mutation.createVoiceAccessToken': users,
  'Mutation.declineOffer': holder,
  'Mutation.deleteSegment': supervisors,
  'Mutation.deleteWebhookEndpoint': admin,
  'Mutation.disableUser': admin,
  'Mutation.enableUser': admin,
  // Supervisors watch read-only: ending is the agent's or the customer's.
  'Mutation.endCobrowse': [...holder, ...cobrowseCustomer],
  'Mutation.enqueueInteraction': [...supervisors, 'key:interactions:write'],
  'Mutation.holdCall': holder,
  'Mutation.identifyCustomer': [...supervisors, 'key:customers:write'],
  // Consents collected elsewhere, with their evidence: supervisors only (keys cannot vouch for a consent).
  'Mutation.importConsents': supervisors,
  'Mutation.inviteToCobrowse': holder,
  'Mutation.joinCobrowseByCode': holder,
  'Mutation.leaveEmail': visitor,
  // Public: anyone may try to sign in (throttled, one per request).
  'Mutation.login': everyone,
  'Mutation.logout': users,
  // Public: the widget on a customer's page opening a pushed invitation (Origin checked, throttled).
  'Mutation.openCobrowseInvite': everyone,
  'Mutation.optInToMarketing': visitor,
  'Mutation.push': holder,
  'Mutation.reassignInteraction': supervisors,
  'Mutation.refreshWhatsAppSender': admin,
  'Mutation.recordConsent': holder,
  'Mutation.replayWebhookDelivery': admin,
  'Mutation.replyByEmail': holder,
  'Mutation.reportCustomerLeft': [...supervisors, 'key:interactions:write'],
  'Mutation.requestCobrowseSnapshot': cobrowseWatchers,
  'Mutation.resetUserPassword': admin,
  'Mutation.revokeApiKey': admin,
  'Mutation.rotateWebhookEndpointSecret': admin,
  'Mutation.saveAgent': supervisors,
  'Mutation.saveChatSite': supervisors,
  'Mutation.saveWhatsAppAutoReplies': admin,
  'Mutation.sendChatMessage': holder,
  'Mutation.sendCobrowseEvents': cobrowseCustomer,
  'Mutation.sendCobrowseGuidance': holder,
  'Mutation.sendPushBySms': holder,
  'Mutation.sendVisitorMessage': visitor,
  'Mutation.sendWhatsAppMessage': holder,
  'Mutation.setAgentPresence': supervisors,
  'Mutation.setCustomerAttributes': [...supervisors, 'key:customers:write'],
  'Mutation.setAgentTyping': holder,
  'Mutation.setEmailAutoAck': supervisors,
  'Mutation.setPresence': users,
  'Mutation.setTimeZone': users,
  'Mutation.setUserRole': admin,
  'Mutation.setVisitorTyping': visitor,
  'Mutation.setVoiceEndpoint': users,
  // Public: the widget on a customer's page (its Origin is checked against the site).
  'Mutation.startVisit': everyone,
  // Public: the widget's "Share this page with the agent" (Origin checked, throttled).
  'Mutation.startCobrowseShare': everyone,
  'Mutation.syncWhatsAppTemplates': supervisors,
  'Mutation.transferInteraction': holder,
  'Mutation.updateQueue': supervisors,
  'Mutation.saveDisposition': supervisors,
  'Mutation.setInteractionDisposition': holder,
  'Mutation.updateReportSettings': admin,
  'Mutation.createReportSchedule': supervisors,
  'Mutation.deleteReportSchedule': supervisors,
  'Mutation.updateSegment': supervisors,
  'Mutation.updateWhatsAppBusinessProfile': admin,
  'Mutation.updateWebhookEndpoint': admin,
  'Mutation.uploadPushMedia': users,
  'Mutation.withdrawPushDocument': supervisors,
  'Mutation.wrapUpInteraction': holder,

  // Subscriptions (refused when subscribing, never a silent stream)
  'Subscription.agentsUpdated': supervisors,
  'Subscription.campaignProgress': supervisors,
  'Subscription.chatTyping': interactionReaders,
  'Subscription.cobrowseCustomerEvents': cobrowseCustomer,
  'Subscription.cobrowseEvents': cobrowseWatchers,
  'Subscription.interactionUpdated': interactionReaders,
  'Subscription.offers': users,
  'Subscription.pushFiguresUpdated': supervisors,
  'Subscription.pushUpdated': interactionReaders,
  'Subscription.queueStats': [...users, 'key:queues:read'],
  'Subscription.visitorChatEvents': visitor,
};
