// Typed operation documents for the supervisor dashboard, validated against
// schema/schema.graphql by schema.spec.ts.
import { gql, type TypedDocumentNode } from '@urql/core';
import { AGENT_FIELDS } from './console';
import type { Channel, ChannelCapacity, CustomerSummary, DateTime, ErrorResult, InteractionActionResult, InteractionStatus, Presence, PresenceStatus, QueueRef, TransferInput } from './console';

export interface QueueStats {
  waiting: number;
  /** Waiting longer than the queue's service-level target. */
  waitingPastTarget: number;
  longestWaitSeconds: number;
  serviceLevelPercent: number | null;
  answered: number;
  abandoned: number;
  agentsAvailable: number;
  agentsStaffed: number;
  slaTargetSeconds: number;
  since: DateTime;
}

export interface SkillLevel {
  skill: string;
  level: number;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** Opening windows per local weekday, `HH:MM` (several allow a split shift); a missing day is closed. */
export type BusinessHours = Partial<Record<Weekday, { open: string; close: string }[]>>;

export interface SupervisorQueue {
  id: string;
  name: string;
  channels: Channel[];
  requiredSkills: SkillLevel[];
  /** Null: always open. */
  businessHours: BusinessHours | null;
  slaTargetSeconds: number;
  offerTimeoutSeconds: number;
  overflowAfterSeconds: number | null;
  priority: number;
  timezone: string;
  closedAutoReply: string | null;
  overflowQueue: { id: string } | null;
  open: boolean;
  stats: QueueStats;
}

const QUEUE_STATS_FIELDS = gql`
  fragment QueueStatsFields on QueueStats {
    waiting
    waitingPastTarget
    longestWaitSeconds
    serviceLevelPercent
    answered
    abandoned
    agentsAvailable
    agentsStaffed
    slaTargetSeconds
    since
  }
`;

export const SupervisorQueuesQuery: TypedDocumentNode<{ queues: SupervisorQueue[] }, Record<string, never>> = gql`
  query SupervisorQueues {
    queues {
      id
      name
      channels
      requiredSkills {
        skill
        level
      }
      businessHours
      slaTargetSeconds
      offerTimeoutSeconds
      overflowAfterSeconds
      priority
      timezone
      closedAutoReply
      overflowQueue {
        id
      }
      open
      stats {
        ...QueueStatsFields
      }
    }
  }
  ${QUEUE_STATS_FIELDS}
`;

export const QueueStatsSubscription: TypedDocumentNode<
  { queueStats: QueueStats & { queue: { id: string } } },
  Record<string, never>
> = gql`
  subscription QueueStatsLive {
    queueStats {
      queue {
        id
      }
      ...QueueStatsFields
    }
  }
  ${QUEUE_STATS_FIELDS}
`;

export interface SupervisedAgent {
  user: { id: string; name: string; email: string };
  presence: Presence;
  capacity: ChannelCapacity[];
  queues: QueueRef[];
  /** Time handling ÷ (available + handling) since midnight in the viewer's zone, 0–1; null without such time. */
  occupancy: number | null;
}

const SUPERVISED_AGENT_FIELDS = gql`
  fragment SupervisedAgentFields on Agent {
    user {
      id
      name
      email
    }
    ...AgentProfileFields
    occupancy
  }
  ${AGENT_FIELDS}
`;

export const SupervisorAgentsQuery: TypedDocumentNode<{ agents: SupervisedAgent[] }, Record<string, never>> = gql`
  query SupervisorAgents {
    agents {
      ...SupervisedAgentFields
    }
  }
  ${SUPERVISED_AGENT_FIELDS}
`;

/** One agent, as it is now, each time their presence, load or routing profile changes. */
export const AgentsUpdatedSubscription: TypedDocumentNode<{ agentsUpdated: SupervisedAgent }, Record<string, never>> = gql`
  subscription AgentsUpdated {
    agentsUpdated {
      ...SupervisedAgentFields
    }
  }
  ${SUPERVISED_AGENT_FIELDS}
`;

export interface ActiveInteraction {
  id: string;
  channel: Channel;
  status: InteractionStatus;
  enqueuedAt: DateTime;
  assignedAt: DateTime | null;
  queue: QueueRef;
  assignedAgent: { id: string; name: string } | null;
  customer: CustomerSummary;
}

const ACTIVE_INTERACTION_FIELDS = gql`
  fragment ActiveInteractionFields on Interaction {
    id
    channel
    status
    enqueuedAt
    assignedAt
    queue {
      id
      name
    }
    assignedAgent {
      id
      name
    }
    customer {
      id
      displayName
      identities {
        kind
        value
      }
    }
  }
`;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export type InteractionOrder = 'NEWEST_FIRST' | 'LONGEST_WAITING_FIRST';

export interface InteractionListVariables {
  first?: number;
  after?: string | null;
  order?: InteractionOrder;
  filter: { statuses: InteractionStatus[]; queueId?: string | null; channel?: Channel | null };
}

/** One page of the supervisor's live list (the longest wait first by default). */
export const ActiveInteractionsQuery: TypedDocumentNode<
  { interactions: { edges: { node: ActiveInteraction }[]; pageInfo: PageInfo } },
  InteractionListVariables
> = gql`
  query ActiveInteractions($first: Int, $after: String, $order: InteractionOrder, $filter: InteractionFilter) {
    interactions(first: $first, after: $after, order: $order, filter: $filter) {
      edges {
        node {
          ...ActiveInteractionFields
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
  ${ACTIVE_INTERACTION_FIELDS}
`;

/** What agents hold now (assigned or wrapping up), for the agent list: bounded by agents × capacity. */
export const HeldInteractionsQuery: TypedDocumentNode<{ interactions: { edges: { node: ActiveInteraction }[] } }, Record<string, never>> = gql`
  query HeldInteractions {
    interactions(first: 200, filter: { statuses: [ASSIGNED, WRAP_UP] }) {
      edges {
        node {
          ...ActiveInteractionFields
        }
      }
    }
  }
  ${ACTIVE_INTERACTION_FIELDS}
`;

export interface AssignInput {
  interactionId: string;
  agentId: string;
}

/** Supervisors offer a waiting interaction to a chosen agent (they accept it like any offer). */
export const AssignInteractionMutation: TypedDocumentNode<{ assignInteraction: InteractionActionResult }, { input: AssignInput }> = gql`
  mutation AssignInteraction($input: AssignInteractionInput!) {
    assignInteraction(input: $input) {
      __typename
      ... on InteractionPayload {
        interaction {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export const ReassignInteractionMutation: TypedDocumentNode<{ reassignInteraction: InteractionActionResult }, { input: TransferInput }> = gql`
  mutation ReassignInteraction($input: TransferInteractionInput!) {
    reassignInteraction(input: $input) {
      __typename
      ... on InteractionPayload {
        interaction {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export type SetAgentPresenceResult = { __typename: 'PresencePayload'; agent: { presence: Presence } } | ErrorResult;

export const SetAgentPresenceMutation: TypedDocumentNode<
  { setAgentPresence: SetAgentPresenceResult },
  { agentId: string; status: PresenceStatus }
> = gql`
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
`;

export interface PushFigures {
  pushes: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  /** Fractions 0–1; null when there is nothing to divide by. */
  deliveredRate: number | null;
  readRate: number | null;
  linkOpenedRate: number | null;
  medianSecondsCallToPush: number | null;
  refusals: { reason: string; count: number }[];
}

const PUSH_FIGURES_FIELDS = gql`
  fragment PushFiguresFields on PushFigures {
    pushes
    sent
    delivered
    read
    failed
    deliveredRate
    readRate
    linkOpenedRate
    medianSecondsCallToPush
    refusals {
      reason
      count
    }
  }
`;

export const PushFiguresQuery: TypedDocumentNode<{ pushFigures: PushFigures }, Record<string, never>> = gql`
  query PushFigures {
    pushFigures {
      ...PushFiguresFields
    }
  }
  ${PUSH_FIGURES_FIELDS}
`;

/** The last 24 hours' figures each time a push changes status, a link is opened or a push is refused. */
export const PushFiguresUpdatedSubscription: TypedDocumentNode<{ pushFiguresUpdated: PushFigures }, Record<string, never>> = gql`
  subscription PushFiguresUpdated {
    pushFiguresUpdated {
      ...PushFiguresFields
    }
  }
  ${PUSH_FIGURES_FIELDS}
`;

/** What a supervisor may change on a queue; only the fields given change (overflow: both or both null). */
export interface UpdateQueueInput {
  queueId: string;
  name?: string;
  channels?: Channel[];
  requiredSkills?: SkillLevel[];
  businessHours?: BusinessHours | null;
  timezone?: string;
  priority?: number;
  slaTargetSeconds?: number;
  offerTimeoutSeconds?: number;
  overflowQueueId?: string | null;
  overflowAfterSeconds?: number | null;
  closedAutoReply?: string | null;
}

export type UpdateQueueResult = { __typename: 'QueuePayload'; queue: { id: string } } | ErrorResult;

export const UpdateQueueMutation: TypedDocumentNode<{ updateQueue: UpdateQueueResult }, { input: UpdateQueueInput }> = gql`
  mutation UpdateQueue($input: UpdateQueueInput!) {
    updateQueue(input: $input) {
      __typename
      ... on QueuePayload {
        queue {
          id
          name
          channels
          requiredSkills {
            skill
            level
          }
          businessHours
          timezone
          slaTargetSeconds
          offerTimeoutSeconds
          overflowAfterSeconds
          priority
          closedAutoReply
          overflowQueue {
            id
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`;
