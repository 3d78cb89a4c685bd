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
          .where('verified', '=', true)
          .executeTakeFirst()
      : undefined;
    const customer = sibling
      ? await trx.selectFrom('customers').selectAll().where('id', '=', sibling.customer_id).executeTakeFirstOrThrow()
      : await trx.insertInto('customers').values({ display_name: opts.label ?? null }).returningAll().executeTakeFirstOrThrow();
    const identity = await trx
      .insertInto('customer_identities')
      .values({ customer_id: customer.id, kind, value, label: opts.label ?? null })
      .onConflict((oc) => oc.columns(['kind', 'value', 'verified']).doNothing())
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
function findIdentity(db: Db, kind: IdentityKind, value: string, verified = true) {
  return db.selectFrom('customer_identities').selectAll().where('kind', '=', kind).where('value', '=', value).where('verified', '=', verified).executeTakeFirst();
}

/**
 * The customer behind the sender of an inbound email, given whether the mail passed sender
 * authentication. Verified mail resolves like any identity (an unverified identity of the address
 * is promoted: the address has now proved itself). Unverified mail joins the verified identity's
 * customer only when that customer is known by email alone; a customer also known by phone,
 * WhatsApp or web chat is never reached by a forged From: such mail goes to a separate customer
 * holding the address as an unverified identity.
 */
export async function resolveEmailSender(
  db: Db,
  rawAddress: string,
  opts: { verified: boolean; label?: string | null },
): Promise<ResolvedCustomer & { keptApartFrom: string | null }> {
  const value = normalizeIdentity('email', rawAddress);
  if (opts.verified) {
    if (!(await findIdentity(db, 'email', value))) {
      const promoted = await db
        .updateTable('customer_identities')
        .set({ verified: true })
        .where('kind', '=', 'email')
        .where('value', '=', value)
        .where('verified', '=', false)
        .returningAll()
        .executeTakeFirst()
        .catch(() => undefined); // a verified one appeared meanwhile (unique violation): use it
      if (promoted) return { customer: await customerOf(db, promoted), identity: promoted, created: false, keptApartFrom: null };
    }
    return { ...(await resolveCustomerByIdentity(db, 'email', value, { label: opts.label ?? null })), keptApartFrom: null };
  }
  const verified = await findIdentity(db, 'email', value);
  if (verified) {
    const other = await db.selectFrom('customer_identities').select('id').where('customer_id', '=', verified.customer_id).where('kind', '!=', 'email').executeTakeFirst();
    if (!other) return { customer: await customerOf(db, verified), identity: verified, created: false, keptApartFrom: null };
  }
  const keptApartFrom = verified?.customer_id ?? null;
  const existing = await findIdentity(db, 'email', value, false);
  if (existing) return { customer: await customerOf(db, existing), identity: existing, created: false, keptApartFrom };
  const inserted = await db.transaction().execute(async (trx) => {
    const customer = await trx.insertInto('customers').values({ display_name: opts.label ?? null }).returningAll().executeTakeFirstOrThrow();
    const identity = await trx
      .insertInto('customer_identities')
      .values({ customer_id: customer.id, kind: 'email', value, label: opts.label ?? null, verified: false })
      .onConflict((oc) => oc.columns(['kind', 'value', 'verified']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!identity) throw new IdentityRaceError(); // rolls our customer back
    return { customer, identity };
  }).catch(async (e: unknown) => {
    if (!(e instanceof IdentityRaceError)) throw e;
    return null;
  });
  if (inserted) return { ...inserted, created: true, keptApartFrom };
  const raced = await findIdentity(db, 'email', value, false);
  if (!raced) throw new Error('identity vanished after a concurrent insert');
  return { customer: await customerOf(db, raced), identity: raced, created: false, keptApartFrom };
}

function customerOf(db: Db, identity: CustomerIdentity): Promise<Customer> {
  return db.selectFrom('customers').selectAll().where('id', '=', identity.customer_id).executeTakeFirstOrThrow();
}

export function getCustomer(db: Db, id: string): Promise<Customer | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Customers by id, in no particular order; unknown ids are left out. */
export function getCustomers(db: Db, ids: readonly string[]): Promise<Customer[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
}

/** The number to reach a customer on WhatsApp: their WhatsApp identity, else their oldest phone number. */
export async function preferredWhatsAppNumber(db: Db, customerId: string): Promise<string | undefined> {
  const identity = await db
    .selectFrom('customer_identities')
    .select('value')
    .where('customer_id', '=', customerId)
    .where('kind', 'in', ['whatsapp', 'phone'])
    .orderBy((eb) => eb.case().when('kind', '=', 'whatsapp').then(0).else(1).end())
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return identity?.value;
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
