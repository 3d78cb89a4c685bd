import { assertValidBusinessHours, defaultTimezone, isValidTimezone, type BusinessHours } from '@cc/core/business-hours';
import type { Channel } from '@cc/core/channels';
import { maxSkillLevel, minSkillLevel, type RequiredSkills } from '@cc/core/routing';
import type { Db } from '../database';
import type { Queue } from '../tables/queues';

export interface NewQueue {
  name: string;
  channels: readonly Channel[];
  requiredSkills?: RequiredSkills;
  priority?: number;
  slaTargetSeconds?: number;
  offerTimeoutSeconds?: number;
  overflow?: { queueId: string; afterSeconds: number } | null;
  businessHours?: BusinessHours | null;
  timezone?: string;
  closedAutoReply?: string | null;
}

/** Creates a queue; business hours, time zone and skill levels are checked before anything is written. */
export async function createQueue(db: Db, queue: NewQueue): Promise<Queue> {
  if (queue.businessHours) assertValidBusinessHours(queue.businessHours);
  const timezone = queue.timezone ?? defaultTimezone;
  if (!isValidTimezone(timezone)) throw new RangeError(`"${timezone}" is not an IANA time zone, e.g. Europe/Madrid.`);
  assertSkillLevels(queue.requiredSkills ?? {});
  return db
    .insertInto('queues')
    .values({
      name: queue.name,
      channels: [...queue.channels],
      required_skills: JSON.stringify(queue.requiredSkills ?? {}),
      priority: queue.priority ?? 0,
      sla_target_seconds: queue.slaTargetSeconds ?? 20,
      offer_timeout_seconds: queue.offerTimeoutSeconds ?? 30,
      overflow_queue_id: queue.overflow?.queueId ?? null,
      overflow_after_seconds: queue.overflow?.afterSeconds ?? null,
      business_hours: queue.businessHours ? JSON.stringify(queue.businessHours) : null,
      timezone,
      closed_auto_reply: queue.closedAutoReply ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type QueueChanges = Partial<Omit<NewQueue, 'overflow'>> & { overflow?: { queueId: string; afterSeconds: number } | null };

/**
 * Changes some settings of a queue, checked like `createQueue` before anything is written; a
 * queue cannot overflow to itself. Returns undefined when there is no such queue.
 */
export async function updateQueue(db: Db, id: string, changes: QueueChanges): Promise<Queue | undefined> {
  if (changes.businessHours) assertValidBusinessHours(changes.businessHours);
  if (changes.timezone !== undefined && !isValidTimezone(changes.timezone)) {
    throw new RangeError(`"${changes.timezone}" is not an IANA time zone, e.g. Europe/Madrid.`);
  }
  if (changes.requiredSkills) assertSkillLevels(changes.requiredSkills);
  if (changes.channels !== undefined && changes.channels.length === 0) throw new RangeError('A queue serves at least one channel.');
  if (changes.overflow && changes.overflow.queueId === id) throw new RangeError('A queue cannot overflow to itself; choose another queue.');
  const values: Record<string, unknown> = {};
  if (changes.name !== undefined) values.name = changes.name;
  if (changes.channels !== undefined) values.channels = [...changes.channels];
  if (changes.requiredSkills !== undefined) values.required_skills = JSON.stringify(changes.requiredSkills);
  if (changes.priority !== undefined) values.priority = changes.priority;
  if (changes.slaTargetSeconds !== undefined) values.sla_target_seconds = changes.slaTargetSeconds;
  if (changes.offerTimeoutSeconds !== undefined) values.offer_timeout_seconds = changes.offerTimeoutSeconds;
  if (changes.overflow !== undefined) {
    values.overflow_queue_id = changes.overflow?.queueId ?? null;
    values.overflow_after_seconds = changes.overflow?.afterSeconds ?? null;
  }
  if (changes.businessHours !== undefined) values.business_hours = changes.businessHours ? JSON.stringify(changes.businessHours) : null;
  if (changes.timezone !== undefined) values.timezone = changes.timezone;
  if (changes.closedAutoReply !== undefined) values.closed_auto_reply = changes.closedAutoReply;
  if (Object.keys(values).length === 0) return getQueue(db, id);
  return db.updateTable('queues').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

export function getQueue(db: Db, id: string): Promise<Queue | undefined> {
  return db.selectFrom('queues').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Queues by id, in no particular order; unknown ids are left out. */
export function getQueues(db: Db, ids: readonly string[]): Promise<Queue[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('queues').selectAll().where('id', 'in', ids).execute();
}

export function listQueues(db: Db): Promise<Queue[]> {
  return db.selectFrom('queues').selectAll().orderBy('name').execute();
}

export function assertSkillLevels(skills: Record<string, number>): void {
  for (const [skill, level] of Object.entries(skills)) {
    if (!Number.isInteger(level) || level < minSkillLevel || level > maxSkillLevel) {
      throw new RangeError(`Skill "${skill}" has level ${level}; levels are whole numbers from ${minSkillLevel} to ${maxSkillLevel}.`);
    }
  }
}
