import { sql } from 'kysely';
import type { Db } from '../database';
import type { RetentionClass, RetentionRun, RetentionSetting } from '../tables/data-protection';
import { countAuditEventsBefore, purgeAuditEvents } from './audit';
import { deleteLapsedBlockedRecords } from './blocked-records';

export function listRetentionSettings(db: Db): Promise<RetentionSetting[]> {
  return db.selectFrom('retention_settings').selectAll().orderBy('data_class').execute();
}

export function setRetentionPeriod(db: Db, input: { dataClass: RetentionClass; days: number | null; userId: string | null; now: Date }): Promise<RetentionSetting> {
  return db
    .insertInto('retention_settings')
    .values({ data_class: input.dataClass, days: input.days, updated_by: input.userId, updated_at: input.now })
    .onConflict((oc) => oc.column('data_class').doUpdateSet({ days: input.days, updated_by: input.userId, updated_at: input.now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function startRetentionRun(db: Db, input: { dryRun: boolean; asOf: Date; now: Date }): Promise<RetentionRun> {
  return db.insertInto('retention_runs').values({ dry_run: input.dryRun, as_of: input.asOf, started_at: input.now, counts: '{}' }).returningAll().executeTakeFirstOrThrow();
}

/** Adds a batch's count to the run's total for that class (a retried batch that removed nothing adds 0). */
export async function addRetentionRunCount(db: Db, runId: string, dataClass: string, n: number): Promise<void> {
  await db
    .updateTable('retention_runs')
    .set({ counts: sql<string>`jsonb_set(counts, ${sql.lit(`{${dataClass}}`)}::text[], to_jsonb(coalesce((counts->>${dataClass})::bigint, 0) + ${n}))` })
    .where('id', '=', runId)
    .execute();
}

export async function finishRetentionRun(db: Db, runId: string, now: Date): Promise<RetentionRun> {
  return db.updateTable('retention_runs').set({ finished_at: now }).where('id', '=', runId).returningAll().executeTakeFirstOrThrow();
}

export function getRetentionRun(db: Db, id: string): Promise<RetentionRun | undefined> {
  return db.selectFrom('retention_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listRetentionRuns(db: Db, limit: number): Promise<RetentionRun[]> {
  return db.selectFrom('retention_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
}

/** When an interaction ended (closed, abandoned, or transferred on). */
const endedAt = sql<Date>`coalesce(closed_at, abandoned_at)`;
const ended = sql<boolean>`status in ('closed', 'abandoned', 'transferred')`;

/**
 * What each class purges, as "the ids due at `cutoff`": counting (dry run) and purging batch by
 * batch use the same query, so a dry run counts exactly what a run would remove. Each batch commits
 * on its own: a run cut short resumes with what is left.
 */
const due = {
  // Attachments and pushed uploads (library documents are the business's own, never purged).
  media: (db: Db, cutoff: Date) => db.selectFrom('media_objects').select('id').where('kind', '<>', 'push_document').where('created_at', '<', cutoff),
  // Message text of interactions that ended before the cutoff.
  transcripts: (db: Db, cutoff: Date) =>
    db
      .selectFrom('messages')
      .select('id')
      .where('interaction_id', 'in', db.selectFrom('interactions').select('id').where(ended).where(endedAt, '<', cutoff))
      .where((eb) => eb.or([eb('body', 'is not', null), eb('location', 'is not', null), sql<boolean>`context <> '{}'::jsonb`])),
  cobrowse_logs: (db: Db, cutoff: Date) => db.selectFrom('cobrowse_recordings').select(sql<string>`session_id || ':' || seq`.as('id')).where('created_at', '<', cutoff),
  // Whole interactions; kept while a consent names them or their messages, or a transfer points back at them.
  closed_interactions: (db: Db, cutoff: Date) =>
    db
      .selectFrom('interactions as i')
      .select('i.id')
      .where(sql<boolean>`i.status in ('closed', 'abandoned', 'transferred')`)
      .where(sql<Date>`coalesce(i.closed_at, i.abandoned_at)`, '<', cutoff)
      .where(sql<boolean>`not exists (select 1 from consents c where c.interaction_id = i.id or c.message_id in (select id from messages m where m.interaction_id = i.id))`)
      .where(sql<boolean>`not exists (select 1 from interactions t where t.transferred_from_id = i.id)`),
  // Outbound webhook events once every delivery of theirs has settled (deliveries and attempts cascade).
  webhook_logs: (db: Db, cutoff: Date) =>
    db
      .selectFrom('webhook_events as e')
      .select('e.id')
      .where('e.created_at', '<', cutoff)
      .where(sql<boolean>`not exists (select 1 from webhook_deliveries d where d.event_id = e.id and d.status in ('pending', 'retrying'))`),
  recordings: (db: Db, cutoff: Date) =>
    db.selectFrom('interactions').select('id').where('channel', '=', 'voice').where(sql<boolean>`context ? 'recording'`).where(ended).where(endedAt, '<', cutoff),
};

export type PurgeableClass = keyof typeof due | 'audit' | 'blocked';

/** How many rows of `dataClass` are due at `cutoff` (the dry run). */
export async function countDue(db: Db, dataClass: PurgeableClass, cutoff: Date): Promise<number> {
  if (dataClass === 'audit') return countAuditEventsBefore(db, cutoff);
  if (dataClass === 'blocked') {
    const row = await db.selectFrom('blocked_records').select((eb) => eb.fn.countAll<string>().as('n')).where('keep_until', '<', cutoff).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const row = await db.selectFrom(due[dataClass](db, cutoff).as('d')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Voice interactions whose recording is due: the caller deletes each at Twilio, then clears it here. */
export function dueRecordings(db: Db, cutoff: Date, limit: number) {
  return db
    .selectFrom('interactions')
    .select(['id', sql<string | null>`context->'recording'->>'sid'`.as('recording_sid')])
    .where('id', 'in', due.recordings(db, cutoff))
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** The recording is gone at Twilio: the interaction forgets it (its link and sid). */
export async function clearRecording(db: Db, interactionId: string): Promise<void> {
  await db.updateTable('interactions').set({ context: sql<string>`context - 'recording'` }).where('id', '=', interactionId).execute();
}

/** Removes (or anonymises) up to `limit` due rows of `dataClass`; returns how many. Recordings: see dueRecordings. */
export async function purgeBatch(db: Db, dataClass: Exclude<PurgeableClass, 'recordings'>, cutoff: Date, limit: number): Promise<number> {
  switch (dataClass) {
    case 'audit':
      return purgeAuditEvents(db, cutoff, limit);
    case 'blocked':
      return deleteLapsedBlockedRecords(db, cutoff, limit);
    case 'media': {
      const r = await db.deleteFrom('media_objects').where('id', 'in', due.media(db, cutoff).limit(limit)).executeTakeFirst();
      return Number(r.numDeletedRows);
    }
    case 'transcripts': {
      const r = await db
        .updateTable('messages')
        .set({ body: null, location: null, media: null, context: '{}' })
        .where('id', 'in', due.transcripts(db, cutoff).limit(limit))
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    }
    case 'cobrowse_logs': {
      const r = await db.deleteFrom('cobrowse_recordings').where(sql<string>`session_id || ':' || seq`, 'in', due.cobrowse_logs(db, cutoff).limit(limit)).executeTakeFirst();
      return Number(r.numDeletedRows);
    }
    case 'closed_interactions':
      return purgeInteractions(db, cutoff, limit);
    case 'webhook_logs': {
      const r = await db.deleteFrom('webhook_events').where('id', 'in', due.webhook_logs(db, cutoff).limit(limit)).executeTakeFirst();
      return Number(r.numDeletedRows);
    }
  }
}

/** Deletes whole ended interactions with what hangs off them (files, pushes, messages; events, offers cascade). */
async function purgeInteractions(db: Db, cutoff: Date, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = (await due.closed_interactions(trx, cutoff).limit(limit).forUpdate().skipLocked().execute()).map((r) => r.id);
    if (!ids.length) return 0;
    await trx.deleteFrom('media_objects').where('interaction_id', 'in', ids).where('kind', '<>', 'push_document').execute();
    await trx.deleteFrom('pushes').where('interaction_id', 'in', ids).execute();
    await trx.deleteFrom('messages').where('interaction_id', 'in', ids).execute();
    const r = await trx.deleteFrom('interactions').where('id', 'in', ids).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}
