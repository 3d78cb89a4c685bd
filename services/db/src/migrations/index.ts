import type { Migration } from 'kysely';
import * as customers from './2026-11-23T0100-customers';
import * as users from './2026-11-23T0110-users';
import * as apiKeys from './2026-11-23T0120-api-keys';
import * as auditEvents from './2026-11-23T0130-audit-events';

/** Every migration, registered explicitly; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-23T0100-customers': customers,
  '2026-11-23T0110-users': users,
  '2026-11-23T0120-api-keys': apiKeys,
  '2026-11-23T0130-audit-events': auditEvents,
};
