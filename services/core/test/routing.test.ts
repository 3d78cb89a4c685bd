import { describe, expect, it } from 'vitest';
import { compareWaiting, countsAgainstCapacity, hasRequiredSkills, rankEligibleAgents, type RoutingCandidate } from '../src/routing';
import { isChannel } from '../src/channels';

const base: RoutingCandidate = {
  agentId: 'a',
  status: 'available',
  idleSince: new Date('2026-11-23T10:00:00Z'),
  skills: { billing: 3 },
  capacity: { voice: 1, whatsapp: 2 },
  load: {},
  queueIds: ['q1'],
};
const request = { channel: 'whatsapp' as const, queueId: 'q1', requiredSkills: { billing: 2 }, passedOver: new Map<string, Date>() };

describe('hasRequiredSkills', () => {
  it('needs every required skill at or above its level', () => {
    expect(hasRequiredSkills({ billing: 2, spanish: 5 }, { billing: 2 })).toBe(true);
    expect(hasRequiredSkills({ billing: 1 }, { billing: 2 })).toBe(false);
    expect(hasRequiredSkills({}, { spanish: 1 })).toBe(false);
    expect(hasRequiredSkills({}, {})).toBe(true);
  });
});

describe('countsAgainstCapacity', () => {
  it('counts offers and assignments everywhere, wrap-up only on voice', () => {
    expect(countsAgainstCapacity('offered', 'email')).toBe(true);
    expect(countsAgainstCapacity('assigned', 'webchat')).toBe(true);
    expect(countsAgainstCapacity('wrap_up', 'voice')).toBe(true);
    expect(countsAgainstCapacity('wrap_up', 'whatsapp')).toBe(false);
    expect(countsAgainstCapacity('queued', 'voice')).toBe(false);
    expect(countsAgainstCapacity('closed', 'voice')).toBe(false);
  });
});

describe('rankEligibleAgents', () => {
  it('puts the longest idle first and breaks ties by id', () => {
    const ranked = rankEligibleAgents(request, [
      { ...base, agentId: 'c', idleSince: new Date('2026-11-23T10:00:00Z') },
      { ...base, agentId: 'b', idleSince: new Date('2026-11-23T09:00:00Z') },
      { ...base, agentId: 'a', idleSince: new Date('2026-11-23T10:00:00Z') },
    ]);
    expect(ranked.map((c) => c.agentId)).toEqual(['b', 'a', 'c']);
  });

  it.each([
    ['not available', { status: 'away' as const }],
    ['not a member of the queue', { queueIds: ['q2'] }],
    ['under-skilled', { skills: { billing: 1 } }],
    ['at capacity on the channel', { load: { whatsapp: 2 } }],
    ['without the channel', { capacity: { voice: 1 } }],
  ])('leaves out an agent %s', (_why, override) => {
    expect(rankEligibleAgents(request, [{ ...base, ...override }])).toEqual([]);
  });

  it('puts agents who recently passed on the interaction last, the longest-ago pass first, but keeps them', () => {
    const passedOver = new Map([
      ['a', new Date('2026-11-23T10:05:00Z')],
      ['b', new Date('2026-11-23T10:01:00Z')],
    ]);
    const ranked = rankEligibleAgents({ ...request, passedOver }, [
      { ...base, agentId: 'a', idleSince: new Date('2026-11-23T08:00:00Z') },
      { ...base, agentId: 'b', idleSince: new Date('2026-11-23T08:00:00Z') },
      { ...base, agentId: 'c', idleSince: new Date('2026-11-23T10:00:00Z') },
    ]);
    expect(ranked.map((c) => c.agentId)).toEqual(['c', 'b', 'a']);
    // Alone, the agent who passed is offered it again rather than leaving it waiting.
    expect(rankEligibleAgents({ ...request, passedOver }, [base]).map((c) => c.agentId)).toEqual(['a']);
  });

  it('lets a full voice slot not block a chat', () => {
    expect(rankEligibleAgents(request, [{ ...base, load: { voice: 1, whatsapp: 1 } }])).toHaveLength(1);
  });
});

describe('compareWaiting', () => {
  it('orders by priority, then first in first out', () => {
    const t = (s: string) => new Date(`2026-11-23T10:00:${s}Z`);
    const list = [
      { id: '1', priority: 0, enqueuedAt: t('01') },
      { id: '2', priority: 5, enqueuedAt: t('03') },
      { id: '3', priority: 0, enqueuedAt: t('00') },
      { id: '4', priority: 5, enqueuedAt: t('02') },
    ];
    expect([...list].sort(compareWaiting).map((w) => w.id)).toEqual(['4', '2', '3', '1']);
  });
});

describe('isChannel', () => {
  it('knows the four channels', () => {
    expect(['voice', 'whatsapp', 'email', 'webchat', 'sms'].map(isChannel)).toEqual([true, true, true, true, false]);
  });
});
