import { sql, type SelectQueryBuilder } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { InteractionStatus } from '@cc/core/routing';
import type { Db } from '../database';
import type { Database } from '../schema';
import type { Customer } from '../tables/customers';
import type { Queue } from '../tables/queues';
import type { User } from '../tables/users';
import type { Interaction } from '../tables/interactions';
import { columnsOf } from '../tables/columns';
import { involvesAgent } from './interaction-visibility';

/**
 * `newest_first`: by arrival, newest first (the API's default).
 * `longest_waiting_first`: contacts still waiting (queued or offered) first, the longest wait at
 * the top — what a supervisor acts on — then the rest, oldest first.
 */
export type InteractionOrder = 'newest_first' | 'longest_waiting_first';

export interface InteractionListFilter {
  statuses?: readonly InteractionStatus[];
  queueId?: string;
  channel?: Channel;
  /** Only interactions this agent holds, was offered or transferred. */
  involvingAgentId?: string;
}

export function listInteractions(
  db: Db,
  filter: InteractionListFilter,
  page: { order: InteractionOrder; limit: number; offset: number },
): Promise<Interaction[]> {
  return filtered(db.selectFrom('interactions').selectAll(), filter, page).execute();
}

// Columns are qualified: listInteractionsWithParties joins tables that share their names.
function filtered<Q extends SelectQueryBuilder<Database, 'interactions', object>>(q: Q, filter: InteractionListFilter, page: { order: InteractionOrder; limit: number; offset: number }): Q {
  let r = q as SelectQueryBuilder<Database, 'interactions', object>;
  if (filter.statuses?.length) r = r.where('interactions.status', 'in', filter.statuses);
  if (filter.queueId) r = r.where('interactions.queue_id', '=', filter.queueId);
  if (filter.channel) r = r.where('interactions.channel', '=', filter.channel);
  const agentId = filter.involvingAgentId;
  if (agentId) r = r.where((eb) => involvesAgent(eb, agentId));
  r =
    page.order === 'longest_waiting_first'
      ? r.orderBy(sql`interactions.status in ('queued', 'offered')`, 'desc').orderBy('interactions.enqueued_at', 'asc')
      : r.orderBy('interactions.enqueued_at', 'desc');
  return r.orderBy('interactions.id').limit(page.limit).offset(page.offset) as Q;
}

type AgentSummary = Pick<User, 'id' | 'email' | 'name' | 'role' | 'time_zone' | 'disabled_at' | 'created_at'>;

/** A row of the interaction list with its customer, queue and assigned agent, read in one statement. */
export type InteractionListItem = Interaction & { customer: Customer; queue: Queue; assigned_agent: AgentSummary | null };

// Each table's whole row (columnsOf): a joined row must be a whole row for the loaders it primes.
const joined = {
  customer: { table: 'customers', columns: columnsOf<Customer>({ id: true, display_name: true, tags: true, language: true, country: true, time_zone: true, fields: true, created_at: true, updated_at: true }) },
  queue: {
    table: 'queues',
    columns: columnsOf<Queue>({
      id: true, name: true, channels: true, required_skills: true, priority: true, sla_target_seconds: true, offer_timeout_seconds: true,
      overflow_queue_id: true, overflow_after_seconds: true, business_hours: true, timezone: true, closed_auto_reply: true, whatsapp_ref: true, created_at: true,
    }),
  },
  // Not the password hash nor token version: the list needs the agent as the console shows one.
  assigned_agent: { table: 'users', columns: columnsOf<AgentSummary>({ id: true, email: true, name: true, role: true, time_zone: true, disabled_at: true, created_at: true }) },
} as const;

/**
 * The same page as listInteractions, each interaction with its customer, queue and assigned agent
 * joined in (one statement, where loading them per interaction or per batch would take three more).
 */
export async function listInteractionsWithParties(
  db: Db,
  filter: InteractionListFilter,
  page: { order: InteractionOrder; limit: number; offset: number },
): Promise<InteractionListItem[]> {
  const rows = await filtered(
    db
      .selectFrom('interactions')
      .innerJoin('customers', 'customers.id', 'interactions.customer_id')
      .innerJoin('queues', 'queues.id', 'interactions.queue_id')
      .leftJoin('users', 'users.id', 'interactions.assigned_agent_id')
      .selectAll('interactions')
      .select(joinedSelections),
    filter,
    page,
  ).execute();
  return rows.map((row) => {
    const item: Record<string, unknown> = {};
    const parts: Record<PartName, Record<string, unknown>> = { customer: {}, queue: {}, assigned_agent: {} };
    const values = row as Record<string, unknown>;
    for (const name in values) {
      const to = joinedAliases.get(name);
      if (to) parts[to.part][to.column] = values[name];
      else item[name] = values[name];
    }
    item.customer = parts.customer;
    item.queue = parts.queue;
    item.assigned_agent = parts.assigned_agent.id == null ? null : parts.assigned_agent;
    return item as InteractionListItem;
  });
}

type PartName = keyof typeof joined;
// Each joined column comes back as `part__column`; where each goes is worked out once, not per row
// (splitting every name of every row was a sixth of the list's CPU).
const joinedColumns = (Object.entries(joined) as [PartName, (typeof joined)[PartName]][]).flatMap(([part, { table, columns }]) =>
  columns.map((column) => ({ part, column, table, alias: `${part}__${column}` })),
);
const joinedSelections = joinedColumns.map(({ table, column, alias }) => sql.ref(`${table}.${column}`).as(alias));
const joinedAliases = new Map(joinedColumns.map((c) => [c.alias, c]));
