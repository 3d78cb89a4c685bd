// Supervisors' WhatsApp campaigns: the wizard (segment → template and variables → preview →
// schedule), the list, and the live progress page.
import { graphql } from './generated';
import type { CampaignFieldsFragment, CampaignProgressFieldsFragment } from './generated/graphql';

export type Campaign = CampaignFieldsFragment;
export type CampaignProgress = CampaignProgressFieldsFragment;
export type { CampaignVariableInput } from './generated/graphql';

graphql(`
  fragment CampaignProgressFields on CampaignProgress {
    campaignId
    status
    total
    queued
    sent
    delivered
    read
    replied
    failed
    failedByCode {
      code
      count
    }
    skipped
    skippedByReason {
      code
      count
    }
    optedOut
    outcomeUnknown
    linkClicks
    eta
  }
`);

graphql(`
  fragment CampaignFields on Campaign {
    id
    name
    status
    pauseReason
    templateSid
    ratePerSecond
    scheduledAt
    startedAt
    finishedAt
    createdAt
    resultsCsvPath
    segment {
      id
      name
    }
    progress {
      ...CampaignProgressFields
    }
  }
`);

// What a mutation that answers one campaign reads back from its payload.
graphql(`
  fragment CampaignPayloadFields on CampaignPayload {
    campaign {
      ...CampaignFields
    }
  }
`);

export const CampaignsQuery = graphql(`
  query Campaigns {
    campaigns(first: 50) {
      ...CampaignFields
    }
  }
`);

export const CampaignPreviewQuery = graphql(`
  query CampaignPreview($input: CampaignPreviewInput!) {
    campaignPreview(input: $input, first: 5) {
      __typename
      ... on CampaignPreview {
        recipients {
          displayName
          phone
          text
          refusal
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const CreateCampaignMutation = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      __typename
      ...CampaignPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const PauseCampaignMutation = graphql(`
  mutation PauseCampaign($input: CampaignIdInput!) {
    pauseCampaign(input: $input) {
      __typename
      ...CampaignPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const ResumeCampaignMutation = graphql(`
  mutation ResumeCampaign($input: CampaignIdInput!) {
    resumeCampaign(input: $input) {
      __typename
      ...CampaignPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const CancelCampaignMutation = graphql(`
  mutation CancelCampaign($input: CampaignIdInput!) {
    cancelCampaign(input: $input) {
      __typename
      ...CampaignPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const CampaignProgressSubscription = graphql(`
  subscription CampaignProgress($campaignId: ID!) {
    campaignProgress(campaignId: $campaignId) {
      ...CampaignProgressFields
    }
  }
`);

export const CampaignTemplatesQuery = graphql(`
  query CampaignTemplates {
    whatsAppTemplates {
      contentSid
      name
      language
      body
      category
      variables {
        key
        sample
      }
    }
  }
`);
