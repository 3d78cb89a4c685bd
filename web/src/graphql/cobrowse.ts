// Typed operation documents for voice co-browsing (the agent's and supervisor's side), validated
// against schema/schema.graphql by schema.spec.ts.
import { gql, type TypedDocumentNode } from '@urql/core';

type DateTime = string;
/** Any refusal of the result unions: its typename and the reason in words. */
type ErrorResult = { __typename: `${string}Error`; message: string };

export type CobrowseStatus = 'WAITING_FOR_AGENT' | 'INVITED' | 'PENDING_CONSENT' | 'ACTIVE' | 'ENDED';
export type CobrowseEndReason = 'CUSTOMER_STOPPED' | 'AGENT_ENDED' | 'CALL_ENDED' | 'EXPIRED' | 'LIMIT_EXCEEDED';
export type CobrowseGuidanceKind = 'POINTER' | 'HIGHLIGHT' | 'SCROLL_TO' | 'NAVIGATE';

export interface CobrowseSession {
  id: string;
  status: CobrowseStatus;
  currentUrl: string | null;
  pagesVisited: string[];
  consentedAt: DateTime | null;
  startedAt: DateTime;
  endedAt: DateTime | null;
  endReason: CobrowseEndReason | null;
  agent: { id: string; name: string };
}

const SESSION_FIELDS = gql`
  fragment CobrowseSessionFields on CobrowseSession {
    id
    status
    currentUrl
    pagesVisited
    consentedAt
    startedAt
    endedAt
    endReason
    agent {
      id
      name
    }
  }
`;

export const InteractionCobrowseQuery: TypedDocumentNode<{ interaction: { id: string; cobrowseSessions: CobrowseSession[] } | null }, { id: string }> = gql`
  query InteractionCobrowse($id: ID!) {
    interaction(id: $id) {
      id
      cobrowseSessions {
        ...CobrowseSessionFields
      }
    }
  }
  ${SESSION_FIELDS}
`;

type SessionResult<T extends string> = { __typename: T; session: CobrowseSession } | ErrorResult;

export const InviteToCobrowseMutation: TypedDocumentNode<
  { inviteToCobrowse: SessionResult<'InviteToCobrowsePayload'> },
  { input: { interactionId: string; via: 'WHATSAPP' | 'SMS'; pageUrl: string } }
> = gql`
  mutation InviteToCobrowse($input: InviteToCobrowseInput!) {
    inviteToCobrowse(input: $input) {
      __typename
      ... on InviteToCobrowsePayload {
        session {
          ...CobrowseSessionFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${SESSION_FIELDS}
`;

export const JoinCobrowseByCodeMutation: TypedDocumentNode<
  { joinCobrowseByCode: SessionResult<'JoinCobrowseByCodePayload'> },
  { input: { interactionId: string; code: string } }
> = gql`
  mutation JoinCobrowseByCode($input: JoinCobrowseByCodeInput!) {
    joinCobrowseByCode(input: $input) {
      __typename
      ... on JoinCobrowseByCodePayload {
        session {
          ...CobrowseSessionFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${SESSION_FIELDS}
`;

export interface GuidanceInput {
  sessionId: string;
  kind: CobrowseGuidanceKind;
  x?: number;
  y?: number;
  selector?: string;
  url?: string;
}

export const SendCobrowseGuidanceMutation: TypedDocumentNode<
  { sendCobrowseGuidance: { __typename: 'SendCobrowseGuidancePayload' } | ErrorResult },
  { input: GuidanceInput }
> = gql`
  mutation SendCobrowseGuidance($input: SendCobrowseGuidanceInput!) {
    sendCobrowseGuidance(input: $input) {
      __typename
      ... on Error {
        message
      }
    }
  }
`;

export const RequestCobrowseSnapshotMutation: TypedDocumentNode<{ requestCobrowseSnapshot: boolean }, { input: { sessionId: string } }> = gql`
  mutation RequestCobrowseSnapshot($input: RequestCobrowseSnapshotInput!) {
    requestCobrowseSnapshot(input: $input)
  }
`;

export const EndCobrowseMutation: TypedDocumentNode<{ endCobrowse: SessionResult<'EndCobrowsePayload'> }, { input: { sessionId: string } }> = gql`
  mutation EndCobrowse($input: EndCobrowseInput!) {
    endCobrowse(input: $input) {
      __typename
      ... on EndCobrowsePayload {
        session {
          ...CobrowseSessionFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${SESSION_FIELDS}
`;
