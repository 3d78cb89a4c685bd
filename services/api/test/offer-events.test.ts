import { describe, expect, it } from 'vitest';
import type { Interaction } from '@cc/db/tables/interactions';
import type { Offer } from '@cc/db/tables/offers';
import { offerEvent, offerFromEvent, type OfferEvent } from '../src/routing/offer-events';

const offer: Offer = {
  id: 'o1',
  interaction_id: 'i1',
  agent_id: 'a1',
  channel: 'whatsapp',
  created_at: new Date('2026-12-05T10:00:00.000Z'),
  expires_at: new Date('2026-12-05T10:00:30.000Z'),
  outcome: null,
  decided_at: null,
};
const interaction = {
  id: 'i1',
  channel: 'whatsapp',
  customer_id: 'c1',
  queue_id: 'q1',
  priority: 0,
  status: 'offered',
  assigned_agent_id: null,
  transferred_from_id: null,
  subject: null,
  context: {},
  enqueued_at: new Date('2026-12-05T09:59:58.000Z'),
  offered_at: new Date('2026-12-05T10:00:00.000Z'),
  assigned_at: null,
  wrap_up_at: null,
  closed_at: null,
  abandoned_at: null,
  disposition_id: null,
  created_at: new Date('2026-12-05T09:59:58.000Z'),
} satisfies Interaction;

describe('offer events', () => {
  it('read back after crossing Redis as JSON: the same rows, dates as Dates', () => {
    const sent = JSON.parse(JSON.stringify(offerEvent(offer, interaction))) as OfferEvent;
    expect(typeof sent.offer!.created_at).toBe('string');
    const read = offerFromEvent(sent)!;
    expect(read.expires_at).toBeInstanceOf(Date);
    expect(read.expires_at.getTime()).toBe(offer.expires_at.getTime());
    expect(read.decided_at).toBeNull();
    expect(read.interaction!.offered_at).toEqual(interaction.offered_at);
    expect(read.interaction!.assigned_at).toBeNull();
    expect({ ...read, interaction: undefined }).toEqual({ ...offer, interaction: undefined });
  });

  it('an event naming only the offer, or carrying rows that do not match it, is read from the database instead', () => {
    expect(offerFromEvent({ offerId: 'o1' })).toBeNull();
    expect(offerFromEvent({ offerId: 'o2', offer })).toBeNull();
    // An interaction that is not the offer's is dropped, never shown in its place.
    expect(offerFromEvent({ offerId: 'o1', offer, interaction: { ...interaction, id: 'other' } })!.interaction).toBeUndefined();
  });
});
