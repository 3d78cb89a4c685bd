import { encodeGlobalID } from '@pothos/plugin-relay';
import type { SegmentFilter as SegmentFilterValue } from '@cc/core/segment-filter';
import { getSegment, listSegments } from '@cc/db/repositories/segments';
import type { Segment as SegmentRow } from '@cc/db/tables/segments';
import { builder } from '../builder';
import type { SegmentFilterInput as SegmentFilterArgs } from '../audience/attribute-rules';
import { InvalidAttributeError, isRowId, SegmentNameTakenError } from '../audience/errors';
import { createSegment, deleteSegment, previewSegmentCount, segmentCount, updateSegment } from '../audience/segments';
import type { Context } from '../context';
import { NotFoundError } from '../routing/errors';
import { ConsentPurposeEnum } from './consent';
import { inputErrors } from './errors';
import { ChannelEnum } from './routing-enums';
import { User } from './users';

// Segments (supervisors): saved customer filters for campaigns, and the live count of a filter.

const SegmentFieldEquals = builder.simpleObject('SegmentFieldEquals', {
  description: 'A custom field that must hold exactly this value.',
  fields: (t) => ({
    key: t.string({ description: 'The custom field’s name.' }),
    value: t.field({ type: 'JSON', description: 'The value it must equal: a string, number or boolean (types are compared too: "3" is not 3).' }),
  }),
});

const SegmentChannelActivity = builder.simpleObject('SegmentChannelActivity', {
  description: 'Had (or had not) an interaction on a channel in the last days.',
  fields: (t) => ({
    channel: t.field({ type: ChannelEnum, description: 'The channel.' }),
    withinDays: t.int({ description: 'How many days back from now.' }),
    had: t.boolean({ description: 'True: had one; false: had none.' }),
  }),
});

const SegmentFilter = builder.objectRef<SegmentFilterValue>('SegmentFilter').implement({
  description: 'Who a segment selects: every criterion set must hold (empty lists select everyone); always only customers with the consent named.',
  fields: (t) => ({
    tagsAny: t.field({ type: ['String'], description: 'At least one of these tags.', resolve: (f) => f.tagsAny ?? [] }),
    tagsAll: t.field({ type: ['String'], description: 'Every one of these tags.', resolve: (f) => f.tagsAll ?? [] }),
    languages: t.field({ type: ['String'], description: 'One of these languages (ISO 639-1).', resolve: (f) => f.languages ?? [] }),
    countries: t.field({ type: ['String'], description: 'One of these countries (ISO 3166-1 alpha-2).', resolve: (f) => f.countries ?? [] }),
    timeZones: t.field({ type: ['String'], description: 'One of these time zones (IANA).', resolve: (f) => f.timeZones ?? [] }),
    fieldEquals: t.field({ type: [SegmentFieldEquals], description: 'Custom fields with these exact values.', resolve: (f) => (f.fieldEquals ?? []).map((c) => ({ key: c.key, value: c.equals })) }),
    consentPurpose: t.field({ type: ConsentPurposeEnum, description: 'The WhatsApp consent required (MARKETING unless SERVICE was chosen): the newest record for it, or an opt-out (ALL), decides.', resolve: (f) => f.consent?.purpose ?? 'marketing' }),
    lastContactAfter: t.field({ type: 'DateTime', nullable: true, description: 'Last contact (any channel) after this instant.', resolve: (f) => (f.lastContactAfter ? new Date(f.lastContactAfter) : null) }),
    lastContactBefore: t.field({ type: 'DateTime', nullable: true, description: 'No contact since this instant (never contacted included).', resolve: (f) => (f.lastContactBefore ? new Date(f.lastContactBefore) : null) }),
    channelActivity: t.field({ type: SegmentChannelActivity, nullable: true, description: 'Activity on a channel in the last days.', resolve: (f) => f.channelActivity ?? null }),
  }),
});

export const Segment = builder.loadableNodeRef('Segment', {
  id: { resolve: (s: SegmentRow) => s.id },
  load: async (ids: string[], ctx: Context) => {
    const rows = await Promise.all(ids.map((id) => (isRowId(id) ? getSegment(ctx.db, id) : undefined)));
    return rows.map((r) => r ?? new NotFoundError('Segment'));
  },
});

Segment.implement({
  authScopes: { supervisor: true },
  description: 'A saved filter of customers (tags, language, country, time zone, custom fields, consent, contact history) that campaigns send to; evaluated when used. Supervisors.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique name (regardless of case).' }),
    description: t.exposeString('description', { nullable: true, description: 'What it is for; null when none.' }),
    filter: t.field({ type: SegmentFilter, description: 'Its criteria.', resolve: (s) => s.filter }),
    recipientCount: t.int({ description: 'How many customers it selects now (with the consent it requires and a WhatsApp or phone number).', resolve: (s, _a, ctx) => segmentCount(ctx, s.filter) }),
    createdBy: t.field({ type: User, nullable: true, description: 'Who created it; null when that user was removed.', resolve: (s) => s.created_by_user_id }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: 'When it was last changed.' }),
  }),
});

const SegmentFieldEqualsInput = builder.inputType('SegmentFieldEqualsInput', {
  description: 'A custom field that must hold exactly this value.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The custom field’s name.' }),
    value: t.field({ type: 'JSON', required: true, description: 'A string (up to 500 characters), number or boolean.' }),
  }),
});

const SegmentChannelActivityInput = builder.inputType('SegmentChannelActivityInput', {
  description: 'Had (or had not) an interaction on a channel in the last days.',
  fields: (t) => ({
    channel: t.field({ type: ChannelEnum, required: true, description: 'The channel (e.g. WHATSAPP).' }),
    withinDays: t.int({ required: true, description: 'Days back from now, 1–3650.' }),
    had: t.boolean({ required: false, defaultValue: true, description: 'True (default): had one; false: had none.' }),
  }),
});

export const SegmentFilterInput = builder.inputType('SegmentFilterInput', {
  description: 'Who to select: every criterion given must hold; leave one out (or empty) to select everyone on it. Only customers with the consent named are ever selected.',
  fields: (t) => ({
    tagsAny: t.stringList({ required: false, description: 'At least one of these tags.' }),
    tagsAll: t.stringList({ required: false, description: 'Every one of these tags.' }),
    languages: t.stringList({ required: false, description: 'One of these languages (ISO 639-1: es, en).' }),
    countries: t.stringList({ required: false, description: 'One of these countries (ISO 3166-1 alpha-2: ES, GB).' }),
    timeZones: t.stringList({ required: false, description: 'One of these IANA time zones (Europe/Madrid).' }),
    fieldEquals: t.field({ type: [SegmentFieldEqualsInput], required: false, description: 'Custom fields with these exact values (each name once).' }),
    consentPurpose: t.field({ type: ConsentPurposeEnum, required: false, defaultValue: 'marketing', description: 'The WhatsApp consent required: MARKETING (default) or SERVICE.' }),
    lastContactAfter: t.field({ type: 'DateTime', required: false, description: 'Last contact (any channel) after this instant.' }),
    lastContactBefore: t.field({ type: 'DateTime', required: false, description: 'No contact since this instant (never contacted included).' }),
    channelActivity: t.field({ type: SegmentChannelActivityInput, required: false, description: 'Had (or had not) an interaction on a channel in the last days.' }),
  }),
});

/** The GraphQL input as the audience rules take it. */
export function segmentFilterArgs(input: typeof SegmentFilterInput.$inferInput): SegmentFilterArgs {
  return { ...input, fieldEquals: input.fieldEquals?.map((f) => ({ key: f.key, value: f.value })) };
}

builder.queryField('segments', (t) =>
  t.field({
    type: [Segment],
    description: 'Every saved segment, by name. Supervisors.',
    authScopes: { supervisor: true },
    resolve: (_r, _a, ctx) => listSegments(ctx.db),
  }),
);

const SegmentPreview = builder.simpleObject('SegmentPreview', {
  description: 'What a filter selects now, without saving it.',
  fields: (t) => ({ recipientCount: t.int({ description: 'How many customers it selects (with the consent and a WhatsApp or phone number).' }) }),
});

builder.queryField('segmentPreview', (t) =>
  t.field({
    type: SegmentPreview,
    description: 'The live count of a filter while a supervisor builds a segment (nothing saved). Supervisors.',
    authScopes: { supervisor: true },
    errors: { types: [InvalidAttributeError, ...inputErrors], directResult: true, union: { name: 'SegmentPreviewResult' } },
    args: { filter: t.arg({ type: SegmentFilterInput, required: true, description: 'The criteria.' }) },
    resolve: async (_r, { filter }, ctx) => ({ recipientCount: await previewSegmentCount(ctx, segmentFilterArgs(filter)) }),
  }),
);

const SegmentPayload = builder.simpleObject('SegmentPayload', {
  description: 'The segment as saved.',
  fields: (t) => ({ segment: t.field({ type: Segment, description: 'The segment.' }) }),
});

const SaveSegmentFields = {
  name: 'Unique name, 1–100 characters.',
  description: 'What it is for, up to 1000 characters.',
  filter: 'Its criteria.',
};

const CreateSegmentInput = builder.inputType('CreateSegmentInput', {
  description: 'A new segment.',
  fields: (t) => ({
    name: t.string({ required: true, description: SaveSegmentFields.name }),
    description: t.string({ required: false, description: SaveSegmentFields.description }),
    filter: t.field({ type: SegmentFilterInput, required: true, description: SaveSegmentFields.filter }),
  }),
});

const UpdateSegmentInput = builder.inputType('UpdateSegmentInput', {
  description: 'A segment’s new name, description and criteria (all replaced).',
  fields: (t) => ({
    segmentId: t.globalID({ required: true, for: [Segment], description: 'The segment.' }),
    name: t.string({ required: true, description: SaveSegmentFields.name }),
    description: t.string({ required: false, description: SaveSegmentFields.description }),
    filter: t.field({ type: SegmentFilterInput, required: true, description: SaveSegmentFields.filter }),
  }),
});

const userIdOf = (ctx: Context) => (ctx.principal.kind === 'user' ? ctx.principal.userId : '');

builder.mutationField('createSegment', (t) =>
  t.field({
    type: SegmentPayload,
    description: 'Saves a segment. Supervisors; audited.',
    authScopes: { supervisor: true },
    errors: { types: [SegmentNameTakenError, InvalidAttributeError, ...inputErrors], directResult: true, union: { name: 'CreateSegmentResult' } },
    args: { input: t.arg({ type: CreateSegmentInput, required: true, description: 'Name, description and criteria.' }) },
    resolve: async (_r, { input }, ctx) => ({
      segment: await createSegment(ctx, { userId: userIdOf(ctx), input: { name: input.name, description: input.description ?? null, filter: segmentFilterArgs(input.filter) } }),
    }),
  }),
);

builder.mutationField('updateSegment', (t) =>
  t.field({
    type: SegmentPayload,
    description: 'Changes a segment’s name, description and criteria. Supervisors; audited.',
    authScopes: { supervisor: true },
    errors: { types: [NotFoundError, SegmentNameTakenError, InvalidAttributeError, ...inputErrors], directResult: true, union: { name: 'UpdateSegmentResult' } },
    args: { input: t.arg({ type: UpdateSegmentInput, required: true, description: 'The segment and its new values.' }) },
    resolve: async (_r, { input }, ctx) => ({
      segment: await updateSegment(ctx, {
        userId: userIdOf(ctx),
        segmentId: String(input.segmentId.id),
        input: { name: input.name, description: input.description ?? null, filter: segmentFilterArgs(input.filter) },
      }),
    }),
  }),
);

const DeleteSegmentPayload = builder.simpleObject('DeleteSegmentPayload', {
  description: 'The segment was deleted.',
  fields: (t) => ({ deletedSegmentId: t.id({ description: 'The global id it had.' }) }),
});

builder.mutationField('deleteSegment', (t) =>
  t.field({
    type: DeleteSegmentPayload,
    description: 'Deletes a segment. Supervisors; audited.',
    authScopes: { supervisor: true },
    errors: { types: [NotFoundError, ...inputErrors], directResult: true, union: { name: 'DeleteSegmentResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('DeleteSegmentInput', {
          description: 'Which segment.',
          fields: (f) => ({ segmentId: f.globalID({ required: true, for: [Segment], description: 'The segment.' }) }),
        }),
        required: true,
        description: 'Which segment.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      const deleted = await deleteSegment(ctx, { userId: userIdOf(ctx), segmentId: String(input.segmentId.id) });
      return { deletedSegmentId: encodeGlobalID('Segment', deleted.id) };
    },
  }),
);
