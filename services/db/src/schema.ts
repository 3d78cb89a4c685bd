import type { ApiKeysTable } from './tables/api-keys';
import type { AuditEventsTable } from './tables/audit-events';
import type { CustomerIdentitiesTable } from './tables/customer-identities';
import type { CustomersTable } from './tables/customers';
import type { UsersTable } from './tables/users';

/** Registration index of every table the application reads and writes. */
export interface Database {
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
}
