// Typed operation documents for in-call pushes, consent and WhatsApp templates, validated against
// schema/schema.graphql by schema.spec.ts.
import { gql, type TypedDocumentNode } from '@urql/core';
import type { DateTime, ErrorResult } from './console';

import type { ConsentState } from './console';

export type { ConsentState };
export type PushKind = 'LINK' | 'LOCATION' | 'MEDIA' | 'TEMPLATE';

export interface PushPolicy {
  consent: ConsentState;
  serviceWindowExpiresAt: DateTime | null;
  targetNumber: string | null;
  windowOpen: boolean;
}

export interface PushLink {
  url: string;
  shortUrl: string;
  opens: number;
  firstOpenedAt: DateTime | null;
}

export interface Push {
  id: string;
  kind: PushKind;
  mode: 'FREE_FORM' | 'TEMPLATE';
  status: string;
  errorCode: string | null;
  opened: boolean;
  title: string | null;
  to: string;
  createdAt: DateTime;
  links: PushLink[];
  location: { name: string; latitude: number; longitude: number } | null;
  message: { id: string };
  /** OFFERED when WhatsApp cannot reach the number and an SMS may be sent instead; SENT once it was. */
  fallback: 'OFFERED' | 'SENT' | null;
}

const PUSH_FIELDS = gql`
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
`;

export const InteractionPushesQuery: TypedDocumentNode<
  { interaction: { id: string; pushPolicy: PushPolicy | null; pushes: Push[] } | null },
  { id: string }
> = gql`
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
  ${PUSH_FIELDS}
`;

export const PushUpdatedSubscription: TypedDocumentNode<{ pushUpdated: Push }, { interactionId: string }> = gql`
  subscription PushUpdated($interactionId: ID!) {
    pushUpdated(interactionId: $interactionId) {
      ...PushFields
    }
  }
  ${PUSH_FIELDS}
`;

export interface WhatsAppTemplate {
  contentSid: string;
  name: string;
  language: string;
  body: string | null;
  variables: { key: string; sample: string }[];
}

export const WhatsAppTemplatesQuery: TypedDocumentNode<{ whatsAppTemplates: WhatsAppTemplate[] }, Record<string, never>> = gql`
  query WhatsAppTemplates {
    whatsAppTemplates {
      contentSid
      name
      language
      body
      variables {
        key
        sample
      }
    }
  }
`;

export interface PushInput {
  interactionId: string;
  kind: PushKind;
  link?: { title: string; url: string } | null;
  location?: { name: string; latitude: number; longitude: number; address?: string | null } | null;
  media?: { mediaId?: string; documentId?: string; caption?: string | null } | null;
  template?: { contentSid: string; variables?: { key: string; value: string }[] } | null;
}

export type PushResult = { __typename: 'PushPayload'; push: Push } | ErrorResult;

export const PushMutation: TypedDocumentNode<{ push: PushResult }, { input: PushInput }> = gql`
  mutation Push($input: PushInput!) {
    push(input: $input) {
      __typename
      ... on PushPayload {
        push {
          ...PushFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${PUSH_FIELDS}
`;

export type RecordConsentResult = { __typename: 'RecordConsentPayload'; consent: { id: string; granted: boolean } } | ErrorResult;

export const RecordConsentMutation: TypedDocumentNode<
  { recordConsent: RecordConsentResult },
  { input: { interactionId: string; wording: string; granted?: boolean } }
> = gql`
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
`;

export type UploadPushMediaResult =
  | { __typename: 'UploadedPushMedia'; mediaId: string; contentType: string; sizeBytes: number }
  | ErrorResult;

export const UploadPushMediaMutation: TypedDocumentNode<
  { uploadPushMedia: UploadPushMediaResult },
  { input: { contentType: string; dataBase64: string } }
> = gql`
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
`;

export const SendPushBySmsMutation: TypedDocumentNode<{ sendPushBySms: PushResult }, { pushId: string }> = gql`
  mutation SendPushBySms($pushId: ID!) {
    sendPushBySms(input: { pushId: $pushId }) {
      __typename
      ... on PushPayload {
        push {
          ...PushFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${PUSH_FIELDS}
`;
