// Data protection for administrators: find a customer, export their data (progress, 48 h link),
// erase them (confirmed), retention periods with a dry run, and the audit log (search, CSV).
import { graphql } from './generated';
import type { DataExportFieldsFragment, PrivacySubjectQuery as SubjectQuery } from './generated/graphql';

export type DataExport = DataExportFieldsFragment;
export type PrivacySubject = NonNullable<SubjectQuery['privacySubject']>;
export type { AuditFilter, PrivacyLookup, RetentionClass } from './generated/graphql';

graphql(`
  fragment DataExportFields on DataExport {
    id
    status
    progress
    step
    sizeBytes
    error
    createdAt
    expiresAt
    downloadUrl
  }
`);

export const PrivacySubjectQuery = graphql(`
  query PrivacySubject($lookup: PrivacyLookup!) {
    privacySubject(lookup: $lookup) {
      erasedAt
      blockedRecords
      customer {
        id
        displayName
        identities {
          kind
          value
        }
      }
      exports {
        ...DataExportFields
      }
    }
  }
`);

export const DataExportQuery = graphql(`
  query DataExport($id: ID!) {
    dataExport(id: $id) {
      ...DataExportFields
    }
  }
`);

export const StartDataExportMutation = graphql(`
  mutation StartDataExport($input: StartDataExportInput!) {
    startDataExport(input: $input) {
      __typename
      ... on StartDataExportPayload {
        export {
          ...DataExportFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const EraseCustomerMutation = graphql(`
  mutation EraseCustomer($input: EraseCustomerInput!) {
    eraseCustomer(input: $input) {
      __typename
      ... on EraseCustomerPayload {
        erasedAt
        blockedRecords
        twilioResources
      }
      ... on Error {
        message
      }
    }
  }
`);

export const RetentionQuery = graphql(`
  query Retention {
    retentionSettings {
      dataClass
      days
      updatedAt
    }
    retentionRuns(last: 5) {
      id
      dryRun
      asOf
      counts
      startedAt
      finishedAt
    }
  }
`);

export const SetRetentionPeriodMutation = graphql(`
  mutation SetRetentionPeriod($input: SetRetentionInput!) {
    setRetentionPeriod(input: $input) {
      __typename
      ... on SetRetentionPayload {
        setting {
          dataClass
          days
          updatedAt
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const RunRetentionMutation = graphql(`
  mutation RunRetention($dryRun: Boolean!) {
    runRetention(dryRun: $dryRun) {
      run {
        id
        dryRun
        asOf
        counts
        startedAt
        finishedAt
      }
    }
  }
`);

export const AuditEventsQuery = graphql(`
  query AuditEvents($filter: AuditFilter, $first: Int, $before: String) {
    auditEvents(filter: $filter, first: $first, before: $before) {
      nextCursor
      events {
        id
        action
        actorType
        actorId
        subjectType
        subjectId
        data
        createdAt
      }
    }
  }
`);

export const AuditEventsCsvQuery = graphql(`
  query AuditEventsCsv($filter: AuditFilter) {
    auditEventsCsv(filter: $filter)
  }
`);
