import type { Generated, Selectable } from 'kysely';
import type { IdentityKind } from '@cc/core/identity';

/** One way to reach a customer; `(kind, value)` is unique, `value` is normalized (E.164, lower-case email). */
export interface CustomerIdentitiesTable {
  id: Generated<string>;
  customer_id: string;
  kind: IdentityKind;
  value: string;
  /** What the channel showed (e.g. WhatsApp ProfileName), for display only. */
  label: string | null;
  created_at: Generated<Date>;
}

export type CustomerIdentity = Selectable<CustomerIdentitiesTable>;
