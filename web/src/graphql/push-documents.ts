// Typed operation documents for the library of approved documents, validated against
// schema/schema.graphql by schema.spec.ts.
import { gql, type TypedDocumentNode } from '@urql/core';
import type { DateTime, ErrorResult } from './console';

export interface PushDocument {
  id: string;
  title: string;
  description: string | null;
  contentType: string;
  sizeBytes: number;
  url: string;
  createdAt: DateTime;
}

const DOCUMENT_FIELDS = gql`
  fragment PushDocumentFields on PushDocument {
    id
    title
    description
    contentType
    sizeBytes
    url
    createdAt
  }
`;

export const PushDocumentsQuery: TypedDocumentNode<{ pushDocuments: PushDocument[] }, Record<string, never>> = gql`
  query PushDocuments {
    pushDocuments {
      ...PushDocumentFields
    }
  }
  ${DOCUMENT_FIELDS}
`;

export type PushDocumentResult = { __typename: 'PushDocumentPayload'; document: PushDocument } | ErrorResult;

export const AddPushDocumentMutation: TypedDocumentNode<
  { addPushDocument: PushDocumentResult },
  { input: { title: string; description: string | null; contentType: string; dataBase64: string } }
> = gql`
  mutation AddPushDocument($input: AddPushDocumentInput!) {
    addPushDocument(input: $input) {
      __typename
      ... on PushDocumentPayload {
        document {
          ...PushDocumentFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${DOCUMENT_FIELDS}
`;

export const WithdrawPushDocumentMutation: TypedDocumentNode<{ withdrawPushDocument: PushDocumentResult }, { id: string }> = gql`
  mutation WithdrawPushDocument($id: ID!) {
    withdrawPushDocument(id: $id) {
      __typename
      ... on PushDocumentPayload {
        document {
          ...PushDocumentFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${DOCUMENT_FIELDS}
`;
