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
 * How much of one customer an agent may see: `current` while they hold (assigned or wrapping up)
 * or are being offered one of the customer's interactions — the whole history, as the contact
 * needs; `past` when they only took part in some earlier interaction — those interactions only;
 * `none` otherwise.
 */
export async function agentCustomerAccess(
  db: Db,
  customerId: string,
  agentId: string,
): Promise<'current' | 'past' | 'none'> {
  const current = await db
    .selectFrom('interactions as i')
    .select('i.id')
    .where('i.customer_id', '=', customerId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('i.assigned_agent_id', '=', agentId),
          eb('i.status', 'in', ['assigned', 'wrap_up']),
        ]),
        eb.and([
          eb('i.status', '=', 'offered'),
          eb.exists(
            eb
              .selectFrom('offers as o')
              .select('o.id')
              .whereRef('o.interaction_id', '=', 'i.id')
              .where('o.agent_id', '=', agentId)
              .where('o.outcome', 'is', null),
          ),
        ]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (current) return 'current';
  const past = await db
    .selectFrom('interactions')
    .select('id')
    .where('customer_id', '=', customerId)
    .where((eb) => involvesAgent(eb, agentId))
    .limit(1)
    .executeTakeFirst();
  return past ? 'past' : 'none';
}

/** The interaction's customer, for checks that start from an interaction id. */
export async function interactionForVisibility(db: Db, interactionId: string) {
  return db
    .selectFrom('interactions')
    .select(['id', 'customer_id', 'assigned_agent_id', 'transferred_from_id'])
    .where('id', '=', interactionId)
    .executeTakeFirst();
}
