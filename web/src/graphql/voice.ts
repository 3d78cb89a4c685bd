// Typed operation documents for the browser softphone, validated against schema/schema.graphql
// by schema.spec.ts.
import { gql, type TypedDocumentNode } from '@urql/core';
import type { DateTime, ErrorResult } from './console';

export type VoiceEndpointKind = 'PHONE' | 'SOFTPHONE';

export type MyVoiceEndpointResult =
  | { __typename: 'VoiceEndpoint'; kind: VoiceEndpointKind; phoneNumber: string | null; clientIdentity: string }
  | ErrorResult;

export const MyVoiceEndpointQuery: TypedDocumentNode<{ myVoiceEndpoint: MyVoiceEndpointResult }, Record<string, never>> = gql`
  query MyVoiceEndpoint {
    myVoiceEndpoint {
      __typename
      ... on VoiceEndpoint {
        kind
        phoneNumber
        clientIdentity
      }
      ... on Error {
        message
      }
    }
  }
`;

export type CreateVoiceAccessTokenResult =
  | { __typename: 'VoiceAccessToken'; token: string; identity: string; expiresAt: DateTime }
  | ErrorResult;

export const CreateVoiceAccessTokenMutation: TypedDocumentNode<
  { createVoiceAccessToken: CreateVoiceAccessTokenResult },
  Record<string, never>
> = gql`
  mutation CreateVoiceAccessToken {
    createVoiceAccessToken {
      __typename
      ... on VoiceAccessToken {
        token
        identity
        expiresAt
      }
      ... on Error {
        message
      }
    }
  }
`;

export type SetVoiceEndpointResult =
  | { __typename: 'VoiceEndpointPayload'; endpoint: { kind: VoiceEndpointKind; phoneNumber: string | null; clientIdentity: string } }
  | ErrorResult;

export const SetVoiceEndpointMutation: TypedDocumentNode<
  { setVoiceEndpoint: SetVoiceEndpointResult },
  { input: { kind: VoiceEndpointKind; phoneNumber?: string | null } }
> = gql`
  mutation SetVoiceEndpoint($input: VoiceEndpointInput!) {
    setVoiceEndpoint(input: $input) {
      __typename
      ... on VoiceEndpointPayload {
        endpoint {
          kind
          phoneNumber
          clientIdentity
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export type HoldCallResult = { __typename: 'InteractionPayload'; interaction: { id: string; onHold: boolean } } | ErrorResult;

/** Hold (the caller hears music) or resume the agent's assigned call. */
export const HoldCallMutation: TypedDocumentNode<{ holdCall: HoldCallResult }, { input: { interactionId: string; onHold: boolean } }> = gql`
  mutation HoldCall($input: HoldCallInput!) {
    holdCall(input: $input) {
      __typename
      ... on InteractionPayload {
        interaction {
          id
          onHold
        }
      }
      ... on Error {
        message
      }
    }
  }
`;
