// The browser softphone: the agent's voice endpoint, access tokens, hold.
import { graphql } from './generated';

export type { VoiceEndpointKind } from './generated/graphql';

export const MyVoiceEndpointQuery = graphql(`
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
`);

export const CreateVoiceAccessTokenMutation = graphql(`
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
`);

export const SetVoiceEndpointMutation = graphql(`
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
`);

/** Hold (the caller hears music) or resume the agent's assigned call. */
export const HoldCallMutation = graphql(`
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
`);
