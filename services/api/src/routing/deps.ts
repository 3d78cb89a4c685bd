import type { Client } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import type { MatchPolicy } from '@cc/db/repositories/matching';
import type { RoutingNotifier } from '@cc/workflows/routing-dispatch';
import type { RoutingSettingsEvents } from './events';
import type { WorkflowStartRelay } from './workflow-starts';

/** What routing use cases are given (built once in system.ts). */
export interface RoutingDeps {
  db: Db;
  temporal: Client;
  notify: RoutingNotifier;
  /** Supervisors' changes to agents and queues, announced to their watchers. */
  settingsEvents: RoutingSettingsEvents;
  /** Relays the workflow starts the use cases owe (outbox) to Temporal. */
  relay: WorkflowStartRelay;
  clock: () => Date;
  wrapUpSeconds: number;
  /** ROUTING_PASSED_OVER_SECONDS; the repository's default when left out. */
  matchPolicy?: MatchPolicy;
}
