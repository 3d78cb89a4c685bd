import type { Generated, Insertable, Selectable } from 'kysely';

export interface CustomersTable {
  id: Generated<string>;
  display_name: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
