// In-call pushes: what the policy allows now, the pushes and their delivery, consent, media.
import { graphql } from './generated';
import type { InteractionPushesQuery as InteractionPushesResult, PushFieldsFragment } from './generated/graphql';

export type { ConsentState, PushInput, PushKind } from './generated/graphql';
export type Push = PushFieldsFragment;
export type PushPolicy = NonNullable<NonNullable<InteractionPushesResult['interaction']>['pushPolicy']>;

graphql(`
  fragment PushFields on Push {
    id
    kind
    mode
    status
    errorCode
    opened
    title
    to
    createdAt
    links {
      url
      shortUrl
      opens
      firstOpenedAt
    }
    location {
      name
      latitude
      longitude
    }
    message {
      id
    }
    fallback
  }
`);

/** What a push answers: the push as it is now, or why it was refused. */
graphql(`
  fragment PushPayloadFields on PushPayload {
    push {
      ...PushFields
    }
  }
`);

export const InteractionPushesQuery = graphql(`
  query InteractionPushes($id: ID!) {
    interaction(id: $id) {
      id
      pushPolicy {
        consent
        serviceWindowExpiresAt
        targetNumber
        windowOpen
      }
      pushes {
        ...PushFields
      }
    }
  }
`);

export const PushUpdatedSubscription = graphql(`
  subscription PushUpdated($interactionId: ID!) {
    pushUpdated(interactionId: $interactionId) {
      ...PushFields
    }
  }
`);

export const PushMutation = graphql(`
  mutation Push($input: PushInput!) {
    push(input: $input) {
      __typename
      ...PushPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const RecordConsentMutation = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      __typename
      ... on RecordConsentPayload {
        consent {
          id
          granted
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const UploadPushMediaMutation = graphql(`
  mutation UploadPushMedia($input: UploadPushMediaInput!) {
    uploadPushMedia(input: $input) {
      __typename
      ... on UploadedPushMedia {
        mediaId
        contentType
        sizeBytes
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SendPushBySmsMutation = graphql(`
  mutation SendPushBySms($pushId: ID!) {
    sendPushBySms(input: { pushId: $pushId }) {
      __typename
      ...PushPayloadFields
      ... on Error {
        message
      }
    }
  }
`);
