import { sql } from 'kysely';
import type { Db } from '../database';
import type { Campaign, CampaignStatus, VariableSource } from '../tables/campaigns';

export interface NewCampaign {
  name: string;
  segmentId: string | null;
  segmentFilter: Record<string, unknown>;
  templateSid: string;
  variableMapping: Record<string, VariableSource>;
  linkUrl: string | null;
  ratePerSecond: number;
  frequencyCapCount: number;
  frequencyCapDays: number;
  quietHours: Record<string, { open: string; close: string }[]>;
  defaultTimeZone: string;
  failureThreshold: number;
  blockThreshold: number;
  thresholdMinSample: number;
  scheduledAt: Date | null;
  createdBy: string | null;
}

export function insertCampaign(db: Db, c: NewCampaign, now: Date): Promise<Campaign> {
  return db
    .insertInto('campaigns')
    .values({
      name: c.name,
      segment_id: c.segmentId,
      segment_filter: JSON.stringify(c.segmentFilter),
      template_sid: c.templateSid,
      variable_mapping: JSON.stringify(c.variableMapping),
      link_url: c.linkUrl,
      status: c.scheduledAt ? 'scheduled' : 'draft',
      pause_reason: null,
      rate_per_second: c.ratePerSecond,
      frequency_cap_count: c.frequencyCapCount,
      frequency_cap_days: c.frequencyCapDays,
      quiet_hours: JSON.stringify(c.quietHours),
      default_time_zone: c.defaultTimeZone,
      failure_threshold: c.failureThreshold,
      block_threshold: c.blockThreshold,
      threshold_min_sample: c.thresholdMinSample,
      scheduled_at: c.scheduledAt,
      started_at: null,
      finished_at: null,
      created_by: c.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function getCampaign(db: Db, id: string): Promise<Campaign | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCampaigns(db: Db, opts: { limit: number }): Promise<Campaign[]> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .execute();
}

/**
 * Moves a campaign from one of `from` to `to` (a compare-and-set: two supervisors pressing pause
 * and cancel at once leave one answer). Undefined when it was in none of `from`.
 */
export function setCampaignStatus(
  db: Db,
  update: {
    id: string;
    from: CampaignStatus[];
    to: CampaignStatus;
    pauseReason?: string | null;
    scheduledAt?: Date | null;
    now: Date;
  },
): Promise<Campaign | undefined> {
  return db
    .updateTable('campaigns')
    .set({
      status: update.to,
      updated_at: update.now,
      pause_reason: update.to === 'paused' ? (update.pauseReason ?? null) : null,
      ...(update.scheduledAt !== undefined ? { scheduled_at: update.scheduledAt } : {}),
      ...(update.to === 'running'
        ? { started_at: sql<Date>`coalesce(started_at, ${update.now})` }
        : {}),
      ...(update.to === 'completed' || update.to === 'cancelled'
        ? { finished_at: update.now }
        : {}),
    })
    .where('id', '=', update.id)
    .where('status', 'in', update.from)
    .returningAll()
    .executeTakeFirst();
}

export async function markSnapshotDone(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('campaigns')
    .set({ snapshot_done: true, updated_at: now })
    .where('id', '=', id)
    .execute();
}
