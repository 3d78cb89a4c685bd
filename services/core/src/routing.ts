import type { Channel } from './channels';

export const presenceStatuses = ['available', 'busy', 'away', 'offline'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

/** Why the system changed an agent's presence; changes the agent or a supervisor makes have none. */
export const presenceReasons = ['missed_offers'] as const;
export type PresenceReason = (typeof presenceReasons)[number];

export const interactionStatuses = ['queued', 'offered', 'assigned', 'wrap_up', 'closed', 'abandoned', 'transferred'] as const;
export type InteractionStatus = (typeof interactionStatuses)[number];

/** Statuses after which an interaction never changes again. */
export const finalInteractionStatuses: readonly InteractionStatus[] = ['closed', 'abandoned', 'transferred'];

export const offerOutcomes = ['accepted', 'declined', 'expired', 'cancelled'] as const;
export type OfferOutcome = (typeof offerOutcomes)[number];

/** An agent's skills, each at a level from 1 (basic) to 5 (expert). */
export type Skills = Record<string, number>;
/** What a queue demands: for each skill, the minimum level. */
export type RequiredSkills = Record<string, number>;
/** How many interactions of each channel an agent may hold at once; a missing channel means none. */
export type Capacity = Partial<Record<Channel, number>>;
/** Interactions an agent currently holds, per channel (see `countsAgainstCapacity`). */
export type Load = Partial<Record<Channel, number>>;

export const minSkillLevel = 1;
export const maxSkillLevel = 5;

export function hasRequiredSkills(skills: Skills, required: RequiredSkills): boolean {
  return Object.entries(required).every(([skill, level]) => (skills[skill] ?? 0) >= level);
}

/**
 * Whether an interaction in `status` occupies one of its holder's slots on `channel`.
 * An open offer reserves the slot (so accepting can never overflow capacity) and an assigned
 * interaction holds it. Wrap-up holds it only for voice: after-call work keeps the agent off the
 * phone, while a finished chat or email no longer needs the agent's attention in parallel.
 */
export function countsAgainstCapacity(status: InteractionStatus, channel: Channel): boolean {
  return status === 'offered' || status === 'assigned' || (status === 'wrap_up' && channel === 'voice');
}

export function freeSlots(capacity: Capacity, load: Load, channel: Channel): number {
  return Math.max(0, (capacity[channel] ?? 0) - (load[channel] ?? 0));
}

export interface RoutingCandidate {
  agentId: string;
  status: PresenceStatus;
  /** When the agent was last given work or became available; the oldest goes first. */
  idleSince: Date;
  skills: Skills;
  capacity: Capacity;
  load: Load;
  queueIds: readonly string[];
}

export interface RoutingRequest {
  channel: Channel;
  queueId: string;
  requiredSkills: RequiredSkills;
  /**
   * Agents who recently passed on this interaction (declined it, let an offer expire, or had it
   * withdrawn), with when they last did. They come after every other eligible agent, so a missed
   * offer moves the interaction on, but never strands it: when nobody else is free, they are
   * offered it again, the longest-ago pass first.
   */
  passedOver: ReadonlyMap<string, Date>;
}

/**
 * The agents who may be offered this interaction, best first: available, members of its queue,
 * skilled enough and with a free slot on its channel. Those who have not passed on it come first,
 * longest idle first; those who recently passed on it follow (see `passedOver`). Ties are broken
 * by id so the order is deterministic.
 */
export function rankEligibleAgents<C extends RoutingCandidate>(request: RoutingRequest, candidates: readonly C[]): C[] {
  const byId = (a: C, b: C) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0);
  const passedAt = (c: C) => request.passedOver.get(c.agentId)?.getTime() ?? -Infinity;
  return candidates
    .filter(
      (c) =>
        c.status === 'available' &&
        c.queueIds.includes(request.queueId) &&
        freeSlots(c.capacity, c.load, request.channel) > 0 &&
        hasRequiredSkills(c.skills, request.requiredSkills),
    )
    .sort(
      (a, b) =>
        Number(request.passedOver.has(a.agentId)) - Number(request.passedOver.has(b.agentId)) ||
        passedAt(a) - passedAt(b) ||
        a.idleSince.getTime() - b.idleSince.getTime() ||
        byId(a, b),
    );
}

export interface WaitingInteraction {
  priority: number;
  enqueuedAt: Date;
  id: string;
}

/** Queue order: higher priority first, then first in, first out; id breaks exact ties. */
export function compareWaiting(a: WaitingInteraction, b: WaitingInteraction): number {
  return b.priority - a.priority || a.enqueuedAt.getTime() - b.enqueuedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
