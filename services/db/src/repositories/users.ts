import { sql } from 'kysely';
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

export function getUser(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
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

/**
 * Creates `user` only while the installation has no user at all (the first administrator of a
 * fresh database); null otherwise. Two processes starting at once create one.
 */
export function createFirstUser(
  db: Db,
  user: { email: string; name: string; role: Role; passwordHash: string },
): Promise<User | null> {
  return db.transaction().execute(async (trx) => {
    // Serializes concurrent starts: NOT EXISTS alone would let two processes each add their admin.
    await sql`select pg_advisory_xact_lock(hashtext('cc:first-user'))`.execute(trx);
    if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null;
    return trx
      .insertInto('users')
      .values({ email: user.email.trim().toLowerCase(), name: user.name, role: user.role, password_hash: user.passwordHash, disabled_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Stores the user's time zone (an IANA name the caller has validated); undefined for an unknown user. */
export function setUserTimeZone(db: Db, userId: string, timeZone: string): Promise<User | undefined> {
  return db.updateTable('users').set({ time_zone: timeZone }).where('id', '=', userId).returningAll().executeTakeFirst();
}

/** What each authenticated request checks against its session token: current role, version, disabled. */
export function getUserSessionState(db: Db, userId: string): Promise<Pick<User, 'id' | 'role' | 'token_version' | 'disabled_at'> | undefined> {
  return db.selectFrom('users').select(['id', 'role', 'token_version', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
}

/** Ends every session of the user (tokens signed at an older version are refused); undefined for an unknown user. */
export function bumpTokenVersion(db: Db, userId: string): Promise<User | undefined> {
  return db
    .updateTable('users')
    .set((eb) => ({ token_version: eb('token_version', '+', 1) }))
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/** Disables (a date) or re-enables (null) the user; either way their sessions end. */
export function setUserDisabled(db: Db, userId: string, disabledAt: Date | null): Promise<User | undefined> {
  return db
    .updateTable('users')
    .set((eb) => ({ disabled_at: disabledAt, token_version: eb('token_version', '+', 1) }))
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/** Replaces the password (`passwordHash` already argon2id) and ends every session of the user. */
export function setUserPassword(db: Db, userId: string, passwordHash: string): Promise<User | undefined> {
  return db
    .updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, token_version: eb('token_version', '+', 1) }))
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/** Changes the user's role; sessions carry no role, so it applies to their next request. */
export function setUserRole(db: Db, userId: string, role: Role): Promise<User | undefined> {
  return db.updateTable('users').set({ role }).where('id', '=', userId).returningAll().executeTakeFirst();
}

/** Inserts a user unless the email is taken (then undefined); `passwordHash` already argon2id. */
export function createUserUnlessEmailTaken(
  db: Db,
  user: { email: string; name: string; role: Role; passwordHash: string },
): Promise<User | undefined> {
  return db
    .insertInto('users')
    .values({ email: user.email.trim().toLowerCase(), name: user.name, role: user.role, password_hash: user.passwordHash, disabled_at: null })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export interface UserListFilter {
  role?: Role;
  /** true: only disabled accounts; false: only enabled ones. */
  disabled?: boolean;
}

export type UserListRow = User & { last_sign_in_at: Date | null };

/**
 * Users by email, with when each last signed in: the newest `user.login` audit event (read
 * through audit_events_subject_idx, one index probe per user of the page).
 */
export function listUsers(db: Db, filter: UserListFilter, page: { limit: number; offset: number }): Promise<UserListRow[]> {
  let q = db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) =>
      eb
        .selectFrom('audit_events')
        .select((a) => a.fn.max('audit_events.created_at').as('at'))
        .where('audit_events.subject_type', '=', 'user')
        .where('audit_events.subject_id', '=', sql<string>`users.id::text`)
        .where('audit_events.action', '=', 'user.login')
        .as('last_sign_in_at'),
    );
  if (filter.role) q = q.where('users.role', '=', filter.role);
  if (filter.disabled === true) q = q.where('users.disabled_at', 'is not', null);
  if (filter.disabled === false) q = q.where('users.disabled_at', 'is', null);
  return q.orderBy('users.email').orderBy('users.id').limit(page.limit).offset(page.offset).execute() as Promise<UserListRow[]>;
}

/** When the user last signed in (their newest `user.login` audit event); null if never. */
export async function lastSignInAt(db: Db, userId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('audit_events')
    .select((a) => a.fn.max('created_at').as('at'))
    .where('subject_type', '=', 'user')
    .where('subject_id', '=', userId)
    .where('action', '=', 'user.login')
    .executeTakeFirst();
  return row?.at ?? null;
}
