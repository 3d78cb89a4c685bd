import type { Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // Session tokens carry the version they were signed at; bumping it (logout, password change,
  // disable, role change) makes every older token of that user stale at once.
  await db.schema.alterTable('users').addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Who revoked an integrator key (revoked_at already exists).
  await db.schema.alterTable('api_keys').addColumn('revoked_by', 'uuid', (c) => c.references('users.id').onDelete('set null')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('revoked_by').execute();
  await db.schema.alterTable('users').dropColumn('token_version').execute();
}
