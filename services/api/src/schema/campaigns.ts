import { z } from 'zod';
import type { BusinessHours } from '@cc/core/business-hours';
import type { SegmentFilter } from '@cc/core/segment-filter';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { campaignReplyContext } from '@cc/db/repositories/campaign-recipients';
import { getCampaign, listCampaigns } from '@cc/db/repositories/campaigns';
import { getSegment } from '@cc/db/repositories/segments';
import type { Campaign as CampaignRow } from '@cc/db/tables/campaigns';
import { builder } from '../builder';
import {
  CampaignNotFoundError,
  CampaignStateError,
  CampaignTemplateError,
  InvalidCampaignError,
} from '../campaigns/errors';
import {
  cancelCampaign,
  createCampaign,
  getCampaignProgress,
  pauseCampaign,
  previewCampaign,
  resumeCampaign,
  scheduleCampaign,
  type CampaignDraft,
} from '../campaigns/service';
import { campaignResultsPath } from '../campaigns/results-csv';
import type { Context } from '../context';
import { NotFoundError } from '../routing/errors';
import { inputErrors } from './errors';
import { Interaction, Message } from './interactions';
import { Segment } from './segments';
import { assertSupervisorCanSubscribe } from './subscription-auth';
import { startingWith } from './subscription-start';

const CampaignStatusEnum = builder.enumType('CampaignStatus', {
  description: 'Where a campaign stands.',
  values: {
    DRAFT: { value: 'draft', description: 'Saved, not scheduled.' },
    SCHEDULED: { value: 'scheduled', description: 'Waiting for its start.' },
    RUNNING: { value: 'running', description: 'Snapshotting or sending.' },
    PAUSED: {
      value: 'paused',
      description: 'Stopped until resumed (by a supervisor, or by itself: see pauseReason).',
    },
    COMPLETED: { value: 'completed', description: 'Every recipient has an outcome.' },
    CANCELLED: {
      value: 'cancelled',
      description: 'Stopped for good; recipients not yet sent never will be.',
    },
  } as const,
});

const CodeCount = builder.simpleObject('CampaignCodeCount', {
  description: 'Recipients with one failure code or skip reason.',
  fields: (t) => ({
    code: t.string({
      description:
        'Twilio/Meta error code (63016, 63018, 130429, 131049, 131056…) or skip reason (opted_out, no_consent, frequency_cap, empty_variable:<keys>…).',
    }),
    count: t.int({ description: 'How many recipients.' }),
  }),
});

const CampaignProgress = builder.simpleObject('CampaignProgress', {
  description:
    'A campaign’s figures now. Every recipient is counted once by state; delivered/read/replied overlap sent.',
  fields: (t) => ({
    campaignId: t.id({ description: 'The campaign’s global id.' }),
    status: t.field({ type: CampaignStatusEnum, description: 'The campaign’s status.' }),
    total: t.int({
      description: 'Recipients snapshotted so far (the segment’s consented customers).',
    }),
    queued: t.int({
      description: 'Waiting to be sent (including those waiting for their quiet hours to end).',
    }),
    sent: t.int({ description: 'Accepted by Twilio.' }),
    delivered: t.int({ description: 'Delivered (includes read).' }),
    read: t.int({ description: 'Read by the customer.' }),
    replied: t.int({
      description:
        'Answered on WhatsApp within the reply window (each reply is an interaction in the queue).',
    }),
    failed: t.int({
      description: 'Refused by Twilio/Meta or failed on delivery; see failedByCode.',
    }),
    failedByCode: t.field({
      type: [CodeCount],
      description: 'Failures per Twilio/Meta error code.',
    }),
    skipped: t.int({ description: 'Not sent on purpose; see skippedByReason.' }),
    skippedByReason: t.field({ type: [CodeCount], description: 'Skips per reason.' }),
    optedOut: t.int({
      description: 'Skipped because they had opted out (STOP/BAJA) by the time of their send.',
    }),
    outcomeUnknown: t.int({
      description:
        'A send cut off mid-request (a worker crash) with no word from Twilio yet; never repeated.',
    }),
    linkClicks: t.int({ description: 'Opens of the campaign’s tracked links.' }),
    eta: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the last queued recipient should be sent at the campaign’s rate, each only inside the quiet hours’ allowed windows on their own clock; null unless running (or when a queued zone never opens).',
    }),
  }),
});

async function progressOf(ctx: Context, campaignId: string) {
  const p = await getCampaignProgress(ctx.campaigns, campaignId);
  return {
    ...p,
    campaignId: encodeGlobalID('Campaign', campaignId),
    outcomeUnknown: p.unknown,
    failedByCode: p.failedByCode,
    skippedByReason: p.skippedByReason.map((r) => ({ code: r.reason, count: r.count })),
  };
}

export const Campaign = builder.loadableNodeRef('Campaign', {
  id: { resolve: (c: CampaignRow) => c.id },
  load: async (ids: string[], ctx: Context) => {
    const rows = await Promise.all(
      ids.map((id) => (z.uuid().safeParse(id).success ? getCampaign(ctx.db, id) : undefined)),
    );
    return rows.map((r) => r ?? new NotFoundError('Campaign'));
  },
});

Campaign.implement({
  authScopes: { supervisor: true },
  description:
    'A WhatsApp marketing campaign: a segment, an approved MARKETING template with its variables, pacing and quiet hours. Supervisors.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name.' }),
    status: t.field({
      type: CampaignStatusEnum,
      description: 'Where it stands.',
      resolve: (c) => c.status,
    }),
    pauseReason: t.exposeString('pause_reason', {
      nullable: true,
      description:
        'Why it is paused (a supervisor, or the failure/block rate that crossed its threshold).',
    }),
    segment: t.field({
      type: Segment,
      nullable: true,
      description:
        'The segment it was created from (its filter was frozen then); null when deleted since.',
      resolve: (c) => c.segment_id,
    }),
    templateSid: t.exposeString('template_sid', { description: 'The template (HX…).' }),
    ratePerSecond: t.exposeFloat('rate_per_second', { description: 'Messages per second.' }),
    frequencyCapCount: t.exposeInt('frequency_cap_count', {
      description: 'Marketing messages per person per frequencyCapDays, across campaigns.',
    }),
    frequencyCapDays: t.exposeInt('frequency_cap_days', {
      description: 'The cap’s window in days.',
    }),
    quietHours: t.field({
      type: 'JSON',
      description:
        'When recipients may be messaged, on their own clock (business-hours shape: {mon:[{open,close}]…}).',
      resolve: (c) => c.quiet_hours,
    }),
    defaultTimeZone: t.exposeString('default_time_zone', {
      description: 'For recipients whose time zone is unknown.',
    }),
    scheduledAt: t.expose('scheduled_at', {
      type: 'DateTime',
      nullable: true,
      description: 'Its scheduled start.',
    }),
    startedAt: t.expose('started_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When it started.',
    }),
    finishedAt: t.expose('finished_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When it completed or was cancelled.',
    }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was created.' }),
    progress: t.field({
      type: CampaignProgress,
      description: 'Its figures now.',
      resolve: (c, _a, ctx) => progressOf(ctx, c.id),
    }),
    resultsCsvPath: t.string({
      description:
        'GET this path (with your bearer token or session) for the per-recipient results as CSV.',
      resolve: (c) => campaignResultsPath(c.id),
    }),
  }),
});

builder.queryField('campaigns', (t) =>
  t.field({
    type: [Campaign],
    description: 'Campaigns, newest first. Supervisors.',
    authScopes: { supervisor: true },
    args: {
      first: t.arg.int({
        required: false,
        defaultValue: 50,
        description: 'How many (1–200).',
        validate: z.number().int().min(1).max(200).nullable().optional(),
      }),
    },
    resolve: (_r, { first }, ctx) => listCampaigns(ctx.db, { limit: first ?? 50 }),
  }),
);

const VariableInput = builder.inputType('CampaignVariableInput', {
  description: 'Where one template placeholder’s value comes from.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The placeholder’s key ("1" for {{1}}).' }),
    source: t.string({
      required: true,
      description:
        'displayName, language, country, phone, link (the tracked link), text (the fallback itself) or field:<key> (a custom field).',
    }),
    fallback: t.string({
      required: false,
      description:
        'Used when the source is blank; without one, such a recipient is skipped (never sent a blank).',
    }),
  }),
});

const messageFields = {
  segmentId: 'The saved segment to send to (its filter is frozen into the campaign).',
  templateSid: 'An approved WhatsApp template of the MARKETING category (HX…).',
  variables: 'A source for every placeholder of the template.',
  linkUrl: 'Where a `link` variable leads (tracked per recipient through /l/…); an allowed domain.',
};

const CampaignPreviewInput = builder.inputType('CampaignPreviewInput', {
  description: 'The message of a campaign being prepared.',
  fields: (t) => ({
    segmentId: t.globalID({ required: true, for: [Segment], description: messageFields.segmentId }),
    templateSid: t.string({ required: true, description: messageFields.templateSid }),
    variables: t.field({
      type: [VariableInput],
      required: true,
      description: messageFields.variables,
    }),
    linkUrl: t.string({ required: false, description: messageFields.linkUrl }),
  }),
});

const CreateCampaignInput = builder.inputType('CreateCampaignInput', {
  description: 'A new campaign; left-out settings take the configured defaults.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Its name (1–200 characters).' }),
    segmentId: t.globalID({ required: true, for: [Segment], description: messageFields.segmentId }),
    templateSid: t.string({ required: true, description: messageFields.templateSid }),
    variables: t.field({
      type: [VariableInput],
      required: true,
      description: messageFields.variables,
    }),
    linkUrl: t.string({ required: false, description: messageFields.linkUrl }),
    ratePerSecond: t.float({
      required: false,
      description:
        'Messages per second, at most the sender’s throughput (default CAMPAIGN_DEFAULT_RATE_PER_SECOND).',
    }),
    frequencyCapCount: t.int({
      required: false,
      description: 'Marketing messages per person per frequencyCapDays (default 1).',
    }),
    frequencyCapDays: t.int({ required: false, description: 'The cap’s window (default 7 days).' }),
    quietHours: t.field({
      type: 'JSON',
      required: false,
      description:
        'Allowed hours on the recipient’s clock, {mon:[{open:"09:00",close:"21:00"}],…}; default weekdays 09:00–21:00.',
    }),
    defaultTimeZone: t.string({
      required: false,
      description: 'IANA zone for recipients without one (default Europe/Madrid).',
    }),
    failureThreshold: t.float({
      required: false,
      description: 'Pause itself when this share of attempted sends failed (0–1).',
    }),
    blockThreshold: t.float({
      required: false,
      description:
        'Pause itself when this share of recipients opted out after their message (0–1).',
    }),
    startAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'Schedule it at once for this instant (past: now); left out, it stays a draft.',
    }),
  }),
});

async function segmentFilterOf(ctx: Context, segmentId: string): Promise<SegmentFilter> {
  const segment = z.uuid().safeParse(segmentId).success
    ? await getSegment(ctx.db, segmentId)
    : undefined;
  if (!segment) throw new InvalidCampaignError('segmentId', 'no such segment');
  return segment.filter;
}

const CampaignRecipientPreview = builder.simpleObject('CampaignRecipientPreview', {
  description: 'One recipient as they would read the message.',
  fields: (t) => ({
    customerId: t.id({ description: 'The customer’s global id.' }),
    displayName: t.string({ nullable: true, description: 'Their name, if known.' }),
    phone: t.string({ description: 'Their WhatsApp number (E.164).' }),
    text: t.string({
      nullable: true,
      description: 'The message text; null when they would be skipped.',
    }),
    refusal: t.string({
      nullable: true,
      description: 'Why they would be skipped (a placeholder with neither value nor fallback).',
    }),
  }),
});

const CampaignPreview = builder.simpleObject('CampaignPreview', {
  description: 'How the first recipients would read the message.',
  fields: (t) => ({
    recipients: t.field({ type: [CampaignRecipientPreview], description: 'In customer order.' }),
  }),
});

builder.queryField('campaignPreview', (t) =>
  t.field({
    type: CampaignPreview,
    description:
      'The first recipients of a segment as each would read the template with these variables. Supervisors.',
    authScopes: { supervisor: true },
    errors: {
      types: [CampaignTemplateError, InvalidCampaignError, ...inputErrors],
      directResult: true,
      union: { name: 'CampaignPreviewResult' },
    },
    args: {
      input: t.arg({
        type: CampaignPreviewInput,
        required: true,
        description: 'Segment, template and variables.',
      }),
      first: t.arg.int({
        required: false,
        defaultValue: 5,
        description: 'How many recipients (1–50).',
        validate: z.number().int().min(1).max(50).nullable().optional(),
      }),
    },
    resolve: async (_r, { input, first }, ctx) => {
      const rows = await previewCampaign(
        ctx.campaigns,
        {
          filter: await segmentFilterOf(ctx, String(input.segmentId.id)),
          templateSid: input.templateSid,
          variables: input.variables.map((v) => ({ ...v, fallback: v.fallback ?? null })),
          linkUrl: input.linkUrl ?? null,
        },
        first ?? 5,
      );
      return {
        recipients: rows.map((r) => ({
          customerId: encodeGlobalID('Customer', r.customerId),
          displayName: r.displayName,
          phone: r.phoneE164,
          text: r.text,
          refusal: r.refusal,
        })),
      };
    },
  }),
);

const CampaignPayload = builder.simpleObject('CampaignPayload', {
  description: 'The campaign as it now stands.',
  fields: (t) => ({ campaign: t.field({ type: Campaign, description: 'The campaign.' }) }),
});

const userIdOf = (ctx: Context) => (ctx.principal.kind === 'user' ? ctx.principal.userId : null);

builder.mutationField('createCampaign', (t) =>
  t.field({
    type: CampaignPayload,
    description: 'Creates a campaign (a draft, or scheduled when startAt is given). Supervisors.',
    authScopes: { supervisor: true },
    errors: {
      types: [CampaignTemplateError, InvalidCampaignError, ...inputErrors],
      directResult: true,
      union: { name: 'CreateCampaignResult' },
    },
    args: {
      input: t.arg({ type: CreateCampaignInput, required: true, description: 'The campaign.' }),
    },
    resolve: async (_r, { input }, ctx) => {
      const segmentId = String(input.segmentId.id);
      const draft: CampaignDraft = {
        name: input.name,
        segmentId,
        filter: await segmentFilterOf(ctx, segmentId),
        templateSid: input.templateSid,
        variables: input.variables.map((v) => ({ ...v, fallback: v.fallback ?? null })),
        linkUrl: input.linkUrl ?? null,
        ratePerSecond: input.ratePerSecond ?? null,
        frequencyCap:
          input.frequencyCapCount || input.frequencyCapDays
            ? {
                count: input.frequencyCapCount ?? ctx.env.CAMPAIGN_FREQUENCY_CAP_COUNT,
                days: input.frequencyCapDays ?? ctx.env.CAMPAIGN_FREQUENCY_CAP_DAYS,
              }
            : null,
        quietHours: (input.quietHours as BusinessHours | null | undefined) ?? null,
        defaultTimeZone: input.defaultTimeZone ?? null,
        failureThreshold: input.failureThreshold ?? null,
        blockThreshold: input.blockThreshold ?? null,
        startAt: input.startAt ?? null,
      };
      return { campaign: await createCampaign(ctx.campaigns, draft, userIdOf(ctx)) };
    },
  }),
);

const CampaignIdInput = builder.inputType('CampaignIdInput', {
  description: 'One campaign.',
  fields: (t) => ({
    campaignId: t.globalID({ required: true, for: [Campaign], description: 'The campaign.' }),
  }),
});

builder.mutationField('scheduleCampaign', (t) =>
  t.field({
    type: CampaignPayload,
    description:
      'Schedules a draft, or moves a scheduled campaign’s start (a durable timer: it starts even if every process restarted meanwhile). Supervisors.',
    authScopes: { supervisor: true },
    errors: {
      types: [CampaignNotFoundError, CampaignStateError, ...inputErrors],
      directResult: true,
      union: { name: 'ScheduleCampaignResult' },
    },
    args: {
      input: t.arg({
        type: builder.inputType('ScheduleCampaignInput', {
          description: 'When to start.',
          fields: (f) => ({
            campaignId: f.globalID({
              required: true,
              for: [Campaign],
              description: 'The campaign.',
            }),
            startAt: f.field({
              type: 'DateTime',
              required: false,
              description: 'The start; left out or past: now.',
            }),
          }),
        }),
        required: true,
        description: 'Campaign and start.',
      }),
    },
    resolve: async (_r, { input }, ctx) => ({
      campaign: await scheduleCampaign(
        ctx.campaigns,
        String(input.campaignId.id),
        input.startAt ?? null,
      ),
    }),
  }),
);

const stateChanges = [
  [
    'pauseCampaign',
    'Pauses a running campaign: sending stops within about a second; nothing already claimed is lost or repeated. Supervisors.',
    (ctx: Context, id: string) =>
      pauseCampaign(
        ctx.campaigns,
        id,
        ctx.principal.kind === 'user' ? ctx.principal.userId : 'an API key',
      ),
  ],
  [
    'resumeCampaign',
    'Resumes a paused campaign (also one that paused itself). Supervisors.',
    (ctx: Context, id: string) => resumeCampaign(ctx.campaigns, id),
  ],
  [
    'cancelCampaign',
    'Cancels a campaign for good: recipients not yet sent never will be. Supervisors.',
    (ctx: Context, id: string) => cancelCampaign(ctx.campaigns, id),
  ],
] as const;
for (const [name, description, change] of stateChanges) {
  builder.mutationField(name, (t) =>
    t.field({
      type: CampaignPayload,
      description,
      authScopes: { supervisor: true },
      errors: {
        types: [CampaignNotFoundError, CampaignStateError, ...inputErrors],
        directResult: true,
        union: { name: `${name[0]!.toUpperCase()}${name.slice(1)}Result` },
      },
      args: {
        input: t.arg({ type: CampaignIdInput, required: true, description: 'The campaign.' }),
      },
      resolve: async (_r, { input }, ctx) => ({
        campaign: await change(ctx, String(input.campaignId.id)),
      }),
    }),
  );
}

builder.subscriptionField('campaignProgress', (t) =>
  t.field({
    type: CampaignProgress,
    description:
      'Supervisors: a campaign’s figures now, then each time they change (sends, statuses, replies, link opens, pause/resume).',
    authScopes: { supervisor: true },
    args: {
      campaignId: t.arg.globalID({ required: true, for: [Campaign], description: 'The campaign.' }),
    },
    subscribe: (_r, { campaignId }, ctx) => {
      assertSupervisorCanSubscribe(ctx);
      const id = String(campaignId.id);
      return startingWith(
        async () => [{ campaignId: id }],
        ctx.pubsub.subscribe('campaignUpdated', id),
      );
    },
    resolve: (payload: { campaignId: string }, _a, ctx) => progressOf(ctx, payload.campaignId),
  }),
);

const CampaignContext = builder.simpleObject('CampaignContext', {
  description:
    'The campaign a customer’s WhatsApp message answers (what the agent needs to know, nothing more).',
  fields: (t) => ({
    campaignId: t.id({ description: 'The campaign’s global id (supervisors can open it).' }),
    name: t.string({ description: 'The campaign’s name.' }),
    templateSid: t.string({ description: 'The template the customer received.' }),
    messageText: t.string({ nullable: true, description: 'The message as the customer read it.' }),
    sentAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was sent to them.' }),
  }),
});

builder.objectField(Interaction, 'campaign', (t) =>
  t.field({
    type: CampaignContext,
    nullable: true,
    description:
      'The WhatsApp campaign this interaction replies to (a reply within the reply window); null otherwise.',
    resolve: async (interaction, _a, ctx) => {
      const reply = await campaignReplyContext(ctx.db, interaction.id);
      return reply
        ? {
            campaignId: encodeGlobalID('Campaign', reply.campaign_id),
            name: reply.name,
            templateSid: reply.template_sid,
            messageText: reply.body,
            sentAt: reply.sent_at,
          }
        : null;
    },
  }),
);

const MessageCampaign = builder.simpleObject('MessageCampaign', {
  description: 'The WhatsApp campaign that sent a message (shown on the customer’s timeline).',
  fields: (t) => ({
    campaignId: t.id({ description: 'The campaign’s global id (supervisors can open it).' }),
    name: t.string({ description: 'The campaign’s name.' }),
  }),
});

builder.objectField(Message, 'campaign', (t) =>
  t.field({
    type: MessageCampaign,
    nullable: true,
    description:
      'The WhatsApp campaign this outbound message belongs to (a campaign message, not an automatic reply); null otherwise.',
    resolve: async (m, _a, ctx) => {
      const campaignId = (m.context as { campaignId?: unknown }).campaignId;
      if (m.direction !== 'outbound' || !z.uuid().safeParse(campaignId).success) return null;
      const campaign = await getCampaign(ctx.db, campaignId as string);
      return campaign
        ? { campaignId: encodeGlobalID('Campaign', campaign.id), name: campaign.name }
        : null;
    },
  }),
);
