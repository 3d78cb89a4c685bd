import type { Generated, Selectable } from 'kysely';

/** Integrator credentials. Only a SHA-256 of the secret is kept; the token is shown once. */
export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  /** Public part of the token, used to find the row. */
  prefix: string;
  secret_hash: string;
  scopes: string[];
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export type ApiKey = Selectable<ApiKeysTable>;
