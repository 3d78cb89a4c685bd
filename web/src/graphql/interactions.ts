// Interactions: the agent's contacts, their conversation, and what the agent does with them.
import { graphql } from './generated';
import type { InteractionDetailFieldsFragment, MessageFieldsFragment, MyInteractionsQuery as MyInteractionsResult, TransferInteractionInput } from './generated/graphql';

export type { Channel, InteractionStatus, SendWhatsAppMessageInput, TransferInteractionInput } from './generated/graphql';
export type InteractionDetail = InteractionDetailFieldsFragment;
export type InteractionSummary = MyInteractionsResult['interactions']['edges'][number]['node'];
/** A message as the timeline shows it (the timeline selects its __typename). */
export type Message = MessageFieldsFragment & { __typename: 'Message' };
/** Where an agent or supervisor moves an interaction: a queue or an agent. */
export type TransferInput = TransferInteractionInput;

/** What every interaction action answers when it succeeds. */
graphql(`
  fragment InteractionPayloadFields on InteractionPayload {
    interaction {
      id
      status
    }
  }
`);

graphql(`
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
    automaticReply
    campaign {
      campaignId
      name
    }
    at
    agent {
      id
      name
    }
    senderVerified
  }
`);

graphql(`
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
    campaign {
      campaignId
      name
      messageText
      sentAt
    }
  }
`);

export const MyInteractionsQuery = graphql(`
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
`);

export const InteractionQuery = graphql(`
  query Interaction($id: ID!) {
    interaction(id: $id) {
      ...InteractionDetailFields
    }
  }
`);

export const InteractionUpdatedSubscription = graphql(`
  subscription InteractionUpdated($id: ID!) {
    interactionUpdated(id: $id) {
      ...InteractionDetailFields
    }
  }
`);

/** A private note on an interaction: on the timeline for agents and supervisors, never sent to the customer. */
export const AddInteractionNoteMutation = graphql(`
  mutation AddInteractionNote($input: AddInteractionNoteInput!) {
    addInteractionNote(input: $input) {
      __typename
      ...InteractionPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const WrapUpInteractionMutation = graphql(`
  mutation WrapUpInteraction($id: ID!) {
    wrapUpInteraction(input: { interactionId: $id }) {
      __typename
      ...InteractionPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const CloseInteractionMutation = graphql(`
  mutation CloseInteraction($id: ID!) {
    closeInteraction(input: { interactionId: $id }) {
      __typename
      ...InteractionPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const TransferInteractionMutation = graphql(`
  mutation TransferInteraction($input: TransferInteractionInput!) {
    transferInteraction(input: $input) {
      __typename
      ...InteractionPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const TransferTargetsQuery = graphql(`
  query TransferTargets {
    queues {
      id
      name
      channels
    }
  }
`);

export const SendWhatsAppMessageMutation = graphql(`
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
`);

export const ReplyByEmailMutation = graphql(`
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
`);

export const SendChatMessageMutation = graphql(`
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
`);

export const SetAgentTypingMutation = graphql(`
  mutation SetAgentTyping($interactionId: ID!, $typing: Boolean!) {
    setAgentTyping(input: { interactionId: $interactionId, typing: $typing })
  }
`);
