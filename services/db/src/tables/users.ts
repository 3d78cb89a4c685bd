import type { Generated, Selectable } from 'kysely';
import type { Role } from '@cc/core/roles';

export interface UsersTable {
  id: Generated<string>;
  /** Stored lower-case; unique. */
  email: string;
  name: string;
  role: Role;
  /** argon2id PHC string. */
  password_hash: string;
  created_at: Generated<Date>;
  disabled_at: Date | null;
  /** Session tokens signed at an older version are refused (logout, password change, disable, role change). */
  token_version: Generated<number>;
  /** IANA zone the console formats dates in; null: the browser's. */
  time_zone: string | null;
}

export type User = Selectable<UsersTable>;
