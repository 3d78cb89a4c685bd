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

export function getQueue(db: Db, id: string): Promise<Queue | undefined> {
  return db.selectFrom('queues').selectAll().where('id', '=', id).executeTakeFirst();
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
