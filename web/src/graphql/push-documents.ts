// The library of approved documents agents may push.
import { graphql } from './generated';
import type { PushDocumentFieldsFragment } from './generated/graphql';

export type PushDocument = PushDocumentFieldsFragment;

graphql(`
  fragment PushDocumentFields on PushDocument {
    id
    title
    description
    contentType
    sizeBytes
    url
    createdAt
  }
`);

graphql(`
  fragment PushDocumentPayloadFields on PushDocumentPayload {
    document {
      ...PushDocumentFields
    }
  }
`);

export const PushDocumentsQuery = graphql(`
  query PushDocuments {
    pushDocuments {
      ...PushDocumentFields
    }
  }
`);

export const AddPushDocumentMutation = graphql(`
  mutation AddPushDocument($input: AddPushDocumentInput!) {
    addPushDocument(input: $input) {
      __typename
      ...PushDocumentPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const WithdrawPushDocumentMutation = graphql(`
  mutation WithdrawPushDocument($id: ID!) {
    withdrawPushDocument(input: { id: $id }) {
      __typename
      ...PushDocumentPayloadFields
      ... on Error {
        message
      }
    }
  }
`);
