// Customers: who a contact is, and their history across channels (the timeline).
import { graphql } from './generated';
import type { CustomerQuery as CustomerQueryResult, CustomerSummaryFieldsFragment } from './generated/graphql';

export type { ConsentState } from './generated/graphql';
export type CustomerSummary = CustomerSummaryFieldsFragment;
export type CustomerDetail = NonNullable<CustomerQueryResult['customer']>;
/** An identity as summaries (no label) and the customer card (with one) show it. */
export type CustomerIdentity = CustomerSummary['identities'][number] & Partial<Pick<CustomerDetail['identities'][number], 'label'>>;
export type CustomerInteraction = CustomerDetail['interactions'][number];
export type TimelineItem = CustomerDetail['timeline'][number];
export type TimelineEvent = Extract<TimelineItem, { __typename: 'InteractionEvent' }>;

graphql(`
  fragment CustomerSummaryFields on Customer {
    id
    displayName
    identities {
      kind
      value
    }
  }
`);

export const CustomerQuery = graphql(`
  query Customer($id: ID!) {
    customer(id: $id) {
      id
      displayName
      createdAt
      identities {
        kind
        value
        label
        createdAt
      }
      interactions {
        id
        channel
        status
        enqueuedAt
        assignedAt
        wrapUpAt
        closedAt
        abandonedAt
        queue {
          id
          name
        }
        recording {
          url
          durationSeconds
        }
      }
      serviceConsent: whatsAppConsent(purpose: SERVICE)
      marketingConsent: whatsAppConsent(purpose: MARKETING)
      serviceWindowExpiresAt(channel: WHATSAPP)
      timeline(last: 200) {
        __typename
        ... on Message {
          ...MessageFields
        }
        ... on InteractionEvent {
          type
          at
          actorType
          data
        }
      }
    }
  }
`);
