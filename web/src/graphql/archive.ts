// The conversation archive (issue 19): full-text search with highlighted snippets; transcripts are
// plain HTTP pages (see transcriptUrl).
import { graphql } from './generated';
import type { ArchiveSearchPageQuery } from './generated/graphql';

export type ArchiveHit = Extract<ArchiveSearchPageQuery['archiveSearch'], { __typename: 'ArchiveSearchPage' }>['hits'][number];

export const ArchiveSearchQueryDoc = graphql(`
  query ArchiveSearchPage($input: ArchiveSearchInput!, $after: String) {
    archiveSearch(input: $input, first: 25, after: $after) {
      __typename
      ... on Error {
        message
      }
      ... on ArchiveSearchPage {
        nextCursor
        hits {
          id
          kind
          snippetHtml
          channel
          direction
          at
          customer {
            id
            displayName
          }
          interaction {
            id
          }
        }
      }
    }
  }
`);

/** What the archive's filters offer: queues with their wrap-up codes (retired ones too: old contacts carry them). */
export const ArchiveFilterOptionsQuery = graphql(`
  query ArchiveFilterOptions {
    queues {
      id
      name
      dispositions(includeRetired: true) {
        id
        code
        label
      }
    }
  }
`);

/** Supervisors may also narrow to one agent's interactions (agents see only their own anyway). */
export const ArchiveAgentsQuery = graphql(`
  query ArchiveAgents {
    agents {
      user {
        id
        name
      }
    }
  }
`);

/** The printable (html) or JSON transcript of an interaction or a customer, by GraphQL global id. */
export function transcriptUrl(scope: 'interaction' | 'customer', globalId: string, format: 'html' | 'json', lang: string, timeZone: string): string {
  const id = atob(globalId).split(':')[1] ?? '';
  return `/archive/transcripts/${scope}/${id}.${format}?lang=${encodeURIComponent(lang)}&timeZone=${encodeURIComponent(timeZone)}`;
}
