import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../schema';
import type { Db } from '../database';

/**
 * Whether an agent took part in an interaction they do not hold: it was offered to them (they may
 * see what they were asked to take), or they handed it on (it was transferred from one of theirs).
 */
export async function agentWasInvolved(
  db: Db,
  interaction: { id: string; transferred_from_id: string | null },
  agentId: string,
): Promise<boolean> {
  const offered = await db
    .selectFrom('offers')
    .select('id')
    .where('interaction_id', '=', interaction.id)
    .where('agent_id', '=', agentId)
    .limit(1)
    .executeTakeFirst();
  if (offered) return true;
  if (!interaction.transferred_from_id) return false;
  const from = await db
    .selectFrom('interactions')
    .select('assigned_agent_id')
    .where('id', '=', interaction.transferred_from_id)
    .executeTakeFirst();
  return from?.assigned_agent_id === agentId;
}

/** The same rule as `agentWasInvolved`, as a filter on `interactions` queries (the agent holds it too). */
export function involvesAgent(eb: ExpressionBuilder<Database, 'interactions'>, agentId: string) {
  return eb.or([
    eb('interactions.assigned_agent_id', '=', agentId),
    eb(
      'interactions.id',
      'in',
      eb
        .selectFrom('offers')
        .select('offers.interaction_id')
        .where('offers.agent_id', '=', agentId),
    ),
    eb(
      'interactions.transferred_from_id',
      'in',
      eb.selectFrom('interactions as f').select('f.id').where('f.assigned_agent_id', '=', agentId),
    ),
  ]);
}

/**
 * The ids of the interactions an agent took part in (the rule of `involvesAgent`) as one set: three
 * index lookups (held, offered, handed on) instead of testing every interaction, for searches that
 * ask which rows belong to one of them (the archive).
 */
export function interactionsInvolvingAgent(db: Db, agentId: string) {
  return db
    .selectFrom('interactions')
    .select('interactions.id')
    .where('interactions.assigned_agent_id', '=', agentId)
    .union(db.selectFrom('offers').select('offers.interaction_id as id').where('offers.agent_id', '=', agentId))
    .union(
      db
        .selectFrom('interactions as t')
        .innerJoin('interactions as f', 'f.id', 't.transferred_from_id')
        .select('t.id')
        .where('f.assigned_agent_id', '=', agentId),
    );
}

/** How many interactions an agent took part in, counted up to `limit + 1` (enough to tell few from many). */
export async function countInteractionsInvolvingAgent(db: Db, agentId: string, limit: number): Promise<number> {
  const row = await db
    .selectFrom(interactionsInvolvingAgent(db, agentId).limit(limit + 1).as('i'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * How much of each customer an agent may see, for many customers in one statement (lists):
 * `current` while they hold (assigned or wrapping up) or are being offered one of the customer's
 * interactions — the whole history, as the contact needs; `past` when they only took part in some
 * earlier interaction — those interactions only; customers left out of the map: `none`.
 */
export async function agentCustomerAccesses(db: Db, customerIds: readonly string[], agentId: string): Promise<Map<string, 'current' | 'past'>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('interactions')
    .select('interactions.customer_id')
    .select((eb) =>
      eb.fn
        .agg<boolean>('bool_or', [
          eb.or([
            eb.and([eb('interactions.assigned_agent_id', '=', agentId), eb('interactions.status', 'in', ['assigned', 'wrap_up'])]),
            eb.and([
              eb('interactions.status', '=', 'offered'),
              eb.exists(
                eb
                  .selectFrom('offers as o')
                  .select('o.id')
                  .whereRef('o.interaction_id', '=', 'interactions.id')
                  .where('o.agent_id', '=', agentId)
                  .where('o.outcome', 'is', null),
              ),
            ]),
          ]),
        ])
        .as('current'),
    )
    .where('interactions.customer_id', 'in', [...customerIds])
    // Holding or being offered one implies taking part in it: every customer with access has a row.
    .where((eb) => involvesAgent(eb, agentId))
    .groupBy('interactions.customer_id')
    .execute();
  return new Map(rows.map((r) => [r.customer_id, r.current ? 'current' : 'past']));
}

/** The interaction's customer, for checks that start from an interaction id. */
export async function interactionForVisibility(db: Db, interactionId: string) {
  return db
    .selectFrom('interactions')
    .select(['id', 'customer_id', 'assigned_agent_id', 'transferred_from_id'])
    .where('id', '=', interactionId)
    .executeTakeFirst();
}
