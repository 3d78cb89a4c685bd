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
