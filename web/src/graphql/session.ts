// Users and sessions: sign-in, sign-out, the signed-in user and their time zone.
import { graphql } from './generated';
import type { LoginMutation as LoginResultData, UserFieldsFragment } from './generated/graphql';

export type { LoginInput, LoginMutationVariables, Role } from './generated/graphql';
/** The signed-in user; a session stored before `timeZone` existed lacks it (null or absent: the browser's zone). */
export type User = Omit<UserFieldsFragment, 'timeZone'> & Partial<Pick<UserFieldsFragment, 'timeZone'>> & { __typename?: 'User' };
export type LoginResult = LoginResultData['login'];
export type FieldError = Extract<LoginResult, { __typename: 'ValidationError' }>['fieldErrors'][number];

graphql(`
  fragment UserFields on User {
    id
    email
    name
    role
    timeZone
  }
`);

export const LoginMutation = graphql(`
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
`);

/** Ends the session everywhere; the response deletes the cookie. */
export const LogoutMutation = graphql(`
  mutation Logout {
    logout {
      signedOut
    }
  }
`);

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      ...UserFields
    }
  }
`);

export const SetTimeZoneMutation = graphql(`
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
`);
