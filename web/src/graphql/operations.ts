// Typed operation documents for the console. Types are written by hand to match
// schema/schema.graphql; keep them in step when the schema changes.
import { gql, type TypedDocumentNode } from '@urql/core';

export type Role = 'AGENT' | 'SUPERVISOR' | 'ADMIN';

export interface User {
  __typename?: 'User';
  id: string;
  email: string;
  name: string;
  role: Role;
  /** IANA zone the console formats dates in; null (or absent in sessions stored before it existed): the browser's. */
  timeZone?: string | null;
}

export interface FieldError {
  path: string[];
  message: string;
}

/** The console reads only the user: its session is the httpOnly cookie the same response sets. */
export interface LoginPayload {
  __typename: 'LoginPayload';
  user: User;
}

export interface InvalidCredentialsError {
  __typename: 'InvalidCredentialsError';
  message: string;
}

export interface ValidationError {
  __typename: 'ValidationError';
  message: string;
  fieldErrors: FieldError[];
}

export type LoginResult = LoginPayload | InvalidCredentialsError | ValidationError;

export interface LoginInput {
  email: string;
  password: string;
}

export interface LoginMutationData {
  login: LoginResult;
}

export interface LoginMutationVariables {
  input: LoginInput;
}

const USER_FIELDS = gql`
  fragment UserFields on User {
    id
    email
    name
    role
    timeZone
  }
`;

export const LoginMutation: TypedDocumentNode<LoginMutationData, LoginMutationVariables> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      __typename
      ... on LoginPayload {
        user {
          ...UserFields
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
  ${USER_FIELDS}
`;

/** Ends the session everywhere; the response deletes the cookie. */
export const LogoutMutation: TypedDocumentNode<{ logout: { signedOut: boolean } }, Record<string, never>> = gql`
  mutation Logout {
    logout {
      signedOut
    }
  }
`;

export interface ViewerQueryData {
  viewer: User | null;
}

export type ViewerQueryVariables = Record<string, never>;

export const ViewerQuery: TypedDocumentNode<ViewerQueryData, ViewerQueryVariables> = gql`
  query Viewer {
    viewer {
      ...UserFields
    }
  }
  ${USER_FIELDS}
`;

export type SetTimeZoneResult =
  | { __typename: 'SetTimeZonePayload'; user: User }
  | { __typename: 'InvalidTimeZoneError' | 'ValidationError'; message: string };

export const SetTimeZoneMutation: TypedDocumentNode<{ setTimeZone: SetTimeZoneResult }, { timeZone: string }> = gql`
  mutation SetTimeZone($timeZone: String!) {
    setTimeZone(input: { timeZone: $timeZone }) {
      __typename
      ... on SetTimeZonePayload {
        user {
          ...UserFields
        }
      }
      ... on Error {
        message
      }
    }
  }
  ${USER_FIELDS}
`;
