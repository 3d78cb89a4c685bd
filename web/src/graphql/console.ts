// Typed operation documents for the agent console. Types are written by hand to match
// schema/schema.graphql; schema.spec.ts validates every document here against that file.
import { gql, type TypedDocumentNode } from '@urql/core';
import type { Role } from './operations';

export type Channel = 'EMAIL' | 'VOICE' | 'WEBCHAT' | 'WHATSAPP';
export type PresenceStatus = 'AVAILABLE' | 'AWAY' | 'BUSY' | 'OFFLINE';
export type InteractionStatus = 'ABANDONED' | 'ASSIGNED' | 'CLOSED' | 'OFFERED' | 'QUEUED' | 'TRANSFERRED' | 'WRAP_UP';
export type OfferOutcome = 'ACCEPTED' | 'CANCELLED' | 'DECLINED' | 'EXPIRED';
export type IdentityKind = 'EMAIL' | 'PHONE' | 'WEBCHAT' | 'WHATSAPP';
/** An ISO 8601 instant (the `DateTime` scalar). */
export type DateTime = string;

/** Any mutation refusal: every error type implements `interface Error { message }`. */
export interface ErrorResult {
  __typename: string;
  message: string;
}

export interface ChannelCapacity {
  channel: Channel;
  slots: number;
  used: number;
}

/** Why routing changed a presence (MISSED_OFFERS: set away after offers went unanswered). */
export type PresenceReason = 'MISSED_OFFERS';

export interface Presence {
  status: PresenceStatus;
  since: DateTime;
  /** Set only when routing, not the agent, made the change. */
  reason?: PresenceReason | null;
}

export interface AgentProfile {
  presence: Presence;
  capacity: ChannelCapacity[];
  queues: { id: string; name: string }[];
}

export interface CustomerIdentity {
  kind: IdentityKind;
  value: string;
  label?: string | null;
}

export interface CustomerSummary {
  id: string;
  displayName: string | null;
  identities: CustomerIdentity[];
}

export interface QueueRef {
  id: string;
  name: string;
}

/** An agent's presence, capacity and queues: the agent's own header and the supervisor's list. */
export const AGENT_FIELDS = gql`
  fragment AgentProfileFields on Agent {
    presence {
      status
      since
      reason
    }
    capacity {
      channel
      slots
      used
    }
    queues {
      id
      name
    }
  }
`;

export interface AgentViewer {
  id: string;
  name: string;
  email: string;
  role: Role;
  agent: AgentProfile | null;
}

export const AgentViewerQuery: TypedDocumentNode<{ viewer: AgentViewer | null }, Record<string, never>> = gql`
  query AgentViewer {
    viewer {
      id
      name
      email
      role
      agent {
        ...AgentProfileFields
      }
    }
  }
  ${AGENT_FIELDS}
`;

export type SetPresenceResult = { __typename: 'PresencePayload'; agent: AgentProfile } | ErrorResult;

export const SetPresenceMutation: TypedDocumentNode<{ setPresence: SetPresenceResult }, { status: PresenceStatus }> = gql`
  mutation SetPresence($status: PresenceStatus!) {
    setPresence(input: { status: $status }) {
      __typename
      ... on PresencePayload {
        agent {
          ...AgentProfileFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${AGENT_FIELDS}
`;

const CUSTOMER_SUMMARY = gql`
  fragment CustomerSummaryFields on Customer {
    id
    displayName
    identities {
      kind
      value
    }
  }
`;

export interface OfferInteraction {
  id: string;
  channel: Channel;
  status: InteractionStatus;
  subject: string | null;
  enqueuedAt: DateTime;
  queue: QueueRef;
  customer: CustomerSummary;
}

export interface Offer {
  id: string;
  createdAt: DateTime;
  expiresAt: DateTime;
  decidedAt: DateTime | null;
  outcome: OfferOutcome | null;
  interaction: OfferInteraction;
}

const OFFER_FIELDS = gql`
  fragment OfferFields on Offer {
    id
    createdAt
    expiresAt
    decidedAt
    outcome
    interaction {
      id
      channel
      status
      subject
      enqueuedAt
      queue {
        id
        name
      }
      customer {
        ...CustomerSummaryFields
      }
    }
  }
  ${CUSTOMER_SUMMARY}
`;

export const MyOffersQuery: TypedDocumentNode<{ myOffers: Offer[] }, Record<string, never>> = gql`
  query MyOffers {
    myOffers {
      ...OfferFields
    }
  }
  ${OFFER_FIELDS}
`;

export const OffersSubscription: TypedDocumentNode<{ offers: Offer }, Record<string, never>> = gql`
  subscription Offers {
    offers {
      ...OfferFields
    }
  }
  ${OFFER_FIELDS}
`;

export type InteractionActionResult =
  | { __typename: 'InteractionPayload'; interaction: { id: string; status: InteractionStatus } }
  | ErrorResult;

export const AcceptOfferMutation: TypedDocumentNode<{ acceptOffer: InteractionActionResult }, { offerId: string }> = gql`
  mutation AcceptOffer($offerId: ID!) {
    acceptOffer(input: { offerId: $offerId }) {
      __typename
      ... on InteractionPayload {
        interaction {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export const DeclineOfferMutation: TypedDocumentNode<{ declineOffer: InteractionActionResult }, { offerId: string }> = gql`
  mutation DeclineOffer($offerId: ID!) {
    declineOffer(input: { offerId: $offerId }) {
      __typename
      ... on InteractionPayload {
        interaction {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export interface InteractionSummary {
  id: string;
  channel: Channel;
  status: InteractionStatus;
  subject: string | null;
  enqueuedAt: DateTime;
  assignedAt: DateTime | null;
  queue: QueueRef;
  customer: CustomerSummary;
}

export const MyInteractionsQuery: TypedDocumentNode<
  { interactions: { edges: { node: InteractionSummary }[] } },
  Record<string, never>
> = gql`
  query MyInteractions {
    interactions(first: 50, filter: { statuses: [ASSIGNED, WRAP_UP] }) {
      edges {
        node {
          id
          channel
          status
          subject
          enqueuedAt
          assignedAt
          queue {
            id
            name
          }
          customer {
            ...CustomerSummaryFields
          }
        }
      }
    }
  }
  ${CUSTOMER_SUMMARY}
`;

export interface MediaItem {
  url: string;
  contentType: string | null;
}

export interface Location {
  latitude: number;
  longitude: number;
  label: string | null;
}

export interface Message {
  __typename: 'Message';
  id: string;
  direction: string;
  channel: Channel;
  body: string | null;
  media: MediaItem[];
  location: Location | null;
  deliveryStatus: string | null;
  errorCode: string | null;
  at: DateTime;
  agent: { id: string; name: string } | null;
  /** Inbound email: false when the sender failed authentication (From may be forged); null otherwise. */
  senderVerified: boolean | null;
}

const MESSAGE_FIELDS = gql`
  fragment MessageFields on Message {
    id
    direction
    channel
    body
    media {
      url
      contentType
    }
    location {
      latitude
      longitude
      label
    }
    deliveryStatus
    errorCode
    at
    agent {
      id
      name
    }
    senderVerified
  }
`;

export interface InteractionDetail {
  id: string;
  channel: Channel;
  status: InteractionStatus;
  subject: string | null;
  context: unknown;
  priority: number;
  enqueuedAt: DateTime;
  assignedAt: DateTime | null;
  wrapUpAt: DateTime | null;
  closedAt: DateTime | null;
  queue: QueueRef;
  assignedAgent: { id: string; name: string } | null;
  customer: { id: string };
  messages: Message[];
  /** Email: false when any inbound mail failed sender authentication; null for other channels. */
  senderVerified: boolean | null;
  /** WhatsApp interactions when Twilio is configured; null otherwise. */
  whatsAppWindow: MessagingWindow | null;
  /** Calls: the agent put the caller on hold. */
  onHold: boolean;
}

export interface MessagingWindow {
  open: boolean;
  closesAt: DateTime | null;
  optedOut: boolean;
}

const INTERACTION_FIELDS = gql`
  fragment InteractionDetailFields on Interaction {
    id
    channel
    status
    subject
    context
    priority
    enqueuedAt
    assignedAt
    wrapUpAt
    closedAt
    queue {
      id
      name
    }
    assignedAgent {
      id
      name
    }
    customer {
      id
    }
    messages {
      ...MessageFields
    }
    whatsAppWindow {
      open
      closesAt
      optedOut
    }
    onHold
    senderVerified
  }
  ${MESSAGE_FIELDS}
`;

export const InteractionQuery: TypedDocumentNode<{ interaction: InteractionDetail | null }, { id: string }> = gql`
  query Interaction($id: ID!) {
    interaction(id: $id) {
      ...InteractionDetailFields
    }
  }
  ${INTERACTION_FIELDS}
`;

export const InteractionUpdatedSubscription: TypedDocumentNode<{ interactionUpdated: InteractionDetail }, { id: string }> = gql`
  subscription InteractionUpdated($id: ID!) {
    interactionUpdated(id: $id) {
      ...InteractionDetailFields
    }
  }
  ${INTERACTION_FIELDS}
`;

export interface TimelineEvent {
  __typename: 'InteractionEvent';
  type: string;
  at: DateTime;
  actorType: string;
  /** What the event carries; a `note` has `{ text }` (plain text, private to agents and supervisors). */
  data?: Record<string, unknown> | null;
}

export type TimelineItem = Message | TimelineEvent;

export interface CustomerInteraction {
  id: string;
  channel: Channel;
  status: InteractionStatus;
  enqueuedAt: DateTime;
  assignedAt: DateTime | null;
  wrapUpAt: DateTime | null;
  closedAt: DateTime | null;
  abandonedAt: DateTime | null;
  queue: QueueRef;
  /** Calls: Twilio's recording once ready, when recording is enabled. */
  recording: { url: string; durationSeconds: number | null } | null;
}

export interface CustomerDetail {
  id: string;
  displayName: string | null;
  createdAt: DateTime;
  identities: (CustomerIdentity & { createdAt: DateTime })[];
  interactions: CustomerInteraction[];
  timeline: TimelineItem[];
  serviceConsent: ConsentState;
  marketingConsent: ConsentState;
  /** The server's WhatsApp window: when it closes, null when closed. */
  serviceWindowExpiresAt: DateTime | null;
}

export type ConsentState = 'GRANTED' | 'NONE' | 'OPTED_OUT';

export const CustomerQuery: TypedDocumentNode<{ customer: CustomerDetail | null }, { id: string }> = gql`
  query Customer($id: ID!) {
    customer(id: $id) {
      id
      displayName
      createdAt
      identities {
        kind
        value
        label
        createdAt
      }
      interactions {
        id
        channel
        status
        enqueuedAt
        assignedAt
        wrapUpAt
        closedAt
        abandonedAt
        queue {
          id
          name
        }
        recording {
          url
          durationSeconds
        }
      }
      serviceConsent: whatsAppConsent(purpose: SERVICE)
      marketingConsent: whatsAppConsent(purpose: MARKETING)
      serviceWindowExpiresAt(channel: WHATSAPP)
      timeline(last: 200) {
        __typename
        ... on Message {
          ...MessageFields
        }
        ... on InteractionEvent {
          type
          at
          actorType
          data
        }
      }
    }
  }
  ${MESSAGE_FIELDS}
`;

/** A private note on an interaction: on the timeline for agents and supervisors, never sent to the customer. */
export const AddInteractionNoteMutation: TypedDocumentNode<
  { addInteractionNote: InteractionActionResult },
  { input: { interactionId: string; text: string } }
> = gql`
  mutation AddInteractionNote($input: AddInteractionNoteInput!) {
    addInteractionNote(input: $input) {
      __typename
      ... on InteractionPayload {
        interaction {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export const WrapUpInteractionMutation: TypedDocumentNode<{ wrapUpInteraction: InteractionActionResult }, { id: string }> = gql`
  mutation WrapUpInteraction($id: ID!) {
    wrapUpInteraction(input: { interactionId: $id }) {
      __typename
      ... on InteractionPayload {
        interaction {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export const CloseInteractionMutation: TypedDocumentNode<{ closeInteraction: InteractionActionResult }, { id: string }> = gql`
  mutation CloseInteraction($id: ID!) {
    closeInteraction(input: { interactionId: $id }) {
      __typename
      ... on InteractionPayload {
        interaction {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export interface TransferInput {
  interactionId: string;
  queueId?: string | null;
  agentId?: string | null;
}

export const TransferInteractionMutation: TypedDocumentNode<{ transferInteraction: InteractionActionResult }, { input: TransferInput }> = gql`
  mutation TransferInteraction($input: TransferInteractionInput!) {
    transferInteraction(input: $input) {
      __typename
      ... on InteractionPayload {
        interaction {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export const TransferTargetsQuery: TypedDocumentNode<{ queues: (QueueRef & { channels: Channel[] })[] }, Record<string, never>> = gql`
  query TransferTargets {
    queues {
      id
      name
      channels
    }
  }
`;

export type SendWhatsAppMessageResult =
  | { __typename: 'SendWhatsAppMessagePayload'; sent: Message }
  | ErrorResult;

export interface SendWhatsAppMessageInput {
  interactionId: string;
  body?: string | null;
  mediaUrls?: string[] | null;
  location?: { latitude: number; longitude: number; label?: string | null } | null;
  /** An approved template, sent on its own (the only way once the 24 h window has closed). */
  template?: { contentSid: string; variables?: { key: string; value: string }[] | null } | null;
}

export const SendWhatsAppMessageMutation: TypedDocumentNode<
  { sendWhatsAppMessage: SendWhatsAppMessageResult },
  { input: SendWhatsAppMessageInput }
> = gql`
  mutation SendWhatsAppMessage($input: SendWhatsAppMessageInput!) {
    sendWhatsAppMessage(input: $input) {
      __typename
      ... on SendWhatsAppMessagePayload {
        sent {
          ...MessageFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${MESSAGE_FIELDS}
`;

export type ReplyByEmailResult = { __typename: 'EmailReplyPayload'; sent: Message } | ErrorResult;

export const ReplyByEmailMutation: TypedDocumentNode<
  { replyByEmail: ReplyByEmailResult },
  { input: { interactionId: string; body: string } }
> = gql`
  mutation ReplyByEmail($input: ReplyByEmailInput!) {
    replyByEmail(input: $input) {
      __typename
      ... on EmailReplyPayload {
        # Aliased: "message" is also every error's text.
        sent: message {
          ...MessageFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${MESSAGE_FIELDS}
`;

export type SendChatMessageResult = { __typename: 'ChatMessagePayload'; sent: Message } | ErrorResult;

export const SendChatMessageMutation: TypedDocumentNode<
  { sendChatMessage: SendChatMessageResult },
  { input: { interactionId: string; body: string } }
> = gql`
  mutation SendChatMessage($input: SendChatMessageInput!) {
    sendChatMessage(input: $input) {
      __typename
      ... on ChatMessagePayload {
        # Aliased: "message" is also every error's text.
        sent: message {
          ...MessageFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${MESSAGE_FIELDS}
`;

export const SetAgentTypingMutation: TypedDocumentNode<{ setAgentTyping: boolean }, { interactionId: string; typing: boolean }> = gql`
  mutation SetAgentTyping($interactionId: ID!, $typing: Boolean!) {
    setAgentTyping(interactionId: $interactionId, typing: $typing)
  }
`;
