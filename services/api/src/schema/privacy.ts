import { z } from 'zod';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { stringify } from 'csv-stringify/sync';
import type { CountryCode } from 'libphonenumber-js';
import { searchAuditEvents, type AuditFilter } from '@cc/db/repositories/audit';
import { getDataExport, listDataExports } from '@cc/db/repositories/data-exports';
import { listBlockedRecords } from '@cc/db/repositories/blocked-records';
import { customerErasedAt } from '@cc/db/repositories/privacy';
import { listRetentionRuns, listRetentionSettings } from '@cc/db/repositories/retention';
import { retentionClasses, type DataExport as DataExportRow, type RetentionClass } from '@cc/db/tables/data-protection';
import type { AuditEvent as AuditEventRow } from '@cc/db/tables/audit-events';
import { builder } from '../builder';
import type { Context } from '../context';
import { auditCustomerRead } from '../privacy/audit-log';
import { openBlockedRecords, type OpenedBlockedRecord } from '../privacy/blocked-records';
import { eraseCustomer } from '../privacy/erase-customer';
import { AuditRetentionTooShortError, CustomerAlreadyErasedError, ErasureConfirmationError, PrivacyCustomerNotFoundError } from '../privacy/errors';
import { exportDownloadPath, findPrivacyCustomer, startDataExport } from '../privacy/exports';
import { dryRunRetention, setRetention, startRetentionPurge } from '../privacy/retention';
import { Customer } from './customers';
import { ErrorInterface, inputErrors } from './errors';

/* Data protection for administrators: subject access, erasure, blocked records, retention, audit. */

const ExportStatusEnum = builder.enumType('DataExportStatus', {
  description: 'Where a subject-access export stands.',
  values: {
    QUEUED: { value: 'queued', description: 'Waiting for a worker.' },
    RUNNING: { value: 'running', description: 'Being built (see progress).' },
    READY: { value: 'ready', description: 'Built: downloadable through downloadUrl until expiresAt.' },
    FAILED: { value: 'failed', description: 'Could not be built (see error); start a new one.' },
    EXPIRED: { value: 'expired', description: 'Its 48 h passed: the package was removed.' },
  } as const,
});

const DataExport = builder.objectRef<DataExportRow>('DataExport').implement({
  description: 'One subject-access package of a customer: JSON of every record, emails, files, recording links, consent evidence, co-browse log, pushes and campaigns.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The export’s id.' }),
    status: t.expose('status', { type: ExportStatusEnum, description: 'Where it stands.' }),
    progress: t.exposeInt('progress', { description: 'Percent built, 0–100.' }),
    step: t.exposeString('step', { nullable: true, description: 'What is being done (records, files, ready).' }),
    sizeBytes: t.float({ nullable: true, description: 'Size of the zip once ready.', resolve: (e) => (e.size_bytes === null ? null : Number(e.size_bytes)) }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed.' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was requested.' }),
    finishedAt: t.expose('finished_at', { type: 'DateTime', nullable: true, description: 'When it was built (or failed).' }),
    expiresAt: t.expose('expires_at', { type: 'DateTime', nullable: true, description: 'When the link stops working and the package is removed (48 h after it was built).' }),
    downloadUrl: t.string({
      nullable: true,
      description: 'A signed link to the zip, valid until expiresAt, usable without signing in (hand it to the customer); null unless ready. Each download is audited.',
      resolve: (e, _a, ctx) => {
        const path = exportDownloadPath(ctx.privacy, e, ctx.clock());
        const base = ctx.env.PUBLIC_BASE_URL ?? (ctx.request ? new URL(ctx.request.url).origin : '');
        return path && `${base.replace(/\/+$/, '')}${path}`;
      },
    }),
  }),
});

const PrivacySubject = builder.simpleObject('PrivacySubject', {
  description: 'A customer as data protection sees them: who, whether erased, their exports and blocked records.',
  fields: (t) => ({
    customer: t.field({ type: Customer, description: 'The customer (after erasure: a tombstone without name or identities).' }),
    erasedAt: t.field({ type: 'DateTime', nullable: true, description: 'When their personal data was erased; null if never.' }),
    exports: t.field({ type: [DataExport], description: 'Their subject-access exports, newest first.' }),
    blockedRecords: t.int({ description: 'How many records are kept blocked (consent evidence, the claims record); open them with blockedRecords.' }),
  }),
});

const PrivacyLookup = builder.inputType('PrivacyLookup', {
  description: 'Which customer: by id, or by a phone number or email address they used (one of them).',
  fields: (t) => ({
    customerId: t.globalID({ required: false, for: [Customer], description: 'The customer’s global id.' }),
    phone: t.string({ required: false, description: 'A phone or WhatsApp number, any format (+34 600 000 000).', validate: z.string().trim().min(3).max(40).optional().nullable() }),
    email: t.string({ required: false, description: 'An email address they wrote from.', validate: z.string().trim().max(320).optional().nullable() }),
  }),
});

async function subjectOf(ctx: Context, customerId: string) {
  const [erasedAt, exports, blocked] = await Promise.all([customerErasedAt(ctx.db, customerId), listDataExports(ctx.db, customerId), listBlockedRecords(ctx.db, customerId)]);
  return { customer: customerId as never, erasedAt, exports, blockedRecords: blocked.length };
}

builder.queryField('privacySubject', (t) =>
  t.field({
    type: PrivacySubject,
    nullable: true,
    description: 'Administrators: find a customer for a data-protection request (by id, phone or email); null when none matches. Audited.',
    authScopes: { admin: true },
    args: { lookup: t.arg({ type: PrivacyLookup, required: true, description: 'Id, phone or email.' }) },
    resolve: async (_r, { lookup }, ctx) => {
      const customer = await findPrivacyCustomer(ctx.privacy, { customerId: lookup.customerId ? String(lookup.customerId.id) : null, phone: lookup.phone, email: lookup.email }, ctx.env.DEFAULT_PHONE_REGION as CountryCode).catch((e: unknown) => {
        if (e instanceof PrivacyCustomerNotFoundError) return null;
        throw e;
      });
      if (!customer) return null;
      await auditCustomerRead(ctx.db, ctx.principal, { what: 'privacy_lookup', customerId: customer.id });
      return subjectOf(ctx, customer.id);
    },
  }),
);

builder.queryField('dataExport', (t) =>
  t.field({
    type: DataExport,
    nullable: true,
    description: 'Administrators: one subject-access export (poll it for progress and the link); null when unknown.',
    authScopes: { admin: true },
    args: { id: t.arg.id({ required: true, description: 'DataExport.id.' }) },
    resolve: (_r, { id }, ctx) => (z.uuid().safeParse(String(id)).success ? getDataExport(ctx.db, String(id)) : null),
  }),
);

const BlockedRecord = builder.objectRef<OpenedBlockedRecord>('BlockedRecord').implement({
  description: 'A record kept after an erasure because the law requires it (LOPDGDD art. 32), opened for an administrator.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The blocked record’s id.' }),
    sourceTable: t.exposeString('sourceTable', { description: 'Where it was kept from (consents, cobrowse_sessions, customers).' }),
    sourceId: t.exposeString('sourceId', { description: 'That row’s id.' }),
    legalBasis: t.exposeString('legalBasis', { description: 'Why it is kept: consent_evidence or claims.' }),
    blockedAt: t.expose('blockedAt', { type: 'DateTime', description: 'When it was blocked (the erasure).' }),
    keepUntil: t.expose('keepUntil', { type: 'DateTime', description: 'When retention removes it.' }),
    content: t.expose('content', { type: 'JSON', description: 'The record as it was.' }),
  }),
});

builder.queryField('blockedRecords', (t) =>
  t.field({
    type: [BlockedRecord],
    description: 'Administrators only (never supervisors or agents): open an erased customer’s blocked records, stating why (a court order, an authority’s request, a claim). The reason is audited before anything is returned.',
    authScopes: { admin: true },
    args: {
      customerId: t.arg.globalID({ required: true, for: [Customer], description: 'The customer’s global id.' }),
      reason: t.arg.string({ required: true, description: 'Why they are opened, 10–500 characters (kept in the audit log).', validate: z.string().trim().min(10, 'State why the records are opened.').max(500) }),
    },
    resolve: (_r, { customerId, reason }, ctx) => openBlockedRecords(ctx.privacy, ctx.principal, { customerId: String(customerId.id), reason: reason.trim() }),
  }),
);

const RetentionClassEnum = builder.enumType('RetentionClass', {
  description: 'A class of data with its own retention period.',
  values: {
    RECORDINGS: { value: 'recordings', description: 'Call recordings (deleted at Twilio, links forgotten), counted from the call’s end.' },
    MEDIA: { value: 'media', description: 'Files customers sent and agents pushed (never the push library).' },
    TRANSCRIPTS: { value: 'transcripts', description: 'Message text, locations and email content of ended interactions.' },
    COBROWSE_LOGS: { value: 'cobrowse_logs', description: 'Recorded co-browse events.' },
    CLOSED_INTERACTIONS: { value: 'closed_interactions', description: 'Whole ended interactions with their messages, files, pushes and steps (kept while a consent names them).' },
    AUDIT: { value: 'audit', description: 'Audit log entries (at least 365 days).' },
    WEBHOOK_LOGS: { value: 'webhook_logs', description: 'Outbound webhook events with their deliveries and attempts, once no delivery is still pending or retrying.' },
    BLOCKED: { value: 'blocked', description: 'Blocked records of erased customers; the period is set on each when blocked (default 5 years).' },
  } as const satisfies Record<string, { value: RetentionClass; description: string }>,
});

const RetentionSetting = builder.simpleObject('RetentionSetting', {
  description: 'How long one class of data is kept.',
  fields: (t) => ({
    dataClass: t.field({ type: RetentionClassEnum, description: 'The class.' }),
    days: t.int({ nullable: true, description: 'Days kept; null: kept until a period is set.' }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was last set; null if never.' }),
  }),
});

builder.queryField('retentionSettings', (t) =>
  t.field({
    type: [RetentionSetting],
    description: 'Administrators: the retention period of every data class.',
    authScopes: { admin: true },
    resolve: async (_r, _a, ctx) => {
      const rows = await listRetentionSettings(ctx.db);
      return retentionClasses.map((c) => {
        const row = rows.find((r) => r.data_class === c);
        return { dataClass: c, days: row?.days ?? null, updatedAt: row?.updated_at ?? null };
      });
    },
  }),
);

const RetentionRun = builder.simpleObject('RetentionRun', {
  description: 'One purge (daily schedule or an administrator’s), or a dry run that only counted.',
  fields: (t) => ({
    id: t.id({ description: 'The run’s id.' }),
    dryRun: t.boolean({ description: 'True: only counted what would go.' }),
    asOf: t.field({ type: 'DateTime', description: 'The instant periods were counted back from.' }),
    counts: t.field({ type: 'JSON', description: 'Rows removed (or that would be) per class, e.g. {"media": 12}.' }),
    startedAt: t.field({ type: 'DateTime', description: 'When it started.' }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it finished; null while running.' }),
  }),
});

const runOut = (r: { id: string; dry_run: boolean; as_of: Date; counts: Record<string, number>; started_at: Date; finished_at: Date | null }) => ({ id: r.id, dryRun: r.dry_run, asOf: r.as_of, counts: r.counts, startedAt: r.started_at, finishedAt: r.finished_at });

builder.queryField('retentionRuns', (t) =>
  t.field({
    type: [RetentionRun],
    description: 'Administrators: the latest purges and dry runs, newest first.',
    authScopes: { admin: true },
    args: { last: t.arg.int({ required: false, defaultValue: 20, description: 'How many, 1–100.', validate: z.number().int().min(1).max(100) }) },
    resolve: async (_r, { last }, ctx) => (await listRetentionRuns(ctx.db, last ?? 20)).map(runOut),
  }),
);

const AuditEvent = builder.objectRef<AuditEventRow>('AuditEvent').implement({
  description: 'One entry of the append-only audit log.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The entry’s id.' }),
    action: t.exposeString('action', { description: 'What happened, e.g. user.login_failed, customer.read.timeline, customer.erased, queue.updated.' }),
    actorType: t.exposeString('actor_type', { description: 'user, api_key or system.' }),
    actorId: t.exposeString('actor_id', { nullable: true, description: 'The user’s or key’s id.' }),
    subjectType: t.exposeString('subject_type', { nullable: true, description: 'What it concerns (customer, user, queue, agent, media…).' }),
    subjectId: t.exposeString('subject_id', { nullable: true, description: 'Its id.' }),
    data: t.expose('data', { type: 'JSON', description: 'Details (ids, counts, reasons — never customers’ personal data).' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When.' }),
  }),
});

const AuditFilterInput = builder.inputType('AuditFilter', {
  description: 'Narrows the audit log; every given field must match.',
  fields: (t) => ({
    actions: t.stringList({ required: false, description: 'Actions, exact (user.login_failed) or as a prefix ending in a dot (customer.).', validate: z.array(z.string().trim().min(1).max(100)).max(20).optional().nullable() }),
    actorId: t.id({ required: false, description: 'Only what this user or key did (raw id).' }),
    subjectType: t.string({ required: false, description: 'Only entries about this kind of thing (customer, user…).' }),
    subjectId: t.string({ required: false, description: 'Only entries about this id.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'From this instant (inclusive).' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Until this instant (exclusive).' }),
  }),
});

type AuditFilterArg = { actions?: string[] | null; actorId?: string | number | null; subjectType?: string | null; subjectId?: string | null; from?: Date | null; to?: Date | null } | null | undefined;
const auditFilter = (f: AuditFilterArg): AuditFilter => ({
  actions: f?.actions ?? undefined,
  actorId: f?.actorId && z.uuid().safeParse(String(f.actorId)).success ? String(f.actorId) : f?.actorId ? '00000000-0000-0000-0000-000000000000' : undefined,
  subjectType: f?.subjectType ?? undefined,
  subjectId: f?.subjectId ?? undefined,
  from: f?.from ?? undefined,
  to: f?.to ?? undefined,
});

const AuditPage = builder.simpleObject('AuditPage', {
  description: 'A page of the audit log, newest first.',
  fields: (t) => ({
    events: t.field({ type: [AuditEvent], description: 'The entries.' }),
    nextCursor: t.string({ nullable: true, description: 'Pass as `before` for the next (older) page; null at the end.' }),
  }),
});

const cursorOf = (e: AuditEventRow) => Buffer.from(`${e.created_at.toISOString()}|${e.id}`).toString('base64url');
function parseCursor(cursor: string | null | undefined) {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  return Number.isNaN(createdAt.getTime()) || !id || !z.uuid().safeParse(id).success ? undefined : { createdAt, id };
}

builder.queryField('auditEvents', (t) =>
  t.field({
    type: AuditPage,
    description: 'Administrators: search the audit log (reads of customer data, failed sign-ins, administrators’ and supervisors’ changes, erasures…), newest first.',
    authScopes: { admin: true },
    args: {
      filter: t.arg({ type: AuditFilterInput, required: false, description: 'Which entries; all when omitted.' }),
      first: t.arg.int({ required: false, defaultValue: 50, description: 'Page size, 1–200.', validate: z.number().int().min(1).max(200) }),
      before: t.arg.string({ required: false, description: 'AuditPage.nextCursor of the previous page.' }),
    },
    resolve: async (_r, { filter, first, before }, ctx) => {
      const limit = first ?? 50;
      const rows = await searchAuditEvents(ctx.db, auditFilter(filter), { limit: limit + 1, before: parseCursor(before) });
      const events = rows.slice(0, limit);
      return { events, nextCursor: rows.length > limit ? cursorOf(events[events.length - 1]!) : null };
    },
  }),
);

/** Most rows one CSV export holds; narrow the filter for more. */
const csvMaxRows = 10_000;

builder.queryField('auditEventsCsv', (t) =>
  t.field({
    type: 'String',
    description: `Administrators: the audit entries matching the filter as CSV (RFC 4180, header row; newest first, at most ${csvMaxRows}).`,
    authScopes: { admin: true },
    args: { filter: t.arg({ type: AuditFilterInput, required: false, description: 'Which entries; all when omitted.' }) },
    resolve: async (_r, { filter }, ctx) => {
      const rows = await searchAuditEvents(ctx.db, auditFilter(filter), { limit: csvMaxRows });
      return stringify(
        rows.map((e) => [e.created_at.toISOString(), e.action, e.actor_type, e.actor_id ?? '', e.subject_type ?? '', e.subject_id ?? '', JSON.stringify(e.data)]),
        { header: true, columns: ['created_at', 'action', 'actor_type', 'actor_id', 'subject_type', 'subject_id', 'data'] },
      );
    },
  }),
);

const StartDataExportInput = builder.inputType('StartDataExportInput', {
  description: 'Whose data to export.',
  fields: (t) => ({ customerId: t.globalID({ required: true, for: [Customer], description: 'The customer’s global id (find it with privacySubject).' }) }),
});

const StartDataExportPayload = builder.simpleObject('StartDataExportPayload', {
  description: 'The export was queued; poll dataExport for progress and the link.',
  fields: (t) => ({ export: t.field({ type: DataExport, description: 'The export, queued.' }) }),
});

for (const [cls, description] of [
  [PrivacyCustomerNotFoundError, 'No customer has this id, phone number or email address; nothing was done.'],
  [CustomerAlreadyErasedError, 'The customer was already erased; nothing was done (their blocked records remain).'],
  [ErasureConfirmationError, 'The confirmation did not repeat the customer’s id; nothing was erased.'],
  [AuditRetentionTooShortError, 'Audit entries are kept at least 365 days; nothing was changed.'],
] as const) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description, interfaces: [ErrorInterface], fields: () => ({}) });
}

builder.mutationField('startDataExport', (t) =>
  t.field({
    type: StartDataExportPayload,
    description: 'Administrators: start a subject-access export of a customer (right of access): a package built in the background, downloadable for 48 h. Audited.',
    authScopes: { admin: true },
    errors: { types: [PrivacyCustomerNotFoundError, CustomerAlreadyErasedError, ...inputErrors], directResult: true, union: { name: 'StartDataExportResult' } },
    args: { input: t.arg({ type: StartDataExportInput, required: true, description: 'The customer.' }) },
    resolve: async (_r, { input }, ctx) => {
      const customer = await findPrivacyCustomer(ctx.privacy, { customerId: String(input.customerId.id) }, ctx.env.DEFAULT_PHONE_REGION as CountryCode);
      return { export: await startDataExport(ctx.privacy, ctx.principal, customer.id) };
    },
  }),
);

const EraseCustomerInput = builder.inputType('EraseCustomerInput', {
  description: 'Which customer to erase, confirmed, and why.',
  fields: (t) => ({
    customerId: t.globalID({ required: true, for: [Customer], description: 'The customer’s global id.' }),
    confirmCustomerId: t.string({ required: true, description: 'The same global id typed again: erasure cannot be undone.' }),
    reason: t.string({ required: true, description: 'The request being honoured (e.g. “erasure request of 2026-12-01, ticket 123”), 5–500 characters; audited.', validate: z.string().trim().min(5, 'Say which request this erasure honours.').max(500) }),
  }),
});

const EraseCustomerPayload = builder.simpleObject('EraseCustomerPayload', {
  description: 'The customer’s personal data was erased; what the law keeps is blocked.',
  fields: (t) => ({
    customer: t.field({ type: Customer, description: 'The customer, now a tombstone.' }),
    erasedAt: t.field({ type: 'DateTime', description: 'When.' }),
    counts: t.field({ type: 'JSON', description: 'Rows removed or anonymised per table.' }),
    blockedRecords: t.int({ description: 'Records kept blocked (consent evidence, the claims record).' }),
    twilioResources: t.int({ description: 'Recordings, media, message and call logs queued for deletion at Twilio (a workflow; its outcome is audited).' }),
  }),
});

builder.mutationField('eraseCustomer', (t) =>
  t.field({
    type: EraseCustomerPayload,
    description: 'Administrators: erase a customer (right to erasure) across every table and file and at Twilio; consent evidence and the claims record are kept blocked (admins only). Integrators get customer.erased. Cannot be undone. Audited.',
    authScopes: { admin: true },
    errors: { types: [PrivacyCustomerNotFoundError, CustomerAlreadyErasedError, ErasureConfirmationError, ...inputErrors], directResult: true, union: { name: 'EraseCustomerResult' } },
    args: { input: t.arg({ type: EraseCustomerInput, required: true, description: 'The customer, the confirmation and the reason.' }) },
    resolve: async (_r, { input }, ctx) => {
      const id = String(input.customerId.id);
      // The console shows (and asks for) the global id; the raw id is accepted too.
      const confirmed = [id, encodeGlobalID('Customer', id)].includes(input.confirmCustomerId.trim()) ? id : input.confirmCustomerId;
      const r = await eraseCustomer(ctx.privacy, ctx.principal, { customerId: id, confirmCustomerId: confirmed, reason: input.reason.trim() });
      return { customer: r.customerId as never, erasedAt: r.erasedAt, counts: r.counts, blockedRecords: r.blocked, twilioResources: r.twilioResources };
    },
  }),
);

const SetRetentionInput = builder.inputType('SetRetentionInput', {
  description: 'A retention period.',
  fields: (t) => ({
    dataClass: t.field({ type: RetentionClassEnum, required: true, description: 'Which class of data.' }),
    days: t.int({ required: false, description: 'Days to keep, 1–36500 (audit: at least 365); null: keep until set.', validate: z.number().int().min(1).max(36_500).optional().nullable() }),
  }),
});

const SetRetentionPayload = builder.simpleObject('SetRetentionPayload', {
  description: 'The period was saved; the next purge applies it (try a dry run first).',
  fields: (t) => ({ setting: t.field({ type: RetentionSetting, description: 'The period as stored.' }) }),
});

builder.mutationField('setRetentionPeriod', (t) =>
  t.field({
    type: SetRetentionPayload,
    description: 'Administrators: set how long a class of data is kept. Audited.',
    authScopes: { admin: true },
    errors: { types: [AuditRetentionTooShortError, ...inputErrors], directResult: true, union: { name: 'SetRetentionResult' } },
    args: { input: t.arg({ type: SetRetentionInput, required: true, description: 'The class and its period.' }) },
    resolve: async (_r, { input }, ctx) => {
      const s = await setRetention(ctx.privacy, ctx.principal, { dataClass: input.dataClass, days: input.days ?? null });
      return { setting: { dataClass: s.data_class, days: s.days, updatedAt: s.updated_at } };
    },
  }),
);

const RunRetentionPayload = builder.simpleObject('RunRetentionPayload', {
  description: 'A dry run’s counts (finished), or a purge started in the background (follow it in retentionRuns).',
  fields: (t) => ({ run: t.field({ type: RetentionRun, description: 'The run.' }) }),
});

builder.mutationField('runRetention', (t) =>
  t.field({
    type: RunRetentionPayload,
    description: 'Administrators: count what the retention periods would remove now (dryRun: true, answered at once), or purge it now in the background (the daily schedule does the same). Audited.',
    authScopes: { admin: true },
    args: { dryRun: t.arg.boolean({ required: true, description: 'True: only count.' }) },
    resolve: async (_r, { dryRun }, ctx) => ({ run: runOut(dryRun ? await dryRunRetention(ctx.privacy, ctx.principal) : await startRetentionPurge(ctx.privacy, ctx.principal)) }),
  }),
);
