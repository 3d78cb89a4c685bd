import type { CountryCode } from 'libphonenumber-js';
import { normalizeIdentity, phoneLikeKinds, type IdentityKind } from '@cc/core/identity';
import type { Db } from '../database';
import type { Customer } from '../tables/customers';
import type { CustomerIdentity } from '../tables/customer-identities';

export interface ResolvedCustomer {
  customer: Customer;
  identity: CustomerIdentity;
  created: boolean;
}

/**
 * Finds the customer behind an identity, creating both when unknown. The value is normalized first
 * (invalid input throws before anything is written). A new WhatsApp identity joins the customer
 * that already has the same number as a phone identity, and vice versa: the caller and the WhatsApp
 * user are one person. Safe under concurrency: a racing insert of the same identity is re-read.
 */
export async function resolveCustomerByIdentity(
  db: Db,
  kind: IdentityKind,
  rawValue: string,
  opts: { label?: string | null; region?: CountryCode } = {},
): Promise<ResolvedCustomer> {
  const value = normalizeIdentity(kind, rawValue, opts.region);
  return db.transaction().execute(async (trx) => {
    const existing = await findIdentity(trx, kind, value);
    if (existing) {
      const customer = await trx.selectFrom('customers').selectAll().where('id', '=', existing.customer_id).executeTakeFirstOrThrow();
      return { customer, identity: existing, created: false };
    }
    const sibling = phoneLikeKinds.includes(kind)
      ? await trx
          .selectFrom('customer_identities')
          .selectAll()
          .where('kind', 'in', phoneLikeKinds.filter((k) => k !== kind))
          .where('value', '=', value)
          .executeTakeFirst()
      : undefined;
    const customer = sibling
      ? await trx.selectFrom('customers').selectAll().where('id', '=', sibling.customer_id).executeTakeFirstOrThrow()
      : await trx.insertInto('customers').values({ display_name: opts.label ?? null }).returningAll().executeTakeFirstOrThrow();
    const identity = await trx
      .insertInto('customer_identities')
      .values({ customer_id: customer.id, kind, value, label: opts.label ?? null })
      .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (identity) return { customer, identity, created: !sibling };
    // Lost a race with another transaction that inserted the same identity: undo our customer row.
    throw new IdentityRaceError();
  }).catch(async (e: unknown) => {
    if (!(e instanceof IdentityRaceError)) throw e;
    const identity = await findIdentity(db, kind, value);
    if (!identity) throw new Error('identity vanished after a concurrent insert');
    const customer = await db.selectFrom('customers').selectAll().where('id', '=', identity.customer_id).executeTakeFirstOrThrow();
    return { customer, identity, created: false };
  });
}

class IdentityRaceError extends Error {}

/** `db` may be a transaction: Kysely's Transaction is a Kysely. */
function findIdentity(db: Db, kind: IdentityKind, value: string) {
  return db.selectFrom('customer_identities').selectAll().where('kind', '=', kind).where('value', '=', value).executeTakeFirst();
}

export function getCustomer(db: Db, id: string): Promise<Customer | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listIdentities(db: Db, customerIds: readonly string[]): Promise<CustomerIdentity[]> {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customer_identities')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('created_at')
    .execute();
}
