import { randomUUID } from 'node:crypto';
import type { Capacity, PresenceStatus, Skills } from '@cc/core/routing';
import type { Db } from '../src/database';
import { createAgent } from '../src/repositories/agents';
import { setPresence } from '../src/repositories/presence';
import { createUser } from '../src/repositories/users';

/** Test helpers for routing: users-as-agents and customers in one call, and a state fingerprint. */

export async function makeCustomer(db: Db): Promise<string> {
  const c = await db.insertInto('customers').values({ display_name: null }).returning('id').executeTakeFirstOrThrow();
  return c.id;
}

export async function makeAgent(
  db: Db,
  opts: { queueIds: string[]; skills?: Skills; capacity?: Capacity; status?: PresenceStatus; at: Date },
): Promise<string> {
  const user = await createUser(db, { email: `agent-${randomUUID()}@test.local`, name: 'Agent', role: 'agent', passwordHash: 'x' });
  await createAgent(db, { userId: user.id, skills: opts.skills ?? {}, capacity: opts.capacity ?? { voice: 1, whatsapp: 3, email: 5, webchat: 3 }, queueIds: opts.queueIds }, opts.at);
  if ((opts.status ?? 'available') !== 'offline') await setPresence(db, { agentId: user.id, status: opts.status ?? 'available', now: opts.at });
  return user.id;
}

/** Everything routing writes, to assert a refusal changed nothing. */
export async function routingState(db: Db): Promise<unknown> {
  return {
    interactions: await db.selectFrom('interactions').selectAll().orderBy('id').execute(),
    offers: await db.selectFrom('offers').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('interaction_events').selectAll().orderBy('id').execute(),
    presence: await db.selectFrom('agent_presence').selectAll().orderBy('agent_id').execute(),
  };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so seeded runs repeat. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
