import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '@cc/core/channels';
import { compareWaiting, rankEligibleAgents, type Capacity, type InteractionStatus, type Skills } from '@cc/core/routing';
import { createDb, type Db } from '../src/database';
import { capacityViolations, strandedInteractions } from '../src/repositories/agent-load';
import { abandonInteraction, closeInteraction, createInteraction, transferInteraction, wrapUpInteraction } from '../src/repositories/interactions';
import { matchNext, offerToAgent } from '../src/repositories/matching';
import { acceptOffer, declineOffer, expireOffer } from '../src/repositories/offers';
import { setPresence } from '../src/repositories/presence';
import { createQueue } from '../src/repositories/queues';
import type { Queue } from '../src/tables/queues';
import { makeAgent, makeCustomer, seededRandom } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

/*
 * Many concurrent callers doing everything the interaction and agent workflows do, against one
 * database, then the invariants checked from what PostgreSQL holds. Seeded: each worker's choices
 * repeat run to run; only the interleaving varies.
 */

const ctx = useAppDatabase();
const SEED = 20261123;
const INTERACTIONS = 500;
const AGENTS = 50;
const WORKERS = 24;
const PRODUCERS = 4;
const POOL = 20;
const CHAOS_MS = 12_000;

let db: Db;
beforeAll(() => {
  db = createDb(ctx.url, { max: POOL });
});
afterAll(async () => {
  await db?.destroy();
});

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Valid next statuses; replaying each interaction's events must follow these edges. */
const transitions: Record<string, { from: readonly (InteractionStatus | null)[]; to: InteractionStatus }> = {
  enqueued: { from: [null], to: 'queued' },
  offered: { from: ['queued'], to: 'offered' },
  offer_declined: { from: ['offered'], to: 'queued' },
  offer_expired: { from: ['offered'], to: 'queued' },
  offer_cancelled: { from: ['offered'], to: 'queued' },
  assigned: { from: ['offered'], to: 'assigned' },
  abandoned: { from: ['queued', 'offered'], to: 'abandoned' },
  wrap_up: { from: ['assigned'], to: 'wrap_up' },
  closed: { from: ['assigned', 'wrap_up'], to: 'closed' },
  transferred: { from: ['assigned'], to: 'transferred' },
  overflowed: { from: ['queued'], to: 'queued' },
};

interface Setup {
  queues: Queue[];
  agents: { id: string; skills: Skills; capacity: Capacity; queueIds: string[] }[];
}

async function seed(rng: () => number): Promise<Setup> {
  const now = new Date();
  const q = (name: string, channels: Channel[], requiredSkills: Skills, priority = 0) =>
    createQueue(db, { name, channels, requiredSkills, priority, offerTimeoutSeconds: 300 });
  const queues = [
    await q('voice-general', ['voice'], {}),
    await q('voice-billing', ['voice'], { billing: 3 }),
    await q('sales-messaging', ['whatsapp', 'webchat'], { sales: 2 }),
    await q('email-support', ['email'], { support: 1 }),
    await q('vip-digital', ['whatsapp', 'webchat', 'email'], { vip: 4 }, 2),
  ];
  const agents: Setup['agents'] = [];
  for (let k = 0; k < AGENTS; k++) {
    const skills: Skills = {};
    for (const s of ['billing', 'sales', 'support', 'vip']) {
      const level = Math.floor(rng() * 6);
      if (level > 0) skills[s] = level;
    }
    const capacity: Capacity = {
      voice: rng() < 0.7 ? 1 : 0,
      whatsapp: Math.floor(rng() * 5),
      webchat: Math.floor(rng() * 4),
      email: Math.floor(rng() * 6),
    };
    const queueIds = queues.filter(() => rng() < 0.5).map((x) => x.id);
    if (queueIds.length === 0) queueIds.push(pick(rng, queues).id);
    const id = await makeAgent(db, { queueIds, skills, capacity, at: new Date(now.getTime() - k) });
    agents.push({ id, skills, capacity, queueIds });
  }
  return { queues, agents };
}

describe('matching under concurrency', () => {
  it(`keeps every invariant with ${INTERACTIONS} interactions, ${AGENTS} agents and ${WORKERS} concurrent workers`, async () => {
    const started = Date.now();
    const setup = await seed(seededRandom(SEED));
    const customers = await Promise.all(Array.from({ length: 40 }, () => makeCustomer(db)));
    const errors: unknown[] = [];
    const counts = { enqueued: 0, offers: 0, accepted: 0, declined: 0, expired: 0, closed: 0, abandoned: 0, transferred: 0, presence: 0, audits: 0, violations: 0, assignedBySupervisor: 0 };
    let stop = false;

    const guard = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (e) {
        errors.push(e);
      }
    };
    const offered = (r: { ok: boolean }) => {
      if (r.ok) counts.offers++;
    };

    // The enqueue side: what inbound webhooks and interaction workflows do.
    const seeded = Date.now();
    const producer = async (lane: number) => {
      const rng = seededRandom(SEED + 1 + lane);
      for (let k = lane; k < INTERACTIONS; k += PRODUCERS) {
        const queue = pick(rng, setup.queues);
        const r = rng();
        const priority = r < 0.1 ? 3 : r < 0.3 ? 1 : 0;
        await guard(async () => {
          const c = await createInteraction(db, { customerId: pick(rng, customers), queueId: queue.id, channel: pick(rng, queue.channels), priority }, new Date());
          if (!c.ok) throw new Error(c.reason);
          counts.enqueued++;
          offered(await matchNext(db, { interactionId: c.interaction.id }, new Date()));
        });
      }
    };
    const producers = Array.from({ length: PRODUCERS }, (_, lane) => producer(lane));

    // The agents and timers side.
    const worker = async (w: number) => {
      const rng = seededRandom(SEED + 100 + w);
      while (!stop) {
        const roll = rng();
        const now = new Date();
        await guard(async () => {
          if (roll < 0.3) {
            offered(await matchNext(db, { agentId: pick(rng, setup.agents).id }, now));
          } else if (roll < 0.55) {
            const open = await db.selectFrom('offers').select(['id', 'agent_id', 'interaction_id', 'expires_at']).where('outcome', 'is', null).limit(40).execute();
            if (open.length === 0) return;
            const offer = pick(rng, open);
            const d = rng();
            if (d < 0.75) {
              if ((await acceptOffer(db, { offerId: offer.id, agentId: offer.agent_id, now })).ok) counts.accepted++;
              return;
            }
            const r = d < 0.9 ? await declineOffer(db, { offerId: offer.id, agentId: offer.agent_id, now }) : await expireOffer(db, { offerId: offer.id, now: offer.expires_at });
            if (!r.ok) return;
            counts[d < 0.9 ? 'declined' : 'expired']++;
            offered(await matchNext(db, { interactionId: offer.interaction_id }, now));
            offered(await matchNext(db, { agentId: offer.agent_id }, now));
          } else if (roll < 0.8) {
            const held = await db.selectFrom('interactions').select(['id', 'status', 'assigned_agent_id', 'channel']).where('status', 'in', ['assigned', 'wrap_up']).limit(40).execute();
            if (held.length === 0) return;
            const i = pick(rng, held);
            const agentId = i.assigned_agent_id as string;
            const d = rng();
            if (i.status === 'assigned' && d < 0.5) {
              await wrapUpInteraction(db, { interactionId: i.id, agentId, now });
            } else if (i.status === 'assigned' && d < 0.6 && counts.transferred < 40) {
              const targets = setup.queues.filter((q) => q.channels.includes(i.channel));
              const r = await transferInteraction(db, { interactionId: i.id, agentId, to: { queueId: pick(rng, targets).id }, now });
              if (r.ok) {
                counts.transferred++;
                offered(await matchNext(db, { interactionId: r.interaction.id }, now));
              }
            } else if ((await closeInteraction(db, { interactionId: i.id, actor: { type: 'user', id: agentId }, now })).ok) {
              counts.closed++;
            }
            offered(await matchNext(db, { agentId }, now));
          } else if (roll < 0.9) {
            const agent = pick(rng, setup.agents);
            const status = rng() < 0.6 ? 'available' : pick(rng, ['away', 'offline', 'busy'] as const);
            if ((await setPresence(db, { agentId: agent.id, status, now }))?.changed) counts.presence++;
            if (status === 'available') offered(await matchNext(db, { agentId: agent.id }, now));
          } else if (roll < 0.92) {
            // A supervisor offers a waiting interaction to someone (withdrawing an open offer).
            const waiting = await db.selectFrom('interactions').select('id').where('status', 'in', ['queued', 'offered']).limit(40).execute();
            if (waiting.length === 0) return;
            const r = await offerToAgent(db, { interactionId: pick(rng, waiting).id, agentId: pick(rng, setup.agents).id, actor: { type: 'system', id: null }, now });
            if (!r.ok) return;
            counts.assignedBySupervisor++;
            if (r.withdrawn) offered(await matchNext(db, { agentId: r.withdrawn.agent_id }, now));
          } else if (roll < 0.95) {
            if (counts.abandoned >= 30) return;
            const waiting = await db.selectFrom('interactions').select('id').where('status', 'in', ['queued', 'offered']).limit(40).execute();
            if (waiting.length > 0 && (await abandonInteraction(db, { interactionId: pick(rng, waiting).id, now })).ok) counts.abandoned++;
          } else {
            const waiting = await db.selectFrom('interactions').select('id').where('status', '=', 'queued').limit(40).execute();
            if (waiting.length > 0) offered(await matchNext(db, { interactionId: pick(rng, waiting).id }, now));
          }
        });
      }
    };

    // Checks the capacity and single-offer invariants against live snapshots while the others run.
    const auditor = (async () => {
      while (!stop) {
        await guard(async () => {
          counts.audits++;
          counts.violations += (await capacityViolations(db)).length + (await offerStateMismatches(db)).length;
        });
        await sleep(10);
      }
    })();

    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
    await Promise.all(producers);
    const produced = Date.now();
    const chaosUntil = started + CHAOS_MS;
    while (Date.now() < chaosUntil) {
      const live = await db.selectFrom('interactions').select((eb) => eb.fn.countAll<string>().as('n')).where('status', 'not in', ['closed', 'abandoned', 'transferred']).executeTakeFirstOrThrow();
      if (Number(live.n) === 0) break;
      await sleep(50);
    }
    stop = true;
    await Promise.all([...workers, auditor]);
    const chaosSeconds = (Date.now() - started) / 1000;

    // Drain: everyone available, everything offered accepted and closed, until nothing moves.
    const now = () => new Date();
    for (const a of setup.agents) await setPresence(db, { agentId: a.id, status: 'available', now: now() });
    let drained = 0;
    for (let round = 0; round < 50; round++) {
      let moved = 0;
      for (const a of setup.agents) while ((await matchNext(db, { agentId: a.id }, now())).ok) moved++;
      for (const o of await db.selectFrom('offers').select(['id', 'agent_id']).where('outcome', 'is', null).execute()) {
        if ((await acceptOffer(db, { offerId: o.id, agentId: o.agent_id, now: now() })).ok) moved++;
      }
      for (const i of await db.selectFrom('interactions').select(['id', 'assigned_agent_id']).where('status', 'in', ['assigned', 'wrap_up']).execute()) {
        if ((await closeInteraction(db, { interactionId: i.id, actor: { type: 'user', id: i.assigned_agent_id }, now: now() })).ok) moved++;
      }
      if (moved === 0) break;
      drained += moved;
    }

    expect(errors).toEqual([]);
    expect(counts.violations).toBe(0);
    expect(await capacityViolations(db)).toEqual([]);
    expect(await offerStateMismatches(db)).toEqual([]);

    const interactions = await db.selectFrom('interactions').selectAll().execute();
    const offers = await db.selectFrom('offers').selectAll().execute();
    const events = await db.selectFrom('interaction_events').select(['interaction_id', 'type', 'data']).orderBy('id').execute();

    // Never two open offers, never the same agent twice, never assigned twice.
    const perInteraction = (rows: { interaction_id: string }[]) =>
      rows.reduce((m, r) => m.set(r.interaction_id, (m.get(r.interaction_id) ?? 0) + 1), new Map<string, number>());
    expect([...perInteraction(offers.filter((o) => o.outcome === null)).values()].filter((c) => c > 1)).toEqual([]);
    expect([...perInteraction(offers.filter((o) => o.outcome === 'accepted')).values()].filter((c) => c > 1)).toEqual([]);
    expect([...perInteraction(events.filter((e) => e.type === 'assigned')).values()].filter((c) => c > 1)).toEqual([]);
    // The same agent again only as a second try (nobody else eligible was free), and marked so.
    const offeredEvents = events
      .filter((e) => e.type === 'offered')
      .map((e) => ({ id: e.interaction_id, ...(e.data as { offerId: string; agentId: string; again?: boolean; matchedBy: string }) }));
    const seenPairs = new Set<string>();
    const unmarkedRepeats = offeredEvents.filter((e) => {
      const pair = `${e.id}/${e.agentId}`;
      const repeat = seenPairs.has(pair);
      seenPairs.add(pair);
      // A supervisor's pick is theirs to make, passed or not.
      return e.matchedBy === 'supervisor' ? e.again === true : repeat !== (e.again === true);
    });
    expect(unmarkedRepeats).toEqual([]);

    // Each timeline replays along valid transitions to the status the row holds.
    const replayed = new Map<string, InteractionStatus | null>();
    const badTransitions: string[] = [];
    for (const e of events) {
      const from = replayed.get(e.interaction_id) ?? null;
      const edge = transitions[e.type];
      if (!edge || !edge.from.includes(from)) badTransitions.push(`${e.interaction_id}: ${from} -${e.type}->`);
      replayed.set(e.interaction_id, edge?.to ?? from);
    }
    expect(badTransitions).toEqual([]);
    expect(interactions.filter((i) => replayed.get(i.id) !== i.status).map((i) => i.id)).toEqual([]);

    // Every matched offer went to a member of the queue with the skills and the channel (a
    // supervisor's pick needs only a free slot on the channel, which the capacity audit covers).
    const pickedBySupervisor = new Set(offeredEvents.filter((e) => e.matchedBy === 'supervisor').map((e) => e.offerId));
    const byId = new Map(setup.agents.map((a) => [a.id, a]));
    const queueById = new Map(setup.queues.map((q) => [q.id, q]));
    const interactionById = new Map(interactions.map((i) => [i.id, i]));
    const ineligible = offers.filter((o) => {
      if (pickedBySupervisor.has(o.id)) return false;
      const i = interactionById.get(o.interaction_id);
      const a = byId.get(o.agent_id);
      const q = i && queueById.get(i.queue_id);
      if (!i || !a || !q) return true;
      return !rankEligibleAgents(
        { channel: i.channel, queueId: q.id, requiredSkills: q.required_skills, passedOver: new Map() },
        [{ agentId: a.id, status: 'available', idleSince: new Date(0), skills: a.skills, capacity: a.capacity, load: {}, queueIds: a.queueIds }],
      ).length;
    });
    expect(ineligible).toEqual([]);

    // Nothing still waits that anyone could take: passing on an interaction never strands it.
    const stuck = interactions.filter((i) => {
      if (['closed', 'abandoned', 'transferred'].includes(i.status)) return false;
      const q = queueById.get(i.queue_id) as Queue;
      const candidates = setup.agents.map((a) => ({ agentId: a.id, status: 'available' as const, idleSince: new Date(0), skills: a.skills, capacity: a.capacity, load: {}, queueIds: a.queueIds }));
      return i.status !== 'queued' || rankEligibleAgents({ channel: i.channel, queueId: q.id, requiredSkills: q.required_skills, passedOver: new Map() }, candidates).length > 0;
    });
    expect(stuck).toEqual([]);
    expect(await strandedInteractions(db)).toEqual([]);

    const byStatus = interactions.reduce<Record<string, number>>((m, i) => ({ ...m, [i.status]: (m[i.status] ?? 0) + 1 }), {});
    console.log(
      `hammer: ${counts.enqueued} interactions (+${counts.transferred} by transfer), ${AGENTS} agents, ${WORKERS} workers on ${POOL} connections; ` +
        `seed ${((seeded - started) / 1000).toFixed(1)} s, enqueue ${((produced - seeded) / 1000).toFixed(1)} s, chaos ${chaosSeconds.toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s; ${offers.length} offers ` +
        `(${counts.accepted} accepted, ${counts.declined} declined, ${counts.expired} expired in chaos), ${counts.presence} presence changes, ` +
        `${counts.assignedBySupervisor} supervisor offers, ${counts.audits} live audits, ${counts.violations} violations, ${drained} drain steps; final ${JSON.stringify(byStatus)}`,
    );
  });

  it('keeps FIFO within priority, give or take the rows concurrent callers hold', async () => {
    const queue = await createQueue(db, { name: 'fifo', channels: ['email'] });
    const rng = seededRandom(SEED + 7);
    const t0 = Date.now() - 3_600_000;
    const customer = await makeCustomer(db);
    const agents = await Promise.all(Array.from({ length: 12 }, (_, k) => makeAgent(db, { queueIds: [queue.id], capacity: { email: 2 }, at: new Date(t0 - k) })));
    const waiting: { id: string; priority: number; enqueuedAt: Date }[] = [];
    for (let k = 0; k < 150; k++) {
      const r = rng();
      const c = await createInteraction(db, { customerId: customer, queueId: queue.id, channel: 'email', priority: r < 0.2 ? 2 : 0 }, new Date(t0 + k * 1000));
      if (!c.ok) throw new Error(c.reason);
      waiting.push({ id: c.interaction.id, priority: c.interaction.priority, enqueuedAt: c.interaction.enqueued_at });
    }
    const concurrency = 8;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        for (let idle = 0; idle < 3; ) {
          const agentId = agents[(w + idle * concurrency) % agents.length] as string;
          const m = await matchNext(db, { agentId }, new Date());
          if (!m.ok) {
            idle++;
            continue;
          }
          idle = 0;
          await acceptOffer(db, { offerId: m.offer.id, agentId, now: new Date() });
          await closeInteraction(db, { interactionId: m.interaction.id, actor: { type: 'user', id: agentId }, now: new Date() });
        }
      }),
    );
    // Offer order = event id order: each was taken under its interaction's lock.
    const order = (
      await db.selectFrom('interaction_events as e').innerJoin('interactions as i', 'i.id', 'e.interaction_id').select('e.interaction_id').where('i.queue_id', '=', queue.id).where('e.type', '=', 'offered').orderBy('e.id').execute()
    ).map((e) => e.interaction_id);
    expect(new Set(order).size).toBe(150);
    const rank = new Map([...waiting].sort(compareWaiting).map((w, k) => [w.id, k]));
    // How many better-placed interactions were still unserved when each one was offered.
    let worst = 0;
    const served = new Set<number>();
    for (const id of order) {
      const r = rank.get(id) as number;
      let ahead = 0;
      for (let k = 0; k < r; k++) if (!served.has(k)) ahead++;
      worst = Math.max(worst, ahead);
      served.add(r);
    }
    expect(worst).toBeLessThan(concurrency);
    console.log(`fifo: 150 interactions, ${concurrency} concurrent agents, worst overtaking ${worst}`);
  });
});

/** Interactions whose status disagrees with their open offers: offered ⇔ exactly one open offer. */
async function offerStateMismatches(db: Db): Promise<{ id: string }[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT i.id FROM interactions i
    LEFT JOIN offers o ON o.interaction_id = i.id AND o.outcome IS NULL
    GROUP BY i.id, i.status
    HAVING (i.status = 'offered') <> (count(o.id) = 1) OR count(o.id) > 1`.execute(db);
  return rows;
}
