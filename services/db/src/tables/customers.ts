import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface CustomersTable {
  id: Generated<string>;
  display_name: string | null;
  /** Free labels for segments (e.g. `vip`), lower case. */
  tags: Generated<string[]>;
  /** ISO 639-1, lower case (`es`). */
  language: string | null;
  /** ISO 3166-1 alpha-2, upper case (`ES`). */
  country: string | null;
  /** Canonical IANA name (`Europe/Madrid`): quiet hours are the customer's own. */
  time_zone: string | null;
  /** Custom fields set by integrators (template variables map from them). */
  fields: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
