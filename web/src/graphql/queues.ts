// Queues: their settings and live figures, for the supervisor.
import { graphql } from './generated';
import type { QueueStatsFieldsFragment, SupervisorQueuesQuery as SupervisorQueuesResult, UpdateQueueInput } from './generated/graphql';

export type { SkillLevelInput as SkillLevel, UpdateQueueInput } from './generated/graphql';
export type QueueStats = QueueStatsFieldsFragment;
export type SupervisorQueue = SupervisorQueuesResult['queues'][number];

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** Opening windows per local weekday, `HH:MM` (several allow a split shift); a missing day is closed. The JSON of `businessHours`. */
export type BusinessHours = Partial<Record<Weekday, { open: string; close: string }[]>>;
/** What a supervisor may change on a queue (the input without its id). */
export type QueueChanges = Omit<UpdateQueueInput, 'queueId'>;

graphql(`
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
`);

export const SupervisorQueuesQuery = graphql(`
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
`);

export const QueueStatsSubscription = graphql(`
  subscription QueueStatsLive {
    queueStats {
      queue {
        id
      }
      ...QueueStatsFields
    }
  }
`);

export const UpdateQueueMutation = graphql(`
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
`);
