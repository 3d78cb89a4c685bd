// Supervisors' audience tools: saved segments with their live count, and the CSV consent import.
import { graphql } from './generated';
import type { SegmentFieldsFragment } from './generated/graphql';

export type Segment = SegmentFieldsFragment;
export type { SegmentFilterInput, ConsentPurpose, Channel } from './generated/graphql';

graphql(`
  fragment SegmentFields on Segment {
    id
    name
    description
    recipientCount
    updatedAt
    filter {
      tagsAny
      tagsAll
      languages
      countries
      timeZones
      consentPurpose
      fieldEquals {
        key
        value
      }
      lastContactAfter
      lastContactBefore
      channelActivity {
        channel
        withinDays
        had
      }
    }
  }
`);

// What a mutation that answers one segment reads back from its payload.
graphql(`
  fragment SegmentPayloadFields on SegmentPayload {
    segment {
      ...SegmentFields
    }
  }
`);

export const SegmentsQuery = graphql(`
  query Segments {
    segments {
      ...SegmentFields
    }
  }
`);

export const SegmentPreviewQuery = graphql(`
  query SegmentPreview($filter: SegmentFilterInput!) {
    segmentPreview(filter: $filter) {
      __typename
      ... on SegmentPreview {
        recipientCount
      }
      ... on Error {
        message
      }
    }
  }
`);

export const CreateSegmentMutation = graphql(`
  mutation CreateSegment($input: CreateSegmentInput!) {
    createSegment(input: $input) {
      __typename
      ...SegmentPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const UpdateSegmentMutation = graphql(`
  mutation UpdateSegment($input: UpdateSegmentInput!) {
    updateSegment(input: $input) {
      __typename
      ...SegmentPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const DeleteSegmentMutation = graphql(`
  mutation DeleteSegment($input: DeleteSegmentInput!) {
    deleteSegment(input: $input) {
      __typename
      ... on DeleteSegmentPayload {
        deletedSegmentId
      }
      ... on Error {
        message
      }
    }
  }
`);

export const ImportConsentsMutation = graphql(`
  mutation ImportConsents($input: ImportConsentsInput!) {
    importConsents(input: $input) {
      __typename
      ... on ImportConsentsPayload {
        dryRun
        accepted
        recorded
        alreadyRecorded
        customersCreated
        rejected {
          line
          reason
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
