import { sql } from 'kysely';
import type { Db } from '../database';
import type { Customer } from '../tables/customers';

/** Attributes to change; a property left out keeps its value, null clears it. */
export interface CustomerAttributeChanges {
  tags?: string[];
  language?: string | null;
  country?: string | null;
  timeZone?: string | null;
  /** Merged into the custom fields: a key set to null is removed. */
  fields?: Record<string, unknown>;
}

export function setCustomerAttributes(db: Db, customerId: string, changes: CustomerAttributeChanges, now: Date): Promise<Customer | undefined> {
  const { fields } = changes;
  return db
    .updateTable('customers')
    .set({
      ...(changes.tags !== undefined && { tags: changes.tags }),
      ...(changes.language !== undefined && { language: changes.language }),
      ...(changes.country !== undefined && { country: changes.country }),
      ...(changes.timeZone !== undefined && { time_zone: changes.timeZone }),
      ...(fields !== undefined && {
        // jsonb_strip_nulls on the merge: a key given as null is deleted, the others replaced or added.
        fields: sql<string>`jsonb_strip_nulls(fields || ${JSON.stringify(fields)}::jsonb)`,
      }),
      updated_at: now,
    })
    .where('id', '=', customerId)
    .returningAll()
    .executeTakeFirst();
}
