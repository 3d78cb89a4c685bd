// Agents: the agent's own presence and capacity, and the supervisor's list of agents.
import { graphql } from './generated';
import type { AgentProfileFieldsFragment, SupervisedAgentFieldsFragment } from './generated/graphql';

export type AgentProfile = AgentProfileFieldsFragment;
export type SupervisedAgent = SupervisedAgentFieldsFragment;
export type { PresenceReason, PresenceStatus } from './generated/graphql';

/** An agent's presence, capacity and queues: the agent's own header and the supervisor's list. */
graphql(`
  fragment AgentProfileFields on Agent {
    presence {
      status
      since
      reason
    }
    capacity {
      channel
      slots
      used
    }
    queues {
      id
      name
    }
  }
`);

graphql(`
  fragment SupervisedAgentFields on Agent {
    user {
      id
      name
      email
    }
    ...AgentProfileFields
    occupancy
  }
`);

export const AgentViewerQuery = graphql(`
  query AgentViewer {
    viewer {
      id
      name
      email
      role
      agent {
        ...AgentProfileFields
      }
    }
  }
`);

export const SetPresenceMutation = graphql(`
  mutation SetPresence($status: PresenceStatus!) {
    setPresence(input: { status: $status }) {
      __typename
      ... on PresencePayload {
        agent {
          ...AgentProfileFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SupervisorAgentsQuery = graphql(`
  query SupervisorAgents {
    agents {
      ...SupervisedAgentFields
    }
  }
`);

/** One agent, as it is now, each time their presence, load or routing profile changes. */
export const AgentsUpdatedSubscription = graphql(`
  subscription AgentsUpdated {
    agentsUpdated {
      ...SupervisedAgentFields
    }
  }
`);

export const SetAgentPresenceMutation = graphql(`
  mutation SetAgentPresence($agentId: ID!, $status: PresenceStatus!) {
    setAgentPresence(input: { agentId: $agentId, status: $status }) {
      __typename
      ... on PresencePayload {
        agent {
          presence {
            status
            since
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
