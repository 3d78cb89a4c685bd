import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // An email address whose mail failed sender authentication is kept as its own unverified identity
  // (its own customer) beside the verified one: a forged From must not file mail into that customer.
  // Existing identities were accepted before this check existed and stay as they were (verified).
  await db.schema.alterTable('customer_identities').addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(true)).execute();
  await db.schema.alterTable('customer_identities').dropConstraint('customer_identities_kind_value_key').execute();
  await db.schema.alterTable('customer_identities').addUniqueConstraint('customer_identities_kind_value_verified_key', ['kind', 'value', 'verified']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from customer_identities where not verified`.execute(db);
  await db.schema.alterTable('customer_identities').dropConstraint('customer_identities_kind_value_verified_key').execute();
  await db.schema.alterTable('customer_identities').addUniqueConstraint('customer_identities_kind_value_key', ['kind', 'value']).execute();
  await db.schema.alterTable('customer_identities').dropColumn('verified').execute();
}
