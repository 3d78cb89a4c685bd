// Routing: the offers made to the signed-in agent, and their answers.
import { graphql } from './generated';
import type { OfferFieldsFragment } from './generated/graphql';

export type Offer = OfferFieldsFragment;

graphql(`
  fragment OfferFields on Offer {
    id
    createdAt
    expiresAt
    decidedAt
    outcome
    interaction {
      id
      channel
      status
      subject
      enqueuedAt
      queue {
        id
        name
      }
      customer {
        ...CustomerSummaryFields
      }
    }
  }
`);

export const MyOffersQuery = graphql(`
  query MyOffers {
    myOffers {
      ...OfferFields
    }
  }
`);

export const OffersSubscription = graphql(`
  subscription Offers {
    offers {
      ...OfferFields
    }
  }
`);

export const AcceptOfferMutation = graphql(`
  mutation AcceptOffer($offerId: ID!) {
    acceptOffer(input: { offerId: $offerId }) {
      __typename
      ...InteractionPayloadFields
      ... on Error {
        message
      }
    }
  }
`);

export const DeclineOfferMutation = graphql(`
  mutation DeclineOffer($offerId: ID!) {
    declineOffer(input: { offerId: $offerId }) {
      __typename
      ...InteractionPayloadFields
      ... on Error {
        message
      }
    }
  }
`);
