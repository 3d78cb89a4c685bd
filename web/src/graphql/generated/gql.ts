/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AgentProfileFields on Agent {\n    presence {\n      status\n      since\n      reason\n    }\n    capacity {\n      channel\n      slots\n      used\n    }\n    queues {\n      id\n      name\n    }\n  }\n": typeof types.AgentProfileFieldsFragmentDoc,
    "\n  fragment SupervisedAgentFields on Agent {\n    user {\n      id\n      name\n      email\n    }\n    ...AgentProfileFields\n    occupancy\n  }\n": typeof types.SupervisedAgentFieldsFragmentDoc,
    "\n  query AgentViewer {\n    viewer {\n      id\n      name\n      email\n      role\n      agent {\n        ...AgentProfileFields\n      }\n    }\n  }\n": typeof types.AgentViewerDocument,
    "\n  mutation SetPresence($status: PresenceStatus!) {\n    setPresence(input: { status: $status }) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          ...AgentProfileFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SetPresenceDocument,
    "\n  query SupervisorAgents {\n    agents {\n      ...SupervisedAgentFields\n    }\n  }\n": typeof types.SupervisorAgentsDocument,
    "\n  subscription AgentsUpdated {\n    agentsUpdated {\n      ...SupervisedAgentFields\n    }\n  }\n": typeof types.AgentsUpdatedDocument,
    "\n  mutation SetAgentPresence($agentId: ID!, $status: PresenceStatus!) {\n    setAgentPresence(input: { agentId: $agentId, status: $status }) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          presence {\n            status\n            since\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SetAgentPresenceDocument,
    "\n  fragment SegmentFields on Segment {\n    id\n    name\n    description\n    recipientCount\n    updatedAt\n    filter {\n      tagsAny\n      tagsAll\n      languages\n      countries\n      timeZones\n      consentPurpose\n      fieldEquals {\n        key\n        value\n      }\n      lastContactAfter\n      lastContactBefore\n      channelActivity {\n        channel\n        withinDays\n        had\n      }\n    }\n  }\n": typeof types.SegmentFieldsFragmentDoc,
    "\n  query Segments {\n    segments {\n      ...SegmentFields\n    }\n  }\n": typeof types.SegmentsDocument,
    "\n  query SegmentPreview($filter: SegmentFilterInput!) {\n    segmentPreview(filter: $filter) {\n      __typename\n      ... on SegmentPreview {\n        recipientCount\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SegmentPreviewDocument,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      __typename\n      ... on SegmentPayload {\n        segment {\n          ...SegmentFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      __typename\n      ... on SegmentPayload {\n        segment {\n          ...SegmentFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.UpdateSegmentDocument,
    "\n  mutation DeleteSegment($input: DeleteSegmentInput!) {\n    deleteSegment(input: $input) {\n      __typename\n      ... on DeleteSegmentPayload {\n        deletedSegmentId\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.DeleteSegmentDocument,
    "\n  mutation ImportConsents($input: ImportConsentsInput!) {\n    importConsents(input: $input) {\n      __typename\n      ... on ImportConsentsPayload {\n        dryRun\n        accepted\n        recorded\n        alreadyRecorded\n        customersCreated\n        rejected {\n          line\n          reason\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ImportConsentsDocument,
    "\n  fragment CustomerSummaryFields on Customer {\n    id\n    displayName\n    identities {\n      kind\n      value\n    }\n  }\n": typeof types.CustomerSummaryFieldsFragmentDoc,
    "\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      id\n      displayName\n      createdAt\n      identities {\n        kind\n        value\n        label\n        createdAt\n      }\n      interactions {\n        id\n        channel\n        status\n        enqueuedAt\n        assignedAt\n        wrapUpAt\n        closedAt\n        abandonedAt\n        queue {\n          id\n          name\n        }\n        recording {\n          url\n          durationSeconds\n        }\n      }\n      serviceConsent: whatsAppConsent(purpose: SERVICE)\n      marketingConsent: whatsAppConsent(purpose: MARKETING)\n      serviceWindowExpiresAt(channel: WHATSAPP)\n      timeline(last: 200) {\n        __typename\n        ... on Message {\n          ...MessageFields\n        }\n        ... on InteractionEvent {\n          type\n          at\n          actorType\n          data\n        }\n      }\n    }\n  }\n": typeof types.CustomerDocument,
    "\n  fragment InteractionPayloadFields on InteractionPayload {\n    interaction {\n      id\n      status\n    }\n  }\n": typeof types.InteractionPayloadFieldsFragmentDoc,
    "\n  fragment MessageFields on Message {\n    id\n    direction\n    channel\n    body\n    media {\n      url\n      contentType\n    }\n    location {\n      latitude\n      longitude\n      label\n    }\n    deliveryStatus\n    errorCode\n    at\n    agent {\n      id\n      name\n    }\n    senderVerified\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  fragment InteractionDetailFields on Interaction {\n    id\n    channel\n    status\n    subject\n    context\n    priority\n    enqueuedAt\n    assignedAt\n    wrapUpAt\n    closedAt\n    queue {\n      id\n      name\n    }\n    assignedAgent {\n      id\n      name\n    }\n    customer {\n      id\n    }\n    messages {\n      ...MessageFields\n    }\n    whatsAppWindow {\n      open\n      closesAt\n      optedOut\n    }\n    onHold\n    senderVerified\n  }\n": typeof types.InteractionDetailFieldsFragmentDoc,
    "\n  query MyInteractions {\n    interactions(first: 50, filter: { statuses: [ASSIGNED, WRAP_UP] }) {\n      edges {\n        node {\n          id\n          channel\n          status\n          subject\n          enqueuedAt\n          assignedAt\n          queue {\n            id\n            name\n          }\n          customer {\n            ...CustomerSummaryFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyInteractionsDocument,
    "\n  query Interaction($id: ID!) {\n    interaction(id: $id) {\n      ...InteractionDetailFields\n    }\n  }\n": typeof types.InteractionDocument,
    "\n  subscription InteractionUpdated($id: ID!) {\n    interactionUpdated(id: $id) {\n      ...InteractionDetailFields\n    }\n  }\n": typeof types.InteractionUpdatedDocument,
    "\n  mutation AddInteractionNote($input: AddInteractionNoteInput!) {\n    addInteractionNote(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.AddInteractionNoteDocument,
    "\n  mutation WrapUpInteraction($id: ID!) {\n    wrapUpInteraction(input: { interactionId: $id }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.WrapUpInteractionDocument,
    "\n  mutation CloseInteraction($id: ID!) {\n    closeInteraction(input: { interactionId: $id }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.CloseInteractionDocument,
    "\n  mutation TransferInteraction($input: TransferInteractionInput!) {\n    transferInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.TransferInteractionDocument,
    "\n  query TransferTargets {\n    queues {\n      id\n      name\n      channels\n    }\n  }\n": typeof types.TransferTargetsDocument,
    "\n  mutation SendWhatsAppMessage($input: SendWhatsAppMessageInput!) {\n    sendWhatsAppMessage(input: $input) {\n      __typename\n      ... on SendWhatsAppMessagePayload {\n        sent {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SendWhatsAppMessageDocument,
    "\n  mutation ReplyByEmail($input: ReplyByEmailInput!) {\n    replyByEmail(input: $input) {\n      __typename\n      ... on EmailReplyPayload {\n        # Aliased: \"message\" is also every error's text.\n        sent: message {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ReplyByEmailDocument,
    "\n  mutation SendChatMessage($input: SendChatMessageInput!) {\n    sendChatMessage(input: $input) {\n      __typename\n      ... on ChatMessagePayload {\n        # Aliased: \"message\" is also every error's text.\n        sent: message {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SendChatMessageDocument,
    "\n  mutation SetAgentTyping($interactionId: ID!, $typing: Boolean!) {\n    setAgentTyping(input: { interactionId: $interactionId, typing: $typing })\n  }\n": typeof types.SetAgentTypingDocument,
    "\n  fragment OfferFields on Offer {\n    id\n    createdAt\n    expiresAt\n    decidedAt\n    outcome\n    interaction {\n      id\n      channel\n      status\n      subject\n      enqueuedAt\n      queue {\n        id\n        name\n      }\n      customer {\n        ...CustomerSummaryFields\n      }\n    }\n  }\n": typeof types.OfferFieldsFragmentDoc,
    "\n  query MyOffers {\n    myOffers {\n      ...OfferFields\n    }\n  }\n": typeof types.MyOffersDocument,
    "\n  subscription Offers {\n    offers {\n      ...OfferFields\n    }\n  }\n": typeof types.OffersDocument,
    "\n  mutation AcceptOffer($offerId: ID!) {\n    acceptOffer(input: { offerId: $offerId }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.AcceptOfferDocument,
    "\n  mutation DeclineOffer($offerId: ID!) {\n    declineOffer(input: { offerId: $offerId }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.DeclineOfferDocument,
    "\n  fragment PushDocumentFields on PushDocument {\n    id\n    title\n    description\n    contentType\n    sizeBytes\n    url\n    createdAt\n  }\n": typeof types.PushDocumentFieldsFragmentDoc,
    "\n  fragment PushDocumentPayloadFields on PushDocumentPayload {\n    document {\n      ...PushDocumentFields\n    }\n  }\n": typeof types.PushDocumentPayloadFieldsFragmentDoc,
    "\n  query PushDocuments {\n    pushDocuments {\n      ...PushDocumentFields\n    }\n  }\n": typeof types.PushDocumentsDocument,
    "\n  mutation AddPushDocument($input: AddPushDocumentInput!) {\n    addPushDocument(input: $input) {\n      __typename\n      ...PushDocumentPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.AddPushDocumentDocument,
    "\n  mutation WithdrawPushDocument($id: ID!) {\n    withdrawPushDocument(input: { id: $id }) {\n      __typename\n      ...PushDocumentPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.WithdrawPushDocumentDocument,
    "\n  fragment PushFields on Push {\n    id\n    kind\n    mode\n    status\n    errorCode\n    opened\n    title\n    to\n    createdAt\n    links {\n      url\n      shortUrl\n      opens\n      firstOpenedAt\n    }\n    location {\n      name\n      latitude\n      longitude\n    }\n    message {\n      id\n    }\n    fallback\n  }\n": typeof types.PushFieldsFragmentDoc,
    "\n  fragment PushPayloadFields on PushPayload {\n    push {\n      ...PushFields\n    }\n  }\n": typeof types.PushPayloadFieldsFragmentDoc,
    "\n  query InteractionPushes($id: ID!) {\n    interaction(id: $id) {\n      id\n      pushPolicy {\n        consent\n        serviceWindowExpiresAt\n        targetNumber\n        windowOpen\n      }\n      pushes {\n        ...PushFields\n      }\n    }\n  }\n": typeof types.InteractionPushesDocument,
    "\n  subscription PushUpdated($interactionId: ID!) {\n    pushUpdated(interactionId: $interactionId) {\n      ...PushFields\n    }\n  }\n": typeof types.PushUpdatedDocument,
    "\n  mutation Push($input: PushInput!) {\n    push(input: $input) {\n      __typename\n      ...PushPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.PushDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      __typename\n      ... on RecordConsentPayload {\n        consent {\n          id\n          granted\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.RecordConsentDocument,
    "\n  mutation UploadPushMedia($input: UploadPushMediaInput!) {\n    uploadPushMedia(input: $input) {\n      __typename\n      ... on UploadedPushMedia {\n        mediaId\n        contentType\n        sizeBytes\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.UploadPushMediaDocument,
    "\n  mutation SendPushBySms($pushId: ID!) {\n    sendPushBySms(input: { pushId: $pushId }) {\n      __typename\n      ...PushPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SendPushBySmsDocument,
    "\n  fragment QueueStatsFields on QueueStats {\n    waiting\n    waitingPastTarget\n    longestWaitSeconds\n    serviceLevelPercent\n    answered\n    abandoned\n    agentsAvailable\n    agentsStaffed\n    slaTargetSeconds\n    since\n  }\n": typeof types.QueueStatsFieldsFragmentDoc,
    "\n  query SupervisorQueues {\n    queues {\n      id\n      name\n      channels\n      requiredSkills {\n        skill\n        level\n      }\n      businessHours\n      slaTargetSeconds\n      offerTimeoutSeconds\n      overflowAfterSeconds\n      priority\n      timezone\n      closedAutoReply\n      overflowQueue {\n        id\n      }\n      open\n      stats {\n        ...QueueStatsFields\n      }\n    }\n  }\n": typeof types.SupervisorQueuesDocument,
    "\n  subscription QueueStatsLive {\n    queueStats {\n      queue {\n        id\n      }\n      ...QueueStatsFields\n    }\n  }\n": typeof types.QueueStatsLiveDocument,
    "\n  mutation UpdateQueue($input: UpdateQueueInput!) {\n    updateQueue(input: $input) {\n      __typename\n      ... on QueuePayload {\n        queue {\n          id\n          name\n          channels\n          requiredSkills {\n            skill\n            level\n          }\n          businessHours\n          timezone\n          slaTargetSeconds\n          offerTimeoutSeconds\n          overflowAfterSeconds\n          priority\n          closedAutoReply\n          overflowQueue {\n            id\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.UpdateQueueDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    timeZone\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        user {\n          ...UserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      signedOut\n    }\n  }\n": typeof types.LogoutDocument,
    "\n  query Viewer {\n    viewer {\n      ...UserFields\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation SetTimeZone($timeZone: String!) {\n    setTimeZone(input: { timeZone: $timeZone }) {\n      __typename\n      ... on SetTimeZonePayload {\n        user {\n          ...UserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SetTimeZoneDocument,
    "\n  fragment ActiveInteractionFields on Interaction {\n    id\n    channel\n    status\n    enqueuedAt\n    assignedAt\n    queue {\n      id\n      name\n    }\n    assignedAgent {\n      id\n      name\n    }\n    customer {\n      ...CustomerSummaryFields\n    }\n  }\n": typeof types.ActiveInteractionFieldsFragmentDoc,
    "\n  query ActiveInteractions($first: Int, $after: String, $order: InteractionOrder, $filter: InteractionFilter) {\n    interactions(first: $first, after: $after, order: $order, filter: $filter) {\n      edges {\n        node {\n          ...ActiveInteractionFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.ActiveInteractionsDocument,
    "\n  query HeldInteractions {\n    interactions(first: 200, filter: { statuses: [ASSIGNED, WRAP_UP] }) {\n      edges {\n        node {\n          ...ActiveInteractionFields\n        }\n      }\n    }\n  }\n": typeof types.HeldInteractionsDocument,
    "\n  mutation AssignInteraction($input: AssignInteractionInput!) {\n    assignInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.AssignInteractionDocument,
    "\n  mutation ReassignInteraction($input: TransferInteractionInput!) {\n    reassignInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ReassignInteractionDocument,
    "\n  fragment PushFiguresFields on PushFigures {\n    pushes\n    sent\n    delivered\n    read\n    failed\n    deliveredRate\n    readRate\n    linkOpenedRate\n    medianSecondsCallToPush\n    refusals {\n      reason\n      count\n    }\n  }\n": typeof types.PushFiguresFieldsFragmentDoc,
    "\n  query PushFigures {\n    pushFigures {\n      ...PushFiguresFields\n    }\n  }\n": typeof types.PushFiguresDocument,
    "\n  subscription PushFiguresUpdated {\n    pushFiguresUpdated {\n      ...PushFiguresFields\n    }\n  }\n": typeof types.PushFiguresUpdatedDocument,
    "\n  query WhatsAppTemplates {\n    whatsAppTemplates {\n      contentSid\n      name\n      language\n      body\n      variables {\n        key\n        sample\n      }\n    }\n  }\n": typeof types.WhatsAppTemplatesDocument,
    "\n  fragment AdminUserFields on User {\n    id\n    email\n    name\n    role\n    disabledAt\n    createdAt\n    lastSignInAt\n  }\n": typeof types.AdminUserFieldsFragmentDoc,
    "\n  query AdminUsers($first: Int, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          ...AdminUserFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserPayload {\n        generatedPassword\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation SetUserRole($input: SetUserRoleInput!) {\n    setUserRole(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SetUserRoleDocument,
    "\n  mutation DisableUser($input: DisableUserInput!) {\n    disableUser(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.DisableUserDocument,
    "\n  mutation EnableUser($input: EnableUserInput!) {\n    enableUser(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.EnableUserDocument,
    "\n  mutation ResetUserPassword($userId: ID!) {\n    resetUserPassword(input: { userId: $userId }) {\n      __typename\n      ... on ResetUserPasswordPayload {\n        generatedPassword\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ResetUserPasswordDocument,
    "\n  query AdminQueueChoices {\n    queues {\n      id\n      name\n    }\n  }\n": typeof types.AdminQueueChoicesDocument,
    "\n  mutation SaveNewAgent($input: AgentSettingsInput!) {\n    saveAgent(input: $input) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          queues {\n            id\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SaveNewAgentDocument,
    "\n  query MyVoiceEndpoint {\n    myVoiceEndpoint {\n      __typename\n      ... on VoiceEndpoint {\n        kind\n        phoneNumber\n        clientIdentity\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.MyVoiceEndpointDocument,
    "\n  mutation CreateVoiceAccessToken {\n    createVoiceAccessToken {\n      __typename\n      ... on VoiceAccessToken {\n        token\n        identity\n        expiresAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.CreateVoiceAccessTokenDocument,
    "\n  mutation SetVoiceEndpoint($input: VoiceEndpointInput!) {\n    setVoiceEndpoint(input: $input) {\n      __typename\n      ... on VoiceEndpointPayload {\n        endpoint {\n          kind\n          phoneNumber\n          clientIdentity\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SetVoiceEndpointDocument,
    "\n  mutation HoldCall($input: HoldCallInput!) {\n    holdCall(input: $input) {\n      __typename\n      ... on InteractionPayload {\n        interaction {\n          id\n          onHold\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.HoldCallDocument,
};
const documents: Documents = {
    "\n  fragment AgentProfileFields on Agent {\n    presence {\n      status\n      since\n      reason\n    }\n    capacity {\n      channel\n      slots\n      used\n    }\n    queues {\n      id\n      name\n    }\n  }\n": types.AgentProfileFieldsFragmentDoc,
    "\n  fragment SupervisedAgentFields on Agent {\n    user {\n      id\n      name\n      email\n    }\n    ...AgentProfileFields\n    occupancy\n  }\n": types.SupervisedAgentFieldsFragmentDoc,
    "\n  query AgentViewer {\n    viewer {\n      id\n      name\n      email\n      role\n      agent {\n        ...AgentProfileFields\n      }\n    }\n  }\n": types.AgentViewerDocument,
    "\n  mutation SetPresence($status: PresenceStatus!) {\n    setPresence(input: { status: $status }) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          ...AgentProfileFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SetPresenceDocument,
    "\n  query SupervisorAgents {\n    agents {\n      ...SupervisedAgentFields\n    }\n  }\n": types.SupervisorAgentsDocument,
    "\n  subscription AgentsUpdated {\n    agentsUpdated {\n      ...SupervisedAgentFields\n    }\n  }\n": types.AgentsUpdatedDocument,
    "\n  mutation SetAgentPresence($agentId: ID!, $status: PresenceStatus!) {\n    setAgentPresence(input: { agentId: $agentId, status: $status }) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          presence {\n            status\n            since\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SetAgentPresenceDocument,
    "\n  fragment SegmentFields on Segment {\n    id\n    name\n    description\n    recipientCount\n    updatedAt\n    filter {\n      tagsAny\n      tagsAll\n      languages\n      countries\n      timeZones\n      consentPurpose\n      fieldEquals {\n        key\n        value\n      }\n      lastContactAfter\n      lastContactBefore\n      channelActivity {\n        channel\n        withinDays\n        had\n      }\n    }\n  }\n": types.SegmentFieldsFragmentDoc,
    "\n  query Segments {\n    segments {\n      ...SegmentFields\n    }\n  }\n": types.SegmentsDocument,
    "\n  query SegmentPreview($filter: SegmentFilterInput!) {\n    segmentPreview(filter: $filter) {\n      __typename\n      ... on SegmentPreview {\n        recipientCount\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SegmentPreviewDocument,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      __typename\n      ... on SegmentPayload {\n        segment {\n          ...SegmentFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      __typename\n      ... on SegmentPayload {\n        segment {\n          ...SegmentFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.UpdateSegmentDocument,
    "\n  mutation DeleteSegment($input: DeleteSegmentInput!) {\n    deleteSegment(input: $input) {\n      __typename\n      ... on DeleteSegmentPayload {\n        deletedSegmentId\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.DeleteSegmentDocument,
    "\n  mutation ImportConsents($input: ImportConsentsInput!) {\n    importConsents(input: $input) {\n      __typename\n      ... on ImportConsentsPayload {\n        dryRun\n        accepted\n        recorded\n        alreadyRecorded\n        customersCreated\n        rejected {\n          line\n          reason\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ImportConsentsDocument,
    "\n  fragment CustomerSummaryFields on Customer {\n    id\n    displayName\n    identities {\n      kind\n      value\n    }\n  }\n": types.CustomerSummaryFieldsFragmentDoc,
    "\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      id\n      displayName\n      createdAt\n      identities {\n        kind\n        value\n        label\n        createdAt\n      }\n      interactions {\n        id\n        channel\n        status\n        enqueuedAt\n        assignedAt\n        wrapUpAt\n        closedAt\n        abandonedAt\n        queue {\n          id\n          name\n        }\n        recording {\n          url\n          durationSeconds\n        }\n      }\n      serviceConsent: whatsAppConsent(purpose: SERVICE)\n      marketingConsent: whatsAppConsent(purpose: MARKETING)\n      serviceWindowExpiresAt(channel: WHATSAPP)\n      timeline(last: 200) {\n        __typename\n        ... on Message {\n          ...MessageFields\n        }\n        ... on InteractionEvent {\n          type\n          at\n          actorType\n          data\n        }\n      }\n    }\n  }\n": types.CustomerDocument,
    "\n  fragment InteractionPayloadFields on InteractionPayload {\n    interaction {\n      id\n      status\n    }\n  }\n": types.InteractionPayloadFieldsFragmentDoc,
    "\n  fragment MessageFields on Message {\n    id\n    direction\n    channel\n    body\n    media {\n      url\n      contentType\n    }\n    location {\n      latitude\n      longitude\n      label\n    }\n    deliveryStatus\n    errorCode\n    at\n    agent {\n      id\n      name\n    }\n    senderVerified\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  fragment InteractionDetailFields on Interaction {\n    id\n    channel\n    status\n    subject\n    context\n    priority\n    enqueuedAt\n    assignedAt\n    wrapUpAt\n    closedAt\n    queue {\n      id\n      name\n    }\n    assignedAgent {\n      id\n      name\n    }\n    customer {\n      id\n    }\n    messages {\n      ...MessageFields\n    }\n    whatsAppWindow {\n      open\n      closesAt\n      optedOut\n    }\n    onHold\n    senderVerified\n  }\n": types.InteractionDetailFieldsFragmentDoc,
    "\n  query MyInteractions {\n    interactions(first: 50, filter: { statuses: [ASSIGNED, WRAP_UP] }) {\n      edges {\n        node {\n          id\n          channel\n          status\n          subject\n          enqueuedAt\n          assignedAt\n          queue {\n            id\n            name\n          }\n          customer {\n            ...CustomerSummaryFields\n          }\n        }\n      }\n    }\n  }\n": types.MyInteractionsDocument,
    "\n  query Interaction($id: ID!) {\n    interaction(id: $id) {\n      ...InteractionDetailFields\n    }\n  }\n": types.InteractionDocument,
    "\n  subscription InteractionUpdated($id: ID!) {\n    interactionUpdated(id: $id) {\n      ...InteractionDetailFields\n    }\n  }\n": types.InteractionUpdatedDocument,
    "\n  mutation AddInteractionNote($input: AddInteractionNoteInput!) {\n    addInteractionNote(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.AddInteractionNoteDocument,
    "\n  mutation WrapUpInteraction($id: ID!) {\n    wrapUpInteraction(input: { interactionId: $id }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.WrapUpInteractionDocument,
    "\n  mutation CloseInteraction($id: ID!) {\n    closeInteraction(input: { interactionId: $id }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.CloseInteractionDocument,
    "\n  mutation TransferInteraction($input: TransferInteractionInput!) {\n    transferInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.TransferInteractionDocument,
    "\n  query TransferTargets {\n    queues {\n      id\n      name\n      channels\n    }\n  }\n": types.TransferTargetsDocument,
    "\n  mutation SendWhatsAppMessage($input: SendWhatsAppMessageInput!) {\n    sendWhatsAppMessage(input: $input) {\n      __typename\n      ... on SendWhatsAppMessagePayload {\n        sent {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SendWhatsAppMessageDocument,
    "\n  mutation ReplyByEmail($input: ReplyByEmailInput!) {\n    replyByEmail(input: $input) {\n      __typename\n      ... on EmailReplyPayload {\n        # Aliased: \"message\" is also every error's text.\n        sent: message {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ReplyByEmailDocument,
    "\n  mutation SendChatMessage($input: SendChatMessageInput!) {\n    sendChatMessage(input: $input) {\n      __typename\n      ... on ChatMessagePayload {\n        # Aliased: \"message\" is also every error's text.\n        sent: message {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SendChatMessageDocument,
    "\n  mutation SetAgentTyping($interactionId: ID!, $typing: Boolean!) {\n    setAgentTyping(input: { interactionId: $interactionId, typing: $typing })\n  }\n": types.SetAgentTypingDocument,
    "\n  fragment OfferFields on Offer {\n    id\n    createdAt\n    expiresAt\n    decidedAt\n    outcome\n    interaction {\n      id\n      channel\n      status\n      subject\n      enqueuedAt\n      queue {\n        id\n        name\n      }\n      customer {\n        ...CustomerSummaryFields\n      }\n    }\n  }\n": types.OfferFieldsFragmentDoc,
    "\n  query MyOffers {\n    myOffers {\n      ...OfferFields\n    }\n  }\n": types.MyOffersDocument,
    "\n  subscription Offers {\n    offers {\n      ...OfferFields\n    }\n  }\n": types.OffersDocument,
    "\n  mutation AcceptOffer($offerId: ID!) {\n    acceptOffer(input: { offerId: $offerId }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.AcceptOfferDocument,
    "\n  mutation DeclineOffer($offerId: ID!) {\n    declineOffer(input: { offerId: $offerId }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.DeclineOfferDocument,
    "\n  fragment PushDocumentFields on PushDocument {\n    id\n    title\n    description\n    contentType\n    sizeBytes\n    url\n    createdAt\n  }\n": types.PushDocumentFieldsFragmentDoc,
    "\n  fragment PushDocumentPayloadFields on PushDocumentPayload {\n    document {\n      ...PushDocumentFields\n    }\n  }\n": types.PushDocumentPayloadFieldsFragmentDoc,
    "\n  query PushDocuments {\n    pushDocuments {\n      ...PushDocumentFields\n    }\n  }\n": types.PushDocumentsDocument,
    "\n  mutation AddPushDocument($input: AddPushDocumentInput!) {\n    addPushDocument(input: $input) {\n      __typename\n      ...PushDocumentPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.AddPushDocumentDocument,
    "\n  mutation WithdrawPushDocument($id: ID!) {\n    withdrawPushDocument(input: { id: $id }) {\n      __typename\n      ...PushDocumentPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.WithdrawPushDocumentDocument,
    "\n  fragment PushFields on Push {\n    id\n    kind\n    mode\n    status\n    errorCode\n    opened\n    title\n    to\n    createdAt\n    links {\n      url\n      shortUrl\n      opens\n      firstOpenedAt\n    }\n    location {\n      name\n      latitude\n      longitude\n    }\n    message {\n      id\n    }\n    fallback\n  }\n": types.PushFieldsFragmentDoc,
    "\n  fragment PushPayloadFields on PushPayload {\n    push {\n      ...PushFields\n    }\n  }\n": types.PushPayloadFieldsFragmentDoc,
    "\n  query InteractionPushes($id: ID!) {\n    interaction(id: $id) {\n      id\n      pushPolicy {\n        consent\n        serviceWindowExpiresAt\n        targetNumber\n        windowOpen\n      }\n      pushes {\n        ...PushFields\n      }\n    }\n  }\n": types.InteractionPushesDocument,
    "\n  subscription PushUpdated($interactionId: ID!) {\n    pushUpdated(interactionId: $interactionId) {\n      ...PushFields\n    }\n  }\n": types.PushUpdatedDocument,
    "\n  mutation Push($input: PushInput!) {\n    push(input: $input) {\n      __typename\n      ...PushPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.PushDocument,
    "\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      __typename\n      ... on RecordConsentPayload {\n        consent {\n          id\n          granted\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.RecordConsentDocument,
    "\n  mutation UploadPushMedia($input: UploadPushMediaInput!) {\n    uploadPushMedia(input: $input) {\n      __typename\n      ... on UploadedPushMedia {\n        mediaId\n        contentType\n        sizeBytes\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.UploadPushMediaDocument,
    "\n  mutation SendPushBySms($pushId: ID!) {\n    sendPushBySms(input: { pushId: $pushId }) {\n      __typename\n      ...PushPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SendPushBySmsDocument,
    "\n  fragment QueueStatsFields on QueueStats {\n    waiting\n    waitingPastTarget\n    longestWaitSeconds\n    serviceLevelPercent\n    answered\n    abandoned\n    agentsAvailable\n    agentsStaffed\n    slaTargetSeconds\n    since\n  }\n": types.QueueStatsFieldsFragmentDoc,
    "\n  query SupervisorQueues {\n    queues {\n      id\n      name\n      channels\n      requiredSkills {\n        skill\n        level\n      }\n      businessHours\n      slaTargetSeconds\n      offerTimeoutSeconds\n      overflowAfterSeconds\n      priority\n      timezone\n      closedAutoReply\n      overflowQueue {\n        id\n      }\n      open\n      stats {\n        ...QueueStatsFields\n      }\n    }\n  }\n": types.SupervisorQueuesDocument,
    "\n  subscription QueueStatsLive {\n    queueStats {\n      queue {\n        id\n      }\n      ...QueueStatsFields\n    }\n  }\n": types.QueueStatsLiveDocument,
    "\n  mutation UpdateQueue($input: UpdateQueueInput!) {\n    updateQueue(input: $input) {\n      __typename\n      ... on QueuePayload {\n        queue {\n          id\n          name\n          channels\n          requiredSkills {\n            skill\n            level\n          }\n          businessHours\n          timezone\n          slaTargetSeconds\n          offerTimeoutSeconds\n          overflowAfterSeconds\n          priority\n          closedAutoReply\n          overflowQueue {\n            id\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.UpdateQueueDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    timeZone\n  }\n": types.UserFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        user {\n          ...UserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      signedOut\n    }\n  }\n": types.LogoutDocument,
    "\n  query Viewer {\n    viewer {\n      ...UserFields\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SetTimeZone($timeZone: String!) {\n    setTimeZone(input: { timeZone: $timeZone }) {\n      __typename\n      ... on SetTimeZonePayload {\n        user {\n          ...UserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SetTimeZoneDocument,
    "\n  fragment ActiveInteractionFields on Interaction {\n    id\n    channel\n    status\n    enqueuedAt\n    assignedAt\n    queue {\n      id\n      name\n    }\n    assignedAgent {\n      id\n      name\n    }\n    customer {\n      ...CustomerSummaryFields\n    }\n  }\n": types.ActiveInteractionFieldsFragmentDoc,
    "\n  query ActiveInteractions($first: Int, $after: String, $order: InteractionOrder, $filter: InteractionFilter) {\n    interactions(first: $first, after: $after, order: $order, filter: $filter) {\n      edges {\n        node {\n          ...ActiveInteractionFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.ActiveInteractionsDocument,
    "\n  query HeldInteractions {\n    interactions(first: 200, filter: { statuses: [ASSIGNED, WRAP_UP] }) {\n      edges {\n        node {\n          ...ActiveInteractionFields\n        }\n      }\n    }\n  }\n": types.HeldInteractionsDocument,
    "\n  mutation AssignInteraction($input: AssignInteractionInput!) {\n    assignInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.AssignInteractionDocument,
    "\n  mutation ReassignInteraction($input: TransferInteractionInput!) {\n    reassignInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ReassignInteractionDocument,
    "\n  fragment PushFiguresFields on PushFigures {\n    pushes\n    sent\n    delivered\n    read\n    failed\n    deliveredRate\n    readRate\n    linkOpenedRate\n    medianSecondsCallToPush\n    refusals {\n      reason\n      count\n    }\n  }\n": types.PushFiguresFieldsFragmentDoc,
    "\n  query PushFigures {\n    pushFigures {\n      ...PushFiguresFields\n    }\n  }\n": types.PushFiguresDocument,
    "\n  subscription PushFiguresUpdated {\n    pushFiguresUpdated {\n      ...PushFiguresFields\n    }\n  }\n": types.PushFiguresUpdatedDocument,
    "\n  query WhatsAppTemplates {\n    whatsAppTemplates {\n      contentSid\n      name\n      language\n      body\n      variables {\n        key\n        sample\n      }\n    }\n  }\n": types.WhatsAppTemplatesDocument,
    "\n  fragment AdminUserFields on User {\n    id\n    email\n    name\n    role\n    disabledAt\n    createdAt\n    lastSignInAt\n  }\n": types.AdminUserFieldsFragmentDoc,
    "\n  query AdminUsers($first: Int, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          ...AdminUserFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserPayload {\n        generatedPassword\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation SetUserRole($input: SetUserRoleInput!) {\n    setUserRole(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SetUserRoleDocument,
    "\n  mutation DisableUser($input: DisableUserInput!) {\n    disableUser(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.DisableUserDocument,
    "\n  mutation EnableUser($input: EnableUserInput!) {\n    enableUser(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.EnableUserDocument,
    "\n  mutation ResetUserPassword($userId: ID!) {\n    resetUserPassword(input: { userId: $userId }) {\n      __typename\n      ... on ResetUserPasswordPayload {\n        generatedPassword\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ResetUserPasswordDocument,
    "\n  query AdminQueueChoices {\n    queues {\n      id\n      name\n    }\n  }\n": types.AdminQueueChoicesDocument,
    "\n  mutation SaveNewAgent($input: AgentSettingsInput!) {\n    saveAgent(input: $input) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          queues {\n            id\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SaveNewAgentDocument,
    "\n  query MyVoiceEndpoint {\n    myVoiceEndpoint {\n      __typename\n      ... on VoiceEndpoint {\n        kind\n        phoneNumber\n        clientIdentity\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.MyVoiceEndpointDocument,
    "\n  mutation CreateVoiceAccessToken {\n    createVoiceAccessToken {\n      __typename\n      ... on VoiceAccessToken {\n        token\n        identity\n        expiresAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.CreateVoiceAccessTokenDocument,
    "\n  mutation SetVoiceEndpoint($input: VoiceEndpointInput!) {\n    setVoiceEndpoint(input: $input) {\n      __typename\n      ... on VoiceEndpointPayload {\n        endpoint {\n          kind\n          phoneNumber\n          clientIdentity\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SetVoiceEndpointDocument,
    "\n  mutation HoldCall($input: HoldCallInput!) {\n    holdCall(input: $input) {\n      __typename\n      ... on InteractionPayload {\n        interaction {\n          id\n          onHold\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.HoldCallDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentProfileFields on Agent {\n    presence {\n      status\n      since\n      reason\n    }\n    capacity {\n      channel\n      slots\n      used\n    }\n    queues {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AgentProfileFields on Agent {\n    presence {\n      status\n      since\n      reason\n    }\n    capacity {\n      channel\n      slots\n      used\n    }\n    queues {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SupervisedAgentFields on Agent {\n    user {\n      id\n      name\n      email\n    }\n    ...AgentProfileFields\n    occupancy\n  }\n"): (typeof documents)["\n  fragment SupervisedAgentFields on Agent {\n    user {\n      id\n      name\n      email\n    }\n    ...AgentProfileFields\n    occupancy\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentViewer {\n    viewer {\n      id\n      name\n      email\n      role\n      agent {\n        ...AgentProfileFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentViewer {\n    viewer {\n      id\n      name\n      email\n      role\n      agent {\n        ...AgentProfileFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPresence($status: PresenceStatus!) {\n    setPresence(input: { status: $status }) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          ...AgentProfileFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetPresence($status: PresenceStatus!) {\n    setPresence(input: { status: $status }) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          ...AgentProfileFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupervisorAgents {\n    agents {\n      ...SupervisedAgentFields\n    }\n  }\n"): (typeof documents)["\n  query SupervisorAgents {\n    agents {\n      ...SupervisedAgentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AgentsUpdated {\n    agentsUpdated {\n      ...SupervisedAgentFields\n    }\n  }\n"): (typeof documents)["\n  subscription AgentsUpdated {\n    agentsUpdated {\n      ...SupervisedAgentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAgentPresence($agentId: ID!, $status: PresenceStatus!) {\n    setAgentPresence(input: { agentId: $agentId, status: $status }) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          presence {\n            status\n            since\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetAgentPresence($agentId: ID!, $status: PresenceStatus!) {\n    setAgentPresence(input: { agentId: $agentId, status: $status }) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          presence {\n            status\n            since\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SegmentFields on Segment {\n    id\n    name\n    description\n    recipientCount\n    updatedAt\n    filter {\n      tagsAny\n      tagsAll\n      languages\n      countries\n      timeZones\n      consentPurpose\n      fieldEquals {\n        key\n        value\n      }\n      lastContactAfter\n      lastContactBefore\n      channelActivity {\n        channel\n        withinDays\n        had\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SegmentFields on Segment {\n    id\n    name\n    description\n    recipientCount\n    updatedAt\n    filter {\n      tagsAny\n      tagsAll\n      languages\n      countries\n      timeZones\n      consentPurpose\n      fieldEquals {\n        key\n        value\n      }\n      lastContactAfter\n      lastContactBefore\n      channelActivity {\n        channel\n        withinDays\n        had\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Segments {\n    segments {\n      ...SegmentFields\n    }\n  }\n"): (typeof documents)["\n  query Segments {\n    segments {\n      ...SegmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentPreview($filter: SegmentFilterInput!) {\n    segmentPreview(filter: $filter) {\n      __typename\n      ... on SegmentPreview {\n        recipientCount\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentPreview($filter: SegmentFilterInput!) {\n    segmentPreview(filter: $filter) {\n      __typename\n      ... on SegmentPreview {\n        recipientCount\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      __typename\n      ... on SegmentPayload {\n        segment {\n          ...SegmentFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) {\n      __typename\n      ... on SegmentPayload {\n        segment {\n          ...SegmentFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      __typename\n      ... on SegmentPayload {\n        segment {\n          ...SegmentFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) {\n      __typename\n      ... on SegmentPayload {\n        segment {\n          ...SegmentFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSegment($input: DeleteSegmentInput!) {\n    deleteSegment(input: $input) {\n      __typename\n      ... on DeleteSegmentPayload {\n        deletedSegmentId\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteSegment($input: DeleteSegmentInput!) {\n    deleteSegment(input: $input) {\n      __typename\n      ... on DeleteSegmentPayload {\n        deletedSegmentId\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportConsents($input: ImportConsentsInput!) {\n    importConsents(input: $input) {\n      __typename\n      ... on ImportConsentsPayload {\n        dryRun\n        accepted\n        recorded\n        alreadyRecorded\n        customersCreated\n        rejected {\n          line\n          reason\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportConsents($input: ImportConsentsInput!) {\n    importConsents(input: $input) {\n      __typename\n      ... on ImportConsentsPayload {\n        dryRun\n        accepted\n        recorded\n        alreadyRecorded\n        customersCreated\n        rejected {\n          line\n          reason\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerSummaryFields on Customer {\n    id\n    displayName\n    identities {\n      kind\n      value\n    }\n  }\n"): (typeof documents)["\n  fragment CustomerSummaryFields on Customer {\n    id\n    displayName\n    identities {\n      kind\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      id\n      displayName\n      createdAt\n      identities {\n        kind\n        value\n        label\n        createdAt\n      }\n      interactions {\n        id\n        channel\n        status\n        enqueuedAt\n        assignedAt\n        wrapUpAt\n        closedAt\n        abandonedAt\n        queue {\n          id\n          name\n        }\n        recording {\n          url\n          durationSeconds\n        }\n      }\n      serviceConsent: whatsAppConsent(purpose: SERVICE)\n      marketingConsent: whatsAppConsent(purpose: MARKETING)\n      serviceWindowExpiresAt(channel: WHATSAPP)\n      timeline(last: 200) {\n        __typename\n        ... on Message {\n          ...MessageFields\n        }\n        ... on InteractionEvent {\n          type\n          at\n          actorType\n          data\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Customer($id: ID!) {\n    customer(id: $id) {\n      id\n      displayName\n      createdAt\n      identities {\n        kind\n        value\n        label\n        createdAt\n      }\n      interactions {\n        id\n        channel\n        status\n        enqueuedAt\n        assignedAt\n        wrapUpAt\n        closedAt\n        abandonedAt\n        queue {\n          id\n          name\n        }\n        recording {\n          url\n          durationSeconds\n        }\n      }\n      serviceConsent: whatsAppConsent(purpose: SERVICE)\n      marketingConsent: whatsAppConsent(purpose: MARKETING)\n      serviceWindowExpiresAt(channel: WHATSAPP)\n      timeline(last: 200) {\n        __typename\n        ... on Message {\n          ...MessageFields\n        }\n        ... on InteractionEvent {\n          type\n          at\n          actorType\n          data\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InteractionPayloadFields on InteractionPayload {\n    interaction {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment InteractionPayloadFields on InteractionPayload {\n    interaction {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    direction\n    channel\n    body\n    media {\n      url\n      contentType\n    }\n    location {\n      latitude\n      longitude\n      label\n    }\n    deliveryStatus\n    errorCode\n    at\n    agent {\n      id\n      name\n    }\n    senderVerified\n  }\n"): (typeof documents)["\n  fragment MessageFields on Message {\n    id\n    direction\n    channel\n    body\n    media {\n      url\n      contentType\n    }\n    location {\n      latitude\n      longitude\n      label\n    }\n    deliveryStatus\n    errorCode\n    at\n    agent {\n      id\n      name\n    }\n    senderVerified\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InteractionDetailFields on Interaction {\n    id\n    channel\n    status\n    subject\n    context\n    priority\n    enqueuedAt\n    assignedAt\n    wrapUpAt\n    closedAt\n    queue {\n      id\n      name\n    }\n    assignedAgent {\n      id\n      name\n    }\n    customer {\n      id\n    }\n    messages {\n      ...MessageFields\n    }\n    whatsAppWindow {\n      open\n      closesAt\n      optedOut\n    }\n    onHold\n    senderVerified\n  }\n"): (typeof documents)["\n  fragment InteractionDetailFields on Interaction {\n    id\n    channel\n    status\n    subject\n    context\n    priority\n    enqueuedAt\n    assignedAt\n    wrapUpAt\n    closedAt\n    queue {\n      id\n      name\n    }\n    assignedAgent {\n      id\n      name\n    }\n    customer {\n      id\n    }\n    messages {\n      ...MessageFields\n    }\n    whatsAppWindow {\n      open\n      closesAt\n      optedOut\n    }\n    onHold\n    senderVerified\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInteractions {\n    interactions(first: 50, filter: { statuses: [ASSIGNED, WRAP_UP] }) {\n      edges {\n        node {\n          id\n          channel\n          status\n          subject\n          enqueuedAt\n          assignedAt\n          queue {\n            id\n            name\n          }\n          customer {\n            ...CustomerSummaryFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyInteractions {\n    interactions(first: 50, filter: { statuses: [ASSIGNED, WRAP_UP] }) {\n      edges {\n        node {\n          id\n          channel\n          status\n          subject\n          enqueuedAt\n          assignedAt\n          queue {\n            id\n            name\n          }\n          customer {\n            ...CustomerSummaryFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Interaction($id: ID!) {\n    interaction(id: $id) {\n      ...InteractionDetailFields\n    }\n  }\n"): (typeof documents)["\n  query Interaction($id: ID!) {\n    interaction(id: $id) {\n      ...InteractionDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription InteractionUpdated($id: ID!) {\n    interactionUpdated(id: $id) {\n      ...InteractionDetailFields\n    }\n  }\n"): (typeof documents)["\n  subscription InteractionUpdated($id: ID!) {\n    interactionUpdated(id: $id) {\n      ...InteractionDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddInteractionNote($input: AddInteractionNoteInput!) {\n    addInteractionNote(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddInteractionNote($input: AddInteractionNoteInput!) {\n    addInteractionNote(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WrapUpInteraction($id: ID!) {\n    wrapUpInteraction(input: { interactionId: $id }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WrapUpInteraction($id: ID!) {\n    wrapUpInteraction(input: { interactionId: $id }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseInteraction($id: ID!) {\n    closeInteraction(input: { interactionId: $id }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CloseInteraction($id: ID!) {\n    closeInteraction(input: { interactionId: $id }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferInteraction($input: TransferInteractionInput!) {\n    transferInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TransferInteraction($input: TransferInteractionInput!) {\n    transferInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransferTargets {\n    queues {\n      id\n      name\n      channels\n    }\n  }\n"): (typeof documents)["\n  query TransferTargets {\n    queues {\n      id\n      name\n      channels\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendWhatsAppMessage($input: SendWhatsAppMessageInput!) {\n    sendWhatsAppMessage(input: $input) {\n      __typename\n      ... on SendWhatsAppMessagePayload {\n        sent {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendWhatsAppMessage($input: SendWhatsAppMessageInput!) {\n    sendWhatsAppMessage(input: $input) {\n      __typename\n      ... on SendWhatsAppMessagePayload {\n        sent {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplyByEmail($input: ReplyByEmailInput!) {\n    replyByEmail(input: $input) {\n      __typename\n      ... on EmailReplyPayload {\n        # Aliased: \"message\" is also every error's text.\n        sent: message {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReplyByEmail($input: ReplyByEmailInput!) {\n    replyByEmail(input: $input) {\n      __typename\n      ... on EmailReplyPayload {\n        # Aliased: \"message\" is also every error's text.\n        sent: message {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendChatMessage($input: SendChatMessageInput!) {\n    sendChatMessage(input: $input) {\n      __typename\n      ... on ChatMessagePayload {\n        # Aliased: \"message\" is also every error's text.\n        sent: message {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendChatMessage($input: SendChatMessageInput!) {\n    sendChatMessage(input: $input) {\n      __typename\n      ... on ChatMessagePayload {\n        # Aliased: \"message\" is also every error's text.\n        sent: message {\n          ...MessageFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAgentTyping($interactionId: ID!, $typing: Boolean!) {\n    setAgentTyping(input: { interactionId: $interactionId, typing: $typing })\n  }\n"): (typeof documents)["\n  mutation SetAgentTyping($interactionId: ID!, $typing: Boolean!) {\n    setAgentTyping(input: { interactionId: $interactionId, typing: $typing })\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OfferFields on Offer {\n    id\n    createdAt\n    expiresAt\n    decidedAt\n    outcome\n    interaction {\n      id\n      channel\n      status\n      subject\n      enqueuedAt\n      queue {\n        id\n        name\n      }\n      customer {\n        ...CustomerSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment OfferFields on Offer {\n    id\n    createdAt\n    expiresAt\n    decidedAt\n    outcome\n    interaction {\n      id\n      channel\n      status\n      subject\n      enqueuedAt\n      queue {\n        id\n        name\n      }\n      customer {\n        ...CustomerSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOffers {\n    myOffers {\n      ...OfferFields\n    }\n  }\n"): (typeof documents)["\n  query MyOffers {\n    myOffers {\n      ...OfferFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Offers {\n    offers {\n      ...OfferFields\n    }\n  }\n"): (typeof documents)["\n  subscription Offers {\n    offers {\n      ...OfferFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptOffer($offerId: ID!) {\n    acceptOffer(input: { offerId: $offerId }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptOffer($offerId: ID!) {\n    acceptOffer(input: { offerId: $offerId }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineOffer($offerId: ID!) {\n    declineOffer(input: { offerId: $offerId }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineOffer($offerId: ID!) {\n    declineOffer(input: { offerId: $offerId }) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PushDocumentFields on PushDocument {\n    id\n    title\n    description\n    contentType\n    sizeBytes\n    url\n    createdAt\n  }\n"): (typeof documents)["\n  fragment PushDocumentFields on PushDocument {\n    id\n    title\n    description\n    contentType\n    sizeBytes\n    url\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PushDocumentPayloadFields on PushDocumentPayload {\n    document {\n      ...PushDocumentFields\n    }\n  }\n"): (typeof documents)["\n  fragment PushDocumentPayloadFields on PushDocumentPayload {\n    document {\n      ...PushDocumentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PushDocuments {\n    pushDocuments {\n      ...PushDocumentFields\n    }\n  }\n"): (typeof documents)["\n  query PushDocuments {\n    pushDocuments {\n      ...PushDocumentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPushDocument($input: AddPushDocumentInput!) {\n    addPushDocument(input: $input) {\n      __typename\n      ...PushDocumentPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddPushDocument($input: AddPushDocumentInput!) {\n    addPushDocument(input: $input) {\n      __typename\n      ...PushDocumentPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawPushDocument($id: ID!) {\n    withdrawPushDocument(input: { id: $id }) {\n      __typename\n      ...PushDocumentPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawPushDocument($id: ID!) {\n    withdrawPushDocument(input: { id: $id }) {\n      __typename\n      ...PushDocumentPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PushFields on Push {\n    id\n    kind\n    mode\n    status\n    errorCode\n    opened\n    title\n    to\n    createdAt\n    links {\n      url\n      shortUrl\n      opens\n      firstOpenedAt\n    }\n    location {\n      name\n      latitude\n      longitude\n    }\n    message {\n      id\n    }\n    fallback\n  }\n"): (typeof documents)["\n  fragment PushFields on Push {\n    id\n    kind\n    mode\n    status\n    errorCode\n    opened\n    title\n    to\n    createdAt\n    links {\n      url\n      shortUrl\n      opens\n      firstOpenedAt\n    }\n    location {\n      name\n      latitude\n      longitude\n    }\n    message {\n      id\n    }\n    fallback\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PushPayloadFields on PushPayload {\n    push {\n      ...PushFields\n    }\n  }\n"): (typeof documents)["\n  fragment PushPayloadFields on PushPayload {\n    push {\n      ...PushFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InteractionPushes($id: ID!) {\n    interaction(id: $id) {\n      id\n      pushPolicy {\n        consent\n        serviceWindowExpiresAt\n        targetNumber\n        windowOpen\n      }\n      pushes {\n        ...PushFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query InteractionPushes($id: ID!) {\n    interaction(id: $id) {\n      id\n      pushPolicy {\n        consent\n        serviceWindowExpiresAt\n        targetNumber\n        windowOpen\n      }\n      pushes {\n        ...PushFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PushUpdated($interactionId: ID!) {\n    pushUpdated(interactionId: $interactionId) {\n      ...PushFields\n    }\n  }\n"): (typeof documents)["\n  subscription PushUpdated($interactionId: ID!) {\n    pushUpdated(interactionId: $interactionId) {\n      ...PushFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Push($input: PushInput!) {\n    push(input: $input) {\n      __typename\n      ...PushPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Push($input: PushInput!) {\n    push(input: $input) {\n      __typename\n      ...PushPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      __typename\n      ... on RecordConsentPayload {\n        consent {\n          id\n          granted\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      __typename\n      ... on RecordConsentPayload {\n        consent {\n          id\n          granted\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadPushMedia($input: UploadPushMediaInput!) {\n    uploadPushMedia(input: $input) {\n      __typename\n      ... on UploadedPushMedia {\n        mediaId\n        contentType\n        sizeBytes\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UploadPushMedia($input: UploadPushMediaInput!) {\n    uploadPushMedia(input: $input) {\n      __typename\n      ... on UploadedPushMedia {\n        mediaId\n        contentType\n        sizeBytes\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendPushBySms($pushId: ID!) {\n    sendPushBySms(input: { pushId: $pushId }) {\n      __typename\n      ...PushPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendPushBySms($pushId: ID!) {\n    sendPushBySms(input: { pushId: $pushId }) {\n      __typename\n      ...PushPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QueueStatsFields on QueueStats {\n    waiting\n    waitingPastTarget\n    longestWaitSeconds\n    serviceLevelPercent\n    answered\n    abandoned\n    agentsAvailable\n    agentsStaffed\n    slaTargetSeconds\n    since\n  }\n"): (typeof documents)["\n  fragment QueueStatsFields on QueueStats {\n    waiting\n    waitingPastTarget\n    longestWaitSeconds\n    serviceLevelPercent\n    answered\n    abandoned\n    agentsAvailable\n    agentsStaffed\n    slaTargetSeconds\n    since\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupervisorQueues {\n    queues {\n      id\n      name\n      channels\n      requiredSkills {\n        skill\n        level\n      }\n      businessHours\n      slaTargetSeconds\n      offerTimeoutSeconds\n      overflowAfterSeconds\n      priority\n      timezone\n      closedAutoReply\n      overflowQueue {\n        id\n      }\n      open\n      stats {\n        ...QueueStatsFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query SupervisorQueues {\n    queues {\n      id\n      name\n      channels\n      requiredSkills {\n        skill\n        level\n      }\n      businessHours\n      slaTargetSeconds\n      offerTimeoutSeconds\n      overflowAfterSeconds\n      priority\n      timezone\n      closedAutoReply\n      overflowQueue {\n        id\n      }\n      open\n      stats {\n        ...QueueStatsFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueStatsLive {\n    queueStats {\n      queue {\n        id\n      }\n      ...QueueStatsFields\n    }\n  }\n"): (typeof documents)["\n  subscription QueueStatsLive {\n    queueStats {\n      queue {\n        id\n      }\n      ...QueueStatsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateQueue($input: UpdateQueueInput!) {\n    updateQueue(input: $input) {\n      __typename\n      ... on QueuePayload {\n        queue {\n          id\n          name\n          channels\n          requiredSkills {\n            skill\n            level\n          }\n          businessHours\n          timezone\n          slaTargetSeconds\n          offerTimeoutSeconds\n          overflowAfterSeconds\n          priority\n          closedAutoReply\n          overflowQueue {\n            id\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateQueue($input: UpdateQueueInput!) {\n    updateQueue(input: $input) {\n      __typename\n      ... on QueuePayload {\n        queue {\n          id\n          name\n          channels\n          requiredSkills {\n            skill\n            level\n          }\n          businessHours\n          timezone\n          slaTargetSeconds\n          offerTimeoutSeconds\n          overflowAfterSeconds\n          priority\n          closedAutoReply\n          overflowQueue {\n            id\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    timeZone\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    email\n    name\n    role\n    timeZone\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        user {\n          ...UserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        user {\n          ...UserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout {\n      signedOut\n    }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout {\n      signedOut\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTimeZone($timeZone: String!) {\n    setTimeZone(input: { timeZone: $timeZone }) {\n      __typename\n      ... on SetTimeZonePayload {\n        user {\n          ...UserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetTimeZone($timeZone: String!) {\n    setTimeZone(input: { timeZone: $timeZone }) {\n      __typename\n      ... on SetTimeZonePayload {\n        user {\n          ...UserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActiveInteractionFields on Interaction {\n    id\n    channel\n    status\n    enqueuedAt\n    assignedAt\n    queue {\n      id\n      name\n    }\n    assignedAgent {\n      id\n      name\n    }\n    customer {\n      ...CustomerSummaryFields\n    }\n  }\n"): (typeof documents)["\n  fragment ActiveInteractionFields on Interaction {\n    id\n    channel\n    status\n    enqueuedAt\n    assignedAt\n    queue {\n      id\n      name\n    }\n    assignedAgent {\n      id\n      name\n    }\n    customer {\n      ...CustomerSummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveInteractions($first: Int, $after: String, $order: InteractionOrder, $filter: InteractionFilter) {\n    interactions(first: $first, after: $after, order: $order, filter: $filter) {\n      edges {\n        node {\n          ...ActiveInteractionFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ActiveInteractions($first: Int, $after: String, $order: InteractionOrder, $filter: InteractionFilter) {\n    interactions(first: $first, after: $after, order: $order, filter: $filter) {\n      edges {\n        node {\n          ...ActiveInteractionFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeldInteractions {\n    interactions(first: 200, filter: { statuses: [ASSIGNED, WRAP_UP] }) {\n      edges {\n        node {\n          ...ActiveInteractionFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HeldInteractions {\n    interactions(first: 200, filter: { statuses: [ASSIGNED, WRAP_UP] }) {\n      edges {\n        node {\n          ...ActiveInteractionFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignInteraction($input: AssignInteractionInput!) {\n    assignInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AssignInteraction($input: AssignInteractionInput!) {\n    assignInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReassignInteraction($input: TransferInteractionInput!) {\n    reassignInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReassignInteraction($input: TransferInteractionInput!) {\n    reassignInteraction(input: $input) {\n      __typename\n      ...InteractionPayloadFields\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PushFiguresFields on PushFigures {\n    pushes\n    sent\n    delivered\n    read\n    failed\n    deliveredRate\n    readRate\n    linkOpenedRate\n    medianSecondsCallToPush\n    refusals {\n      reason\n      count\n    }\n  }\n"): (typeof documents)["\n  fragment PushFiguresFields on PushFigures {\n    pushes\n    sent\n    delivered\n    read\n    failed\n    deliveredRate\n    readRate\n    linkOpenedRate\n    medianSecondsCallToPush\n    refusals {\n      reason\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PushFigures {\n    pushFigures {\n      ...PushFiguresFields\n    }\n  }\n"): (typeof documents)["\n  query PushFigures {\n    pushFigures {\n      ...PushFiguresFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PushFiguresUpdated {\n    pushFiguresUpdated {\n      ...PushFiguresFields\n    }\n  }\n"): (typeof documents)["\n  subscription PushFiguresUpdated {\n    pushFiguresUpdated {\n      ...PushFiguresFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhatsAppTemplates {\n    whatsAppTemplates {\n      contentSid\n      name\n      language\n      body\n      variables {\n        key\n        sample\n      }\n    }\n  }\n"): (typeof documents)["\n  query WhatsAppTemplates {\n    whatsAppTemplates {\n      contentSid\n      name\n      language\n      body\n      variables {\n        key\n        sample\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUserFields on User {\n    id\n    email\n    name\n    role\n    disabledAt\n    createdAt\n    lastSignInAt\n  }\n"): (typeof documents)["\n  fragment AdminUserFields on User {\n    id\n    email\n    name\n    role\n    disabledAt\n    createdAt\n    lastSignInAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($first: Int, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          ...AdminUserFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($first: Int, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          ...AdminUserFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserPayload {\n        generatedPassword\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserPayload {\n        generatedPassword\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRole($input: SetUserRoleInput!) {\n    setUserRole(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRole($input: SetUserRoleInput!) {\n    setUserRole(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableUser($input: DisableUserInput!) {\n    disableUser(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DisableUser($input: DisableUserInput!) {\n    disableUser(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableUser($input: EnableUserInput!) {\n    enableUser(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EnableUser($input: EnableUserInput!) {\n    enableUser(input: $input) {\n      __typename\n      ... on UserAccountPayload {\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetUserPassword($userId: ID!) {\n    resetUserPassword(input: { userId: $userId }) {\n      __typename\n      ... on ResetUserPasswordPayload {\n        generatedPassword\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetUserPassword($userId: ID!) {\n    resetUserPassword(input: { userId: $userId }) {\n      __typename\n      ... on ResetUserPasswordPayload {\n        generatedPassword\n        user {\n          ...AdminUserFields\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminQueueChoices {\n    queues {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query AdminQueueChoices {\n    queues {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveNewAgent($input: AgentSettingsInput!) {\n    saveAgent(input: $input) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          queues {\n            id\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveNewAgent($input: AgentSettingsInput!) {\n    saveAgent(input: $input) {\n      __typename\n      ... on PresencePayload {\n        agent {\n          queues {\n            id\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyVoiceEndpoint {\n    myVoiceEndpoint {\n      __typename\n      ... on VoiceEndpoint {\n        kind\n        phoneNumber\n        clientIdentity\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyVoiceEndpoint {\n    myVoiceEndpoint {\n      __typename\n      ... on VoiceEndpoint {\n        kind\n        phoneNumber\n        clientIdentity\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateVoiceAccessToken {\n    createVoiceAccessToken {\n      __typename\n      ... on VoiceAccessToken {\n        token\n        identity\n        expiresAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateVoiceAccessToken {\n    createVoiceAccessToken {\n      __typename\n      ... on VoiceAccessToken {\n        token\n        identity\n        expiresAt\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetVoiceEndpoint($input: VoiceEndpointInput!) {\n    setVoiceEndpoint(input: $input) {\n      __typename\n      ... on VoiceEndpointPayload {\n        endpoint {\n          kind\n          phoneNumber\n          clientIdentity\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetVoiceEndpoint($input: VoiceEndpointInput!) {\n    setVoiceEndpoint(input: $input) {\n      __typename\n      ... on VoiceEndpointPayload {\n        endpoint {\n          kind\n          phoneNumber\n          clientIdentity\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HoldCall($input: HoldCallInput!) {\n    holdCall(input: $input) {\n      __typename\n      ... on InteractionPayload {\n        interaction {\n          id\n          onHold\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HoldCall($input: HoldCallInput!) {\n    holdCall(input: $input) {\n      __typename\n      ... on InteractionPayload {\n        interaction {\n          id\n          onHold\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;