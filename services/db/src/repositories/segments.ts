import { sql, type Expression, type SqlBool } from 'kysely';
import { phoneLikeKinds } from '@cc/core/identity';
import { defaultSegmentConsent, type SegmentFilter, type SegmentPage, type SegmentRecipient } from '@cc/core/segment-filter';
import type { Db } from '../database';
import type { Segment } from '../tables/segments';
import { currentConsentQuery } from './consents';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The customers `filter` selects, as one query over `customers` (GIN on tags and fields, the
 * consents by customer and channel, interactions by customer and time). Consent is always required: the newest
 * record on the channel for the purpose or for `all` is a grant — the same rule as a push's consent
 * check (currentConsentQuery), so the two never disagree. Two shapes of the same rule: a page walks
 * customers in id order and checks each one (correlated, stops at the page's end); a count judges
 * every customer at once (the newest record per customer in one pass, hash joins), several times
 * cheaper over the whole table.
 */
function selectedCustomers(db: Db, filter: SegmentFilter, now: Date, shape: 'page' | 'count') {
  const consent = filter.consent ?? defaultSegmentConsent;
  let q = db.selectFrom('customers as c');
  q =
    shape === 'page'
      ? q.where((eb) => eb(currentConsentQuery(db, eb.ref('c.id'), consent.channel, consent.purpose).select('granted'), '=', true))
      : q.where('c.id', 'in', (eb) =>
          eb
            .selectFrom(
              db
                .selectFrom('consents')
                .distinctOn('customer_id')
                .select(['customer_id', 'granted'])
                .where('channel', '=', consent.channel)
                .where('purpose', 'in', [consent.purpose, 'all'])
                .orderBy('customer_id')
                .orderBy('created_at', 'desc')
                .orderBy('id', 'desc')
                .as('newest'),
            )
            .select('newest.customer_id')
            .where('newest.granted', '=', true),
        );
  if (filter.tagsAny?.length) q = q.where(sql<SqlBool>`c.tags && ${sql.val(filter.tagsAny)}::text[]`);
  if (filter.tagsAll?.length) q = q.where(sql<SqlBool>`c.tags @> ${sql.val(filter.tagsAll)}::text[]`);
  if (filter.languages?.length) q = q.where('c.language', 'in', filter.languages);
  if (filter.countries?.length) q = q.where('c.country', 'in', filter.countries);
  if (filter.timeZones?.length) q = q.where('c.time_zone', 'in', filter.timeZones);
  if (filter.fieldEquals?.length) {
    const wanted = Object.fromEntries(filter.fieldEquals.map((f) => [f.key, f.equals]));
    q = q.where(sql<SqlBool>`c.fields @> ${JSON.stringify(wanted)}::jsonb`);
  }
  const interactionsOf = (eb: { ref: (r: 'c.id') => Expression<string> }) =>
    db.selectFrom('interactions as i').select(sql`1`.as('one')).where('i.customer_id', '=', eb.ref('c.id'));
  if (filter.lastContactAfter) {
    const after = new Date(filter.lastContactAfter);
    q = q.where((eb) => eb.exists(interactionsOf(eb).where('i.created_at', '>', after)));
  }
  if (filter.lastContactBefore) {
    // Last contact before X: nothing at or after X (never contacted counts).
    const before = new Date(filter.lastContactBefore);
    q = q.where((eb) => eb.not(eb.exists(interactionsOf(eb).where('i.created_at', '>=', before))));
  }
  if (filter.channelActivity) {
    const { channel, withinDays, had } = filter.channelActivity;
    const since = new Date(now.getTime() - withinDays * dayMs);
    q = q.where((eb) => {
      const active = eb.exists(interactionsOf(eb).where('i.channel', '=', channel).where('i.created_at', '>=', since));
      return had ? active : eb.not(active);
    });
  }
  return q;
}

/** A page of the customers `filter` selects, in customer id order after `page.afterCustomerId` (see segment-contract.ts). */
export async function listSegmentRecipients(db: Db, filter: SegmentFilter, page: SegmentPage): Promise<SegmentRecipient[]> {
  let q = selectedCustomers(db, filter, page.now, 'page')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('customer_identities')
          .select('value as phone')
          .whereRef('customer_id', '=', 'c.id')
          .where('kind', 'in', phoneLikeKinds)
          // WhatsApp first, then the oldest phone: preferredWhatsAppNumber's order.
          .orderBy((o) => o.case().when('kind', '=', 'whatsapp').then(0).else(1).end())
          .orderBy('created_at')
          .limit(1)
          .as('p'),
      (join) => join.onTrue(),
    )
    .select(['c.id', 'p.phone', 'c.display_name', 'c.language', 'c.time_zone', 'c.country', 'c.tags', 'c.fields'])
    .orderBy('c.id')
    .limit(page.limit);
  if (page.afterCustomerId) q = q.where('c.id', '>', page.afterCustomerId);
  const rows = await q.execute();
  return rows.map((r) => ({
    customerId: r.id,
    phoneE164: r.phone,
    displayName: r.display_name,
    language: r.language,
    timeZone: r.time_zone,
    country: r.country,
    tags: r.tags,
    fields: r.fields,
  }));
}

/** How many customers `filter` selects now (the live preview). */
export async function countSegmentRecipients(db: Db, filter: SegmentFilter, options: { now: Date }): Promise<number> {
  const row = await selectedCustomers(db, filter, options.now, 'count')
    .where((eb) => eb.exists(eb.selectFrom('customer_identities as i').select(sql`1`.as('one')).whereRef('i.customer_id', '=', 'c.id').where('i.kind', 'in', phoneLikeKinds)))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Saved segments.

export interface SegmentValues {
  name: string;
  description: string | null;
  filter: SegmentFilter;
}

export function listSegments(db: Db): Promise<Segment[]> {
  return db.selectFrom('segments').selectAll().orderBy(sql`lower(name)`).orderBy('id').execute();
}

export function getSegment(db: Db, id: string): Promise<Segment | undefined> {
  return db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The segment named `name` in any case, other than `exceptId` (names are unique regardless of case). */
export function findSegmentByName(db: Db, name: string, exceptId: string | null = null): Promise<Pick<Segment, 'id'> | undefined> {
  let q = db.selectFrom('segments').select('id').where(sql<SqlBool>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export function insertSegment(db: Db, values: SegmentValues, userId: string | null, now: Date): Promise<Segment> {
  return db
    .insertInto('segments')
    .values({
      name: values.name,
      description: values.description,
      filter: JSON.stringify(values.filter),
      created_by_user_id: userId,
      updated_by_user_id: userId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateSegment(db: Db, id: string, values: SegmentValues, userId: string | null, now: Date): Promise<Segment | undefined> {
  return db
    .updateTable('segments')
    .set({ name: values.name, description: values.description, filter: JSON.stringify(values.filter), updated_by_user_id: userId, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteSegment(db: Db, id: string): Promise<Segment | undefined> {
  return db.deleteFrom('segments').where('id', '=', id).returningAll().executeTakeFirst();
}
