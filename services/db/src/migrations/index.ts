import type { Migration } from 'kysely';
import * as customers from './2026-11-23T0100-customers';
import * as users from './2026-11-23T0110-users';
import * as apiKeys from './2026-11-23T0120-api-keys';
import * as auditEvents from './2026-11-23T0130-audit-events';
import * as queues from './2026-11-23T0200-queues';
import * as agents from './2026-11-23T0210-agents';
import * as interactions from './2026-11-23T0220-interactions';
import * as offers from './2026-11-23T0230-offers';
import * as messages from './2026-11-23T0240-messages';
import * as interactionEvents from './2026-11-23T0250-interaction-events';

/** Every migration, registered explicitly; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-23T0100-customers': customers,
  '2026-11-23T0110-users': users,
  '2026-11-23T0120-api-keys': apiKeys,
  '2026-11-23T0130-audit-events': auditEvents,
  '2026-11-23T0200-queues': queues,
  '2026-11-23T0210-agents': agents,
  '2026-11-23T0220-interactions': interactions,
  '2026-11-23T0230-offers': offers,
  '2026-11-23T0240-messages': messages,
  '2026-11-23T0250-interaction-events': interactionEvents,
};
