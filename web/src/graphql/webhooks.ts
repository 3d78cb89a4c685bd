// Administrators' outbound webhooks: integrators' endpoints, their signing secrets (shown once,
// on create and rotate), and each endpoint's delivery log with replay.
import { graphql } from './generated';
import type { WebhookDeliveryFieldsFragment, WebhookEndpointFieldsFragment } from './generated/graphql';

export type WebhookEndpoint = WebhookEndpointFieldsFragment;
export type WebhookDelivery = WebhookDeliveryFieldsFragment;
export type { WebhookEventType } from './generated/graphql';

graphql(`
  fragment WebhookEndpointFields on WebhookEndpoint {
    id
    url
    description
    eventTypes
    enabled
    disabledReason
    secretHint
    previousSecretExpiresAt
    createdAt
  }
`);

graphql(`
  fragment WebhookDeliveryFields on WebhookDelivery {
    id
    eventId
    eventType
    occurredAt
    status
    attemptCount
    nextAttemptAt
    lastOutcome
    lastResponseStatus
    lastError
    attempts {
      number
      manual
      outcome
      responseStatus
      error
      durationMs
      startedAt
    }
  }
`);

// What create and rotate answer: the endpoint and its new secret (shown once).
graphql(`
  fragment WebhookEndpointSecretFields on WebhookEndpointSecretPayload {
    secret
    endpoint {
      ...WebhookEndpointFields
    }
  }
`);

export const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      ...WebhookEndpointFields
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($endpointId: ID!, $first: Int) {
    webhookDeliveries(endpointId: $endpointId, first: $first) {
      ...WebhookDeliveryFields
    }
  }
`);

export const CreateWebhookEndpointMutation = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      __typename
      ...WebhookEndpointSecretFields
      ... on Error {
        message
      }
    }
  }
`);

export const UpdateWebhookEndpointMutation = graphql(`
  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      __typename
      ... on WebhookEndpointPayload {
        endpoint {
          ...WebhookEndpointFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const DeleteWebhookEndpointMutation = graphql(`
  mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {
    deleteWebhookEndpoint(input: $input) {
      __typename
      ... on DeleteWebhookEndpointPayload {
        id
      }
      ... on Error {
        message
      }
    }
  }
`);

export const RotateWebhookEndpointSecretMutation = graphql(`
  mutation RotateWebhookEndpointSecret($input: RotateWebhookEndpointSecretInput!) {
    rotateWebhookEndpointSecret(input: $input) {
      __typename
      ...WebhookEndpointSecretFields
      ... on Error {
        message
      }
    }
  }
`);

export const ReplayWebhookDeliveryMutation = graphql(`
  mutation ReplayWebhookDelivery($input: ReplayWebhookDeliveryInput!) {
    replayWebhookDelivery(input: $input) {
      __typename
      ... on ReplayWebhookDeliveryPayload {
        delivery {
          ...WebhookDeliveryFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
