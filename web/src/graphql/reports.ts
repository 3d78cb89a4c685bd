// Historical reports (issue 19): figures per interval and group, the interactions behind a figure,
// and the wrap-up codes agents choose.
import { graphql } from './generated';
import type { ReportPageQuery, ReportInteractionsPageQuery } from './generated/graphql';

export type { ReportInterval, ReportGrouping, ReportFigure, Channel } from './generated/graphql';
export type ReportData = Extract<ReportPageQuery['report'], { __typename: 'ReportSuccess' }>['data'];
export type ReportRow = ReportData['rows'][number];
export type DrillDownInteraction = Extract<ReportInteractionsPageQuery['reportInteractions'], { __typename: 'ReportInteractionsSuccess' }>['data']['nodes'][number];

graphql(`
  fragment ReportFigureFields on ReportFigures {
    offered
    answered
    abandoned
    shortAbandoned
    abandonRatePercent
    averageSpeedOfAnswerSeconds
    averageWaitSeconds
    p90WaitSeconds
    serviceLevelPercent
    averageHandleSeconds
    transfers
    firstContactResolutionPercent
  }
`);

export const ReportPageQueryDoc = graphql(`
  query ReportPage($input: ReportInput!) {
    report(input: $input) {
      __typename
      ... on Error {
        message
      }
      ... on ReportSuccess {
        data {
          timeZone
          rows {
            intervalStart
            intervalEnd
            group {
              key
              name
            }
            figures {
              ...ReportFigureFields
            }
          }
          totals {
            group {
              key
              name
            }
            figures {
              ...ReportFigureFields
              averageHoldSeconds
              averageWrapUpSeconds
              transfersIn
              overflowsOut
              fcrEligible
              fcrResolved
            }
          }
          agentTimeTotals {
            agentId
            figures {
              availableSeconds
              busySeconds
              awaySeconds
              onContactSeconds
              occupancyPercent
              utilizationPercent
            }
          }
          dispositions {
            dispositionId
            code
            label
            count
          }
          impact {
            withPush {
              answered
              averageHandleSeconds
              firstContactResolutionPercent
            }
            withoutPush {
              answered
              averageHandleSeconds
              firstContactResolutionPercent
            }
            withCobrowse {
              answered
              averageHandleSeconds
              firstContactResolutionPercent
            }
            withoutCobrowse {
              answered
              averageHandleSeconds
              firstContactResolutionPercent
            }
            linkOpenRatePercent
            campaigns {
              campaignId
              name
              sent
              delivered
              read
              replied
              optedOut
              linkClicks
            }
          }
        }
      }
    }
  }
`);

export const ReportInteractionsQueryDoc = graphql(`
  query ReportInteractionsPage($filter: ReportFilter!, $figure: ReportFigure, $dispositionId: String, $after: String) {
    reportInteractions(filter: $filter, figure: $figure, dispositionId: $dispositionId, first: 50, after: $after) {
      __typename
      ... on Error {
        message
      }
      ... on ReportInteractionsSuccess {
        data {
          hasNextPage
          endCursor
          nodes {
            id
            channel
            status
            enqueuedAt
            queue {
              name
            }
            assignedAgent {
              name
            }
            disposition {
              code
            }
          }
        }
      }
    }
  }
`);

export const ReportQueuesQuery = graphql(`
  query ReportQueues {
    queues {
      id
      name
    }
  }
`);

export const InteractionDispositionsQuery = graphql(`
  query InteractionDispositions($id: ID!) {
    interaction(id: $id) {
      id
      disposition {
        id
        code
      }
      queue {
        id
        dispositions {
          id
          code
          label
        }
      }
    }
  }
`);

export const SetInteractionDispositionMutation = graphql(`
  mutation SetInteractionDisposition($input: SetInteractionDispositionInput!) {
    setInteractionDisposition(input: $input) {
      __typename
      ... on Error {
        message
      }
      ... on InteractionPayload {
        interaction {
          id
          disposition {
            id
            code
          }
        }
      }
    }
  }
`);
