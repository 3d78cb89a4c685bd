import type { Db } from '../database';
import type { ApiKey } from '../tables/api-keys';

export function insertApiKey(
  db: Db,
  key: { name: string; prefix: string; secretHash: string; scopes: readonly string[]; createdBy: string | null },
): Promise<ApiKey> {
  return db
    .insertInto('api_keys')
    .values({
      name: key.name,
      prefix: key.prefix,
      secret_hash: key.secretHash,
      scopes: [...key.scopes],
      created_by: key.createdBy,
      last_used_at: null,
      revoked_at: null,
      revoked_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The live (not revoked) key with this prefix. */
export function findActiveApiKey(db: Db, prefix: string): Promise<ApiKey | undefined> {
  return db.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function touchApiKey(db: Db, id: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

/** Every key, newest first, revoked ones included (the admin's list). */
export function listApiKeys(db: Db): Promise<ApiKey[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

export function getApiKey(db: Db, id: string): Promise<ApiKey | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Revokes a live key; undefined when it does not exist or was already revoked. */
export function revokeApiKey(db: Db, id: string, revokedBy: string | null, at: Date): Promise<ApiKey | undefined> {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: at, revoked_by: revokedBy })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
