// Administrators' user management: the list of console users, creating one, and the account
// operations (role, disable / enable, password reset). Generated passwords come back once.
import { graphql } from './generated';
import type { AdminUserFieldsFragment } from './generated/graphql';

export type AdminUser = AdminUserFieldsFragment;
export type { Role, UserFilter } from './generated/graphql';

graphql(`
  fragment AdminUserFields on User {
    id
    email
    name
    role
    disabledAt
    createdAt
    lastSignInAt
  }
`);

export const AdminUsersQuery = graphql(`
  query AdminUsers($first: Int, $after: String, $filter: UserFilter) {
    users(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          ...AdminUserFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on CreateUserPayload {
        generatedPassword
        user {
          ...AdminUserFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SetUserRoleMutation = graphql(`
  mutation SetUserRole($input: SetUserRoleInput!) {
    setUserRole(input: $input) {
      __typename
      ... on UserAccountPayload {
        user {
          ...AdminUserFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const DisableUserMutation = graphql(`
  mutation DisableUser($input: DisableUserInput!) {
    disableUser(input: $input) {
      __typename
      ... on UserAccountPayload {
        user {
          ...AdminUserFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const EnableUserMutation = graphql(`
  mutation EnableUser($input: EnableUserInput!) {
    enableUser(input: $input) {
      __typename
      ... on UserAccountPayload {
        user {
          ...AdminUserFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

/** Without newPassword the server generates one and answers it once. */
export const ResetUserPasswordMutation = graphql(`
  mutation ResetUserPassword($userId: ID!) {
    resetUserPassword(input: { userId: $userId }) {
      __typename
      ... on ResetUserPasswordPayload {
        generatedPassword
        user {
          ...AdminUserFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

/** The queues a new agent may be put in. */
export const AdminQueueChoicesQuery = graphql(`
  query AdminQueueChoices {
    queues {
      id
      name
    }
  }
`);

/** Makes a new user an agent: their queues and the slots they take per channel. */
export const SaveNewAgentMutation = graphql(`
  mutation SaveNewAgent($input: AgentSettingsInput!) {
    saveAgent(input: $input) {
      __typename
      ... on PresencePayload {
        agent {
          queues {
            id
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
