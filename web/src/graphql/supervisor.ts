// The supervisor's live view: interactions in flight, assigning and reassigning them, push figures.
import { graphql } from './generated';
import type { ActiveInteractionFieldsFragment, PushFiguresFieldsFragment } from './generated/graphql';

export type { AssignInteractionInput as AssignInput, InteractionOrder } from './generated/graphql';
export type ActiveInteraction = ActiveInteractionFieldsFragment;
export type PushFigures = PushFiguresFieldsFragment;

graphql(`
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
      ...CustomerSummaryFields
    }
  }
`);

/** One page of the supervisor's live list (the longest wait first by default). */
export const ActiveInteractionsQuery = graphql(`
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
`);

/** What agents hold now (assigned or wrapping up), for the agent list: bounded by agents × capacity. */
export const HeldInteractionsQuery = graphql(`
  query HeldInteractions {
    interactions(first: 200, filter: { statuses: [ASSIGNED, WRAP_UP] }) {
      edges {
        node {
          ...ActiveInteractionFields
        }
      }
    }
  }
`);

/** Supervisors offer a waiting interaction to a chosen agent (they accept it like any offer). */
export const AssignInteractionMutation = graphql(`
  mutation AssignInteraction($input: AssignInteractionInput!) {
    assignInteraction(input: $input) {
      __typename
      ...InteractionPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const ReassignInteractionMutation = graphql(`
  mutation ReassignInteraction($input: TransferInteractionInput!) {
    reassignInteraction(input: $input) {
      __typename
      ...InteractionPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

graphql(`
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
`);

export const PushFiguresQuery = graphql(`
  query PushFigures {
    pushFigures {
      ...PushFiguresFields
    }
  }
`);

/** The last 24 hours' figures each time a push changes status, a link is opened or a push is refused. */
export const PushFiguresUpdatedSubscription = graphql(`
  subscription PushFiguresUpdated {
    pushFiguresUpdated {
      ...PushFiguresFields
    }
  }
`);
