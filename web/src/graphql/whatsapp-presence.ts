// The company's WhatsApp presence (administrators): the sender's business profile (Twilio's
// Senders API), each WhatsApp queue's automatic replies, and its click-to-WhatsApp link and QR.
import { graphql } from './generated';
import type { WhatsAppAutoRepliesQuery as AutoRepliesResult, WhatsAppSenderFieldsFragment } from './generated/graphql';

export type WhatsAppSenderView = WhatsAppSenderFieldsFragment;
export type AutoRepliesView = NonNullable<AutoRepliesResult['whatsAppAutoReplies']>;
export type { KeywordMatch, ReplyLanguage, WhatsAppAutoReplyKind, WhatsAppBusinessProfileInput, SaveWhatsAppAutoRepliesInput } from './generated/graphql';

graphql(`
  fragment WhatsAppSenderFields on WhatsAppSender {
    sid
    senderId
    status
    fetchedAt
    verticals
    profile {
      name
      about
      description
      address
      emails
      websites
      vertical
      logoUrl
    }
  }
`);

// What refreshing or updating the sender answers: the sender as now cached, or why not.
graphql(`
  fragment WhatsAppSenderOutcome on WhatsAppSenderPayload {
    sender {
      ...WhatsAppSenderFields
    }
  }
`);

export const WhatsAppSenderQuery = graphql(`
  query WhatsAppSender {
    whatsAppSender {
      ...WhatsAppSenderFields
    }
    queues {
      id
      name
      channels
    }
  }
`);

export const RefreshWhatsAppSenderMutation = graphql(`
  mutation RefreshWhatsAppSender {
    refreshWhatsAppSender {
      __typename
      ...WhatsAppSenderOutcome
      ... on Error {
        message
      }
    }
  }
`);

export const UpdateWhatsAppBusinessProfileMutation = graphql(`
  mutation UpdateWhatsAppBusinessProfile($input: WhatsAppBusinessProfileInput!) {
    updateWhatsAppBusinessProfile(input: $input) {
      __typename
      ...WhatsAppSenderOutcome
      ... on Error {
        message
      }
    }
  }
`);

export const WhatsAppAutoRepliesQuery = graphql(`
  query WhatsAppAutoReplies($queueId: ID!) {
    whatsAppAutoReplies(queueId: $queueId) {
      enabled
      busyThresholdSeconds
      minIntervalMinutes
      texts {
        kind
        language
        text
      }
      keywords {
        match
        pattern
        language
        body
        link
        mediaUrl
      }
    }
  }
`);

export const SaveWhatsAppAutoRepliesMutation = graphql(`
  mutation SaveWhatsAppAutoReplies($input: SaveWhatsAppAutoRepliesInput!) {
    saveWhatsAppAutoReplies(input: $input) {
      __typename
      ... on WhatsAppAutoRepliesPayload {
        autoReplies {
          enabled
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const ClickToWhatsAppQuery = graphql(`
  query ClickToWhatsApp($queueId: ID!, $prefill: String, $language: ReplyLanguage) {
    clickToWhatsApp(queueId: $queueId, prefill: $prefill, language: $language) {
      link
      ref
      prefill
      qrSvg
      qrPngDataUrl
    }
  }
`);
