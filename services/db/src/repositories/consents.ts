import type { Expression } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { Db } from '../database';
import type { Consent, ConsentPurpose } from '../tables/consents';

export interface NewConsent {
  customerId: string;
  channel: Channel;
  purpose: ConsentPurpose;
  granted: boolean;
  source: string;
  evidence: Record<string, unknown>;
  recordedByUserId: string | null;
  messageId: string | null;
  interactionId: string | null;
}

/** Appends a grant or withdrawal; a second record for the same message and purpose is ignored. */
export async function recordConsent(db: Db, consent: NewConsent, now: Date): Promise<Consent | undefined> {
  return db
    .insertInto('consents')
    .values({
      customer_id: consent.customerId,
      channel: consent.channel,
      purpose: consent.purpose,
      granted: consent.granted,
      source: consent.source,
      evidence: JSON.stringify(consent.evidence),
      recorded_by_user_id: consent.recordedByUserId,
      message_id: consent.messageId,
      interaction_id: consent.interactionId,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['message_id', 'purpose']).where('message_id', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * The standing record for `purpose` on a channel: the newest row for that purpose or for `all`
 * (an opt-out keyword withdraws every purpose). Undefined when nothing was ever recorded.
 */
export function currentConsent(db: Db, customerId: string, channel: Channel, purpose: ConsentPurpose): Promise<Consent | undefined> {
  return currentConsentQuery(db, customerId, channel, purpose).selectAll().executeTakeFirst();
}

/** The query behind currentConsent, columns left to the caller (also usable as a correlated subquery). */
export function currentConsentQuery(db: Db, customerId: string | Expression<string>, channel: Channel, purpose: ConsentPurpose) {
  return db
    .selectFrom('consents')
    .where('customer_id', '=', customerId)
    .where('channel', '=', channel)
    .where('purpose', 'in', purpose === 'all' ? ['all'] : [purpose, 'all'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
}

/** True when the customer's newest `all` record on the channel is a withdrawal (they replied STOP). */
export async function hasOptedOut(db: Db, customerId: string, channel: Channel): Promise<boolean> {
  const row = await currentConsent(db, customerId, channel, 'all');
  return row?.granted === false;
}

export function listConsents(db: Db, customerId: string): Promise<Consent[]> {
  return db.selectFrom('consents').selectAll().where('customer_id', '=', customerId).orderBy('created_at').orderBy('id').execute();
}
