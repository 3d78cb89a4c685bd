import { describe, expect, it } from 'vitest';
import type { Channel } from '@cc/core/channels';
import type { PresenceStatus } from '@cc/core/routing';
import { capacityViolations, strandedInteractions } from '../src/repositories/agent-load';
import { abandonInteraction, closeInteraction, createInteraction } from '../src/repositories/interactions';
import { matchNext, offerToAgent, type MatchPolicy } from '../src/repositories/matching';
import { acceptOffer, declineOffer, expireOffer } from '../src/repositories/offers';
import { setPresence } from '../src/repositories/presence';
import { createQueue } from '../src/repositories/queues';
import { makeAgent, makeCustomer, seededRandom } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

/*
 * The promise routing makes to a waiting customer, as a property: after any step — an arrival, a
 * decline, an expiry, an accept, a close, a presence change, a customer leaving, a supervisor's
 * pick — and the reactions the system makes to it (what the API, the interaction workflow and
 * offerFreedAgent do), no queued interaction has an available, eligible agent with a free slot on
 * its channel. One step at a time on a simulated clock, so every run of a seed is the same run;
 * concurrency is the hammer's job (matching-hammer.test.ts).
 */

const ctx = useAppDatabase();
const SEEDS = [1, 2, 3];
const STEPS = 250;
const policy: MatchPolicy = { passedOverSeconds: 60 };
const maxMissedOffers = 2;

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;

describe('no interaction waits while an eligible agent is free', () => {
  it.each(SEEDS)('holds after every step of a random run (seed %i)', async (seed) => {
    const db = ctx.db;
    const rng = seededRandom(seed);
    let clock = new Date('2026-12-04T09:00:00Z').getTime() + seed * 86_400_000;
    const now = () => new Date(clock);
    const queues = [
      await createQueue(db, { name: `wa-${seed}`, channels: ['whatsapp', 'webchat'], offerTimeoutSeconds: 30 }),
      await createQueue(db, { name: `voice-${seed}`, channels: ['voice'], offerTimeoutSeconds: 20 }),
      await createQueue(db, { name: `vip-${seed}`, channels: ['whatsapp', 'email'], requiredSkills: { vip: 3 }, offerTimeoutSeconds: 30 }),
    ];
    const agents: string[] = [];
    for (let k = 0; k < 5; k++) {
      const queueIds = queues.filter(() => rng() < 0.6).map((q) => q.id);
      agents.push(
        await makeAgent(db, {
          queueIds: queueIds.length ? queueIds : [queues[0]!.id],
          skills: rng() < 0.5 ? { vip: 4 } : {},
          capacity: { voice: 1, whatsapp: Math.floor(rng() * 3), webchat: 1, email: 2 },
          status: rng() < 0.3 ? 'away' : 'available',
          at: now(),
        }),
      );
    }
    const customer = await makeCustomer(db);
    const counts: Record<string, number> = {};
    const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);

    // The system's reactions (routing-dispatch.ts offerFreedAgent; the workflow's offerInteraction).
    const freed = async (agentId: string) => {
      for (let k = 0; k < 20 && (await matchNext(db, { agentId }, now(), policy)).ok; k++) count('offered to a freed agent');
    };
    const offerAgain = async (interactionId: string) => {
      if ((await matchNext(db, { interactionId }, now(), policy)).ok) count('offered by its workflow');
    };
    const openOffers = () => db.selectFrom('offers').select(['id', 'agent_id', 'interaction_id', 'expires_at']).where('outcome', 'is', null).orderBy('id').execute();

    const violations: string[] = [];
    for (let step = 0; step < STEPS; step++) {
      clock += Math.floor(rng() * 8_000);
      const roll = rng();
      let what = 'nothing';
      if (roll < 0.22) {
        what = 'arrival';
        const queue = pick(rng, queues);
        const created = await createInteraction(db, { customerId: customer, queueId: queue.id, channel: pick(rng, queue.channels as Channel[]) }, now());
        if (!created.ok) throw new Error(created.reason);
        await offerAgain(created.interaction.id);
      } else if (roll < 0.5) {
        const offers = await openOffers();
        if (offers.length) {
          const offer = pick(rng, offers);
          const d = rng();
          if (d < 0.35) {
            what = 'accept';
            await acceptOffer(db, { offerId: offer.id, agentId: offer.agent_id, now: now() });
          } else if (d < 0.6) {
            what = 'decline';
            if ((await declineOffer(db, { offerId: offer.id, agentId: offer.agent_id, now: now() })).ok) {
              await freed(offer.agent_id);
              await offerAgain(offer.interaction_id);
            }
          } else {
            what = 'expiry';
            clock = Math.max(clock, offer.expires_at.getTime());
            const expired = await expireOffer(db, { offerId: offer.id, now: now(), maxMissedOffers });
            if (expired.ok) {
              if (expired.awayForMissedOffers) count('set away for missed offers');
              else await freed(offer.agent_id);
              await offerAgain(offer.interaction_id);
            }
          }
        }
      } else if (roll < 0.65) {
        what = 'close';
        const held = await db.selectFrom('interactions').select(['id', 'assigned_agent_id']).where('status', '=', 'assigned').orderBy('id').execute();
        if (held.length) {
          const i = pick(rng, held);
          if ((await closeInteraction(db, { interactionId: i.id, actor: { type: 'user', id: i.assigned_agent_id }, now: now() })).ok) await freed(i.assigned_agent_id as string);
        }
      } else if (roll < 0.85) {
        what = 'presence';
        const agentId = pick(rng, agents);
        const status: PresenceStatus = rng() < 0.6 ? 'available' : pick(rng, ['away', 'offline'] as const);
        const changed = await setPresence(db, { agentId, status, now: now() });
        if (changed?.changed && status === 'available') await freed(agentId);
      } else if (roll < 0.92) {
        what = 'customer left';
        const waiting = await db.selectFrom('interactions').select('id').where('status', 'in', ['queued', 'offered']).orderBy('id').execute();
        if (waiting.length) {
          const left = await abandonInteraction(db, { interactionId: pick(rng, waiting).id, now: now() });
          if (left.ok && left.cancelledOffer) await freed(left.cancelledOffer.agent_id);
        }
      } else {
        what = 'supervisor assigns';
        const waiting = await db.selectFrom('interactions').select('id').where('status', 'in', ['queued', 'offered']).orderBy('id').execute();
        if (waiting.length) {
          const r = await offerToAgent(db, { interactionId: pick(rng, waiting).id, agentId: pick(rng, agents), actor: { type: 'user', id: agents[0]! }, now: now() });
          if (r.ok) {
            count('assigned by a supervisor');
            if (r.withdrawn) await freed(r.withdrawn.agent_id);
          }
        }
      }
      count(what);
      const stranded = await strandedInteractions(db);
      if (stranded.length) violations.push(`step ${step} (${what}): ${JSON.stringify(stranded)}`);
    }

    expect(violations).toEqual([]);
    expect(await capacityViolations(db)).toEqual([]);
    // The run exercised what it is about.
    expect(counts.decline ?? 0).toBeGreaterThan(5);
    expect(counts.expiry ?? 0).toBeGreaterThan(5);
    expect(counts.presence ?? 0).toBeGreaterThan(5);
    const again = await db.selectFrom('interaction_events').select('id').where('type', '=', 'offered').where(({ ref }) => ref('data', '->>').key('again'), '=', 'true').execute();
    console.log(`invariant seed ${seed}: ${STEPS} steps ${JSON.stringify(counts)}; offers made again to an agent who had passed: ${again.length}`);
  });
});
