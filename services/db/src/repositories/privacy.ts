import { sql } from 'kysely';
import type { Db } from '../database';

/**
 * The SQL of subject access and erasure, one customer at a time: what each table holds about a
 * customer (read for the export package) and how it is removed or anonymised. The registry of
 * handlers that composes these lives in services/api/src/privacy/registry.ts.
 */

type Row = Record<string, unknown>;

/** The customer's interactions (including ones transferred from theirs): the scope of most tables. */
function interactionIds(db: Db, customerId: string) {
  return db.selectFrom('interactions').select('id').where('customer_id', '=', customerId);
}

/** The rows whose `column` names this customer (or, with `via: 'interaction'`, one of their interactions). */
function customerScope(customerId: string, via: 'customer' | 'interaction', column = via === 'customer' ? 'customer_id' : 'interaction_id') {
  return via === 'customer' ? sql`${sql.ref(column)} = ${customerId}` : sql`${sql.ref(column)} in (select id from interactions where customer_id = ${customerId})`;
}

/** Rows of `table` whose `column` names this customer (or, with `via: 'interaction'`, one of their interactions). */
export async function customerRows(db: Db, table: string, customerId: string, via: 'customer' | 'interaction', column?: string): Promise<Row[]> {
  const { rows } = await sql<Row>`select * from ${sql.table(table)} where ${customerScope(customerId, via, column)} order by 1`.execute(db);
  return rows;
}

/** Whether a table exists in this database (tables other features add plug in only once they exist). */
export async function tableExists(db: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select to_regclass(${`public.${table}`}) is not null as ok`.execute(db);
  return !!rows[0]?.ok;
}

interface ScrubColumn {
  name: string;
  replacement: string | null;
}

/**
 * The free-text columns of a table (text, varchar, jsonb, arrays, bytea) except `keep`, each with
 * what anonymises it: its default when it has one, else null, else an empty value of its type.
 * Read from the catalogue, so a column added later is scrubbed without touching the handler.
 */
async function scrubColumns(db: Db, table: string, keep: readonly string[]): Promise<ScrubColumn[]> {
  const { rows } = await sql<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>`
    select column_name, data_type, is_nullable, column_default from information_schema.columns
    where table_schema = 'public' and table_name = ${table}
      and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`.execute(db);
  return rows
    .filter((c) => !keep.includes(c.column_name))
    .map((c) => ({
      name: c.column_name,
      replacement: c.column_default ?? (c.is_nullable === 'YES' ? null : c.data_type === 'jsonb' || c.data_type === 'json' ? `'{}'` : c.data_type === 'ARRAY' ? `'{}'` : c.data_type === 'bytea' ? `''::bytea` : `''`),
    }));
}

/**
 * Anonymises this customer's rows of `table` in place: every free-text column not in `keep`
 * (structural columns: statuses, kinds, provider ids) set to its default / null / empty.
 */
export async function scrubCustomerRows(db: Db, table: string, customerId: string, via: 'customer' | 'interaction', keep: readonly string[], column?: string): Promise<number> {
  const columns = await scrubColumns(db, table, keep);
  if (!columns.length) return 0;
  const sets = sql.join(columns.map((c) => sql`${sql.ref(c.name)} = ${c.replacement === null ? sql`null` : sql.raw(c.replacement)}`));
  const result = await sql`update ${sql.table(table)} set ${sets} where ${customerScope(customerId, via, column)}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Deletes this customer's rows of `table` (tables whose rows are nothing but personal data). */
export async function deleteCustomerRows(db: Db, table: string, customerId: string, via: 'customer' | 'interaction', column?: string): Promise<number> {
  const result = await sql`delete from ${sql.table(table)} where ${customerScope(customerId, via, column)}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The customer's interaction events; their data (notes, consent wording, addresses) goes, the steps stay. */
export async function scrubInteractionEvents(db: Db, customerId: string): Promise<number> {
  const result = await db
    .updateTable('interaction_events')
    .set({ data: '{}', actor_id: sql<string>`case when actor_type = 'customer' then null else actor_id end` })
    .where('interaction_id', 'in', interactionIds(db, customerId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Files of the customer's interactions (attachments, pushed uploads; never library documents). */
export function customerMedia(db: Db, customerId: string) {
  return db
    .selectFrom('media_objects')
    .selectAll()
    .where('interaction_id', 'in', interactionIds(db, customerId))
    .where('kind', '<>', 'push_document')
    .orderBy('created_at')
    .execute();
}

/** Media rows' metadata only (the export lists them and adds the bytes one file at a time). */
export function customerMediaIndex(db: Db, customerId: string) {
  return db
    .selectFrom('media_objects')
    .select(['id', 'content_type', 'size_bytes', 'sha256', 'filename', 'source_url', 'kind', 'interaction_id', 'created_at'])
    .where('interaction_id', 'in', interactionIds(db, customerId))
    .where('kind', '<>', 'push_document')
    .orderBy('created_at')
    .execute();
}

export async function deleteCustomerMedia(db: Db, customerId: string): Promise<number> {
  const result = await db.deleteFrom('media_objects').where('interaction_id', 'in', interactionIds(db, customerId)).where('kind', '<>', 'push_document').executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** What the project left at Twilio for this customer: message SIDs, inbound media, calls and their recordings. */
export async function customerTwilioResources(db: Db, customerId: string) {
  const messages = await db
    .selectFrom('messages')
    .select(['provider_message_id'])
    .where('customer_id', '=', customerId)
    .where('provider', '=', 'twilio')
    .where('provider_message_id', 'is not', null)
    .execute();
  const media = await db
    .selectFrom('media_objects')
    .select('source_url')
    .where('interaction_id', 'in', interactionIds(db, customerId))
    .where('source_url', 'is not', null)
    .execute();
  const calls = await db
    .selectFrom('interactions')
    .select([sql<string | null>`context->>'callSid'`.as('call_sid'), sql<string | null>`context->'recording'->>'sid'`.as('recording_sid')])
    .where('customer_id', '=', customerId)
    .where('channel', '=', 'voice')
    .execute();
  return {
    messageSids: messages.map((m) => m.provider_message_id!),
    mediaUrls: media.map((m) => m.source_url!),
    callSids: calls.map((c) => c.call_sid).filter((s): s is string => !!s),
    recordingSids: calls.map((c) => c.recording_sid).filter((s): s is string => !!s),
  };
}

/** The web-chat browsers of this customer (their visitor ids are identities of kind webchat). */
export function customerWebchatVisitors(db: Db, customerId: string) {
  return db
    .selectFrom('webchat_visitors')
    .selectAll()
    .where('visitor_id', 'in', db.selectFrom('customer_identities').select('value').where('customer_id', '=', customerId).where('kind', '=', 'webchat'))
    .execute();
}

/** The web-chat browsers of this customer (their visitor ids are identities of kind webchat). */
export async function deleteCustomerWebchatVisitors(db: Db, customerId: string): Promise<number> {
  const result = await db
    .deleteFrom('webchat_visitors')
    .where('visitor_id', 'in', db.selectFrom('customer_identities').select('value').where('customer_id', '=', customerId).where('kind', '=', 'webchat'))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Co-browse: the recorded events go; the sessions keep their times and statuses only. */
export async function deleteCustomerCobrowseRecordings(db: Db, customerId: string): Promise<number> {
  const result = await db
    .deleteFrom('cobrowse_recordings')
    .where('session_id', 'in', db.selectFrom('cobrowse_sessions').select('id').where('interaction_id', 'in', interactionIds(db, customerId)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function customerCobrowseRecordings(db: Db, customerId: string) {
  return db
    .selectFrom('cobrowse_recordings')
    .select(['session_id', 'seq', 'url', 'bytes', 'created_at'])
    .where('session_id', 'in', db.selectFrom('cobrowse_sessions').select('id').where('interaction_id', 'in', interactionIds(db, customerId)))
    .orderBy('session_id')
    .orderBy('seq')
    .execute();
}

/** Consent evidence of co-browse sessions not yet blocked. */
export function cobrowseConsentsToBlock(db: Db, customerId: string) {
  return db
    .selectFrom('cobrowse_sessions')
    .select(['id', 'consent_evidence', 'consented_at', 'interaction_id'])
    .where('interaction_id', 'in', interactionIds(db, customerId))
    .where('consent_evidence', 'is not', null)
    .execute();
}

/** Push short links (and their opens) of the customer's pushes. */
export async function deleteCustomerPushLinks(db: Db, customerId: string): Promise<number> {
  const result = await db.deleteFrom('push_links').where('push_id', 'in', db.selectFrom('pushes').select('id').where('customer_id', '=', customerId)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function customerPushLinks(db: Db, customerId: string) {
  return db
    .selectFrom('push_links')
    .leftJoin('push_link_opens', 'push_link_opens.token', 'push_links.token')
    .select(['push_links.push_id', 'push_links.url', 'push_links.created_at', 'push_link_opens.opened_at', 'push_link_opens.user_agent'])
    .where('push_links.push_id', 'in', db.selectFrom('pushes').select('id').where('customer_id', '=', customerId))
    .execute();
}

/** Consents whose evidence is still in the clear (not yet moved to the blocked store). */
export function consentsToBlock(db: Db, customerId: string) {
  return db.selectFrom('consents').selectAll().where('customer_id', '=', customerId).where(sql<boolean>`not (evidence ? 'blockedRecordId')`).orderBy('created_at').execute();
}

/** The one change the consents trigger allows: the evidence replaced by a pointer to its blocked copy. */
export async function pointConsentAtBlockedRecord(db: Db, consentId: string, blockedRecordId: string): Promise<void> {
  await db.updateTable('consents').set({ evidence: JSON.stringify({ blockedRecordId }) }).where('id', '=', consentId).execute();
}

/** The customer row becomes a tombstone: nothing but its id and dates. */
export async function markCustomerErased(db: Db, customerId: string, now: Date): Promise<void> {
  await sql`update customers set erased_at = ${now}, updated_at = ${now} where id = ${customerId}`.execute(db);
}

/** When the customer was erased (null: never); `lock` holds the row to the transaction's end (one erasure at a time). */
export async function customerErasedAt(db: Db, customerId: string, options: { lock?: boolean } = {}): Promise<Date | null> {
  const { rows } = await sql<{ erased_at: Date | null }>`select erased_at from customers where id = ${customerId}${options.lock ? sql` for update` : sql``}`.execute(db);
  return rows[0]?.erased_at ?? null;
}

/** Finds a customer by id, or by an identity's value (phone in E.164, email lower-cased). */
export async function findCustomerForPrivacy(db: Db, lookup: { id?: string; identityValues?: string[] }) {
  if (lookup.id) return db.selectFrom('customers').selectAll().where('id', '=', lookup.id).executeTakeFirst();
  if (!lookup.identityValues?.length) return undefined;
  return db
    .selectFrom('customers')
    .selectAll('customers')
    .where('id', 'in', db.selectFrom('customer_identities').select('customer_id').where('value', 'in', lookup.identityValues))
    .orderBy('created_at')
    .executeTakeFirst();
}

/** Campaign links made for this customer's recipient rows (their URLs may carry the customer's fields). */
export async function customerCampaignLinks(db: Db, customerId: string): Promise<Row[]> {
  const { rows } = await sql<Row>`select l.* from campaign_links l join campaign_recipients r on r.id = l.recipient_id where r.customer_id = ${customerId}`.execute(db);
  return rows;
}

export async function deleteCustomerCampaignLinks(db: Db, customerId: string): Promise<number> {
  const result = await sql`delete from campaign_links where recipient_id in (select id from campaign_recipients where customer_id = ${customerId})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
