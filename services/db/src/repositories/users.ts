import type { Role } from '@cc/core/roles';
import type { Db } from '../database';
import type { User } from '../tables/users';

export function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function getUsers(db: Db, ids: readonly string[]): Promise<User[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
}

/** Inserts a user; `passwordHash` must already be an argon2id hash. */
export function createUser(
  db: Db,
  user: { email: string; name: string; role: Role; passwordHash: string },
): Promise<User> {
  return db
    .insertInto('users')
    .values({ email: user.email.trim().toLowerCase(), name: user.name, role: user.role, password_hash: user.passwordHash, disabled_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Creates the user unless one with that email exists; returns it either way. */
export async function ensureUser(
  db: Db,
  user: { email: string; name: string; role: Role; passwordHash: string },
): Promise<{ user: User; created: boolean }> {
  const inserted = await db
    .insertInto('users')
    .values({ email: user.email.trim().toLowerCase(), name: user.name, role: user.role, password_hash: user.passwordHash, disabled_at: null })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { user: inserted, created: true };
  const existing = await findUserByEmail(db, user.email);
  if (!existing) throw new Error(`user ${user.email} vanished`);
  return { user: existing, created: false };
}

/** Stores the user's time zone (an IANA name the caller has validated); undefined for an unknown user. */
export function setUserTimeZone(db: Db, userId: string, timeZone: string): Promise<User | undefined> {
  return db.updateTable('users').set({ time_zone: timeZone }).where('id', '=', userId).returningAll().executeTakeFirst();
}
