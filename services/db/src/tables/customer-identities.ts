import type { Generated, Selectable } from 'kysely';
import type { IdentityKind } from '@cc/core/identity';

/** One way to reach a customer; `(kind, value, verified)` is unique, `value` is normalized (E.164, lower-case email). */
export interface CustomerIdentitiesTable {
  id: Generated<string>;
  customer_id: string;
  kind: IdentityKind;
  value: string;
  /** What the channel showed (e.g. WhatsApp ProfileName), for display only. */
  label: string | null;
  /**
   * False for an email address known only from mail that failed sender authentication: kept apart
   * (its own customer) from the verified identity of the same address, which `(kind, value, verified)` allows.
   */
  verified: Generated<boolean>;
  created_at: Generated<Date>;
}

export type CustomerIdentity = Selectable<CustomerIdentitiesTable>;
