import type { Client } from '@temporalio/client';
import { assertValidBusinessHours, type BusinessHours } from '@cc/core/business-hours';
import {
  defaultQuietHours,
  isVariableSource,
  renderCampaignVariables,
} from '@cc/core/campaign-rules';
import { campaignEta } from '@cc/core/campaign-eta';
import { checkLink, parseAllowList } from '@cc/core/link-allow-list';
import type { SegmentFilter, SegmentPage, SegmentRecipient } from '@cc/core/segment-filter';
import { canonicalTimeZone } from '@cc/core/time-zone';
import { renderTemplate, templatePlaceholders } from '@cc/core/whatsapp-template';
import type { Db } from '@cc/db/database';
import {
  campaignProgress,
  queuedByTimeZone,
  type CampaignProgressRow,
} from '@cc/db/repositories/campaign-recipients';
import { getCampaign, insertCampaign, setCampaignStatus } from '@cc/db/repositories/campaigns';
import { inTransaction } from '@cc/db/repositories/transaction';
import { getTemplate } from '@cc/db/repositories/whatsapp-templates';
import { addWorkflowStart } from '@cc/db/repositories/workflow-starts';
import type { Campaign, CampaignStatus, VariableSource } from '@cc/db/tables/campaigns';
import type { WhatsAppTemplate } from '@cc/db/tables/whatsapp-templates';
import {
  campaignWorkflowId,
  cancelCampaign as cancelSignal,
  pauseCampaign as pauseSignal,
  rescheduleCampaign,
  resumeCampaign as resumeSignal,
} from '@cc/workflows/workflows/campaign-signals';
import type { ApiEnv } from '../env';
import type { WorkflowStartRelay } from '../routing/workflow-starts';
import {
  CampaignNotFoundError,
  CampaignStateError,
  CampaignTemplateError,
  InvalidCampaignError,
} from './errors';
import { logger } from '@cc/core/logger';

export interface CampaignServiceDeps {
  db: Db;
  clock: () => Date;
  env: ApiEnv;
  temporal: Client;
  relay: WorkflowStartRelay;
  listRecipients(db: Db, filter: SegmentFilter, page: SegmentPage): Promise<SegmentRecipient[]>;
  /** A campaign's figures or status changed (progress subscribers). */
  changed(campaignId: string): void;
}

export interface CampaignDraft {
  name: string;
  segmentId: string | null;
  filter: SegmentFilter;
  templateSid: string;
  variables: { key: string; source: string; fallback: string | null }[];
  linkUrl: string | null;
  ratePerSecond: number | null;
  frequencyCap: { count: number; days: number } | null;
  quietHours: BusinessHours | null;
  defaultTimeZone: string | null;
  failureThreshold: number | null;
  blockThreshold: number | null;
  /** Set: scheduled at once (a past or present instant starts now). */
  startAt: Date | null;
}

/** A template a campaign may use: approved by WhatsApp, MARKETING category. */
async function marketingTemplate(db: Db, contentSid: string): Promise<WhatsAppTemplate> {
  const template = await getTemplate(db, contentSid);
  if (!template)
    throw new CampaignTemplateError(
      contentSid,
      'it is unknown — sync the templates or choose another one',
    );
  if (template.approval_status !== 'approved')
    throw new CampaignTemplateError(
      contentSid,
      `it is ${template.approval_status}, not approved by WhatsApp`,
    );
  if (template.category?.toUpperCase() !== 'MARKETING')
    throw new CampaignTemplateError(
      contentSid,
      `its category is ${template.category ?? 'not set'}; campaigns send MARKETING templates only`,
    );
  return template;
}

function variableMapping(
  deps: CampaignServiceDeps,
  template: WhatsAppTemplate,
  draft: CampaignDraft,
): Record<string, VariableSource> {
  const mapping: Record<string, VariableSource> = {};
  for (const v of draft.variables) {
    if (!isVariableSource(v.source))
      throw new InvalidCampaignError(
        `variables.${v.key}`,
        `"${v.source}" is not a source (displayName, language, country, phone, link, text, field:<key>)`,
      );
    if (v.source === 'text' && !v.fallback?.trim())
      throw new InvalidCampaignError(
        `variables.${v.key}`,
        'a text variable needs its text as the fallback',
      );
    mapping[v.key] = { source: v.source, fallback: v.fallback?.trim() || null };
  }
  const unmapped = templatePlaceholders(template.body).filter((k) => !mapping[k]);
  if (unmapped.length)
    throw new InvalidCampaignError(
      'variables',
      `the template's placeholder(s) ${unmapped.map((k) => `{{${k}}}`).join(', ')} have no source`,
    );
  const usesLink = Object.values(mapping).some((m) => m.source === 'link');
  if (usesLink) {
    if (!draft.linkUrl)
      throw new InvalidCampaignError('linkUrl', 'a link variable needs the URL it leads to');
    const link = checkLink(draft.linkUrl, parseAllowList(deps.env.PUSH_LINK_DOMAINS));
    if (!link.ok)
      throw new InvalidCampaignError(
        'linkUrl',
        link.reason === 'domain'
          ? `links to ${link.host} are not allowed (PUSH_LINK_DOMAINS)`
          : 'not an http(s) link',
      );
  }
  return mapping;
}

/** Validates and stores a campaign (a draft, or scheduled when `startAt` is given). */
export async function createCampaign(
  deps: CampaignServiceDeps,
  draft: CampaignDraft,
  createdBy: string | null,
): Promise<Campaign> {
  const { env } = deps;
  const name = draft.name.trim();
  if (!name || name.length > 200)
    throw new InvalidCampaignError('name', 'give the campaign a name (at most 200 characters)');
  const template = await marketingTemplate(deps.db, draft.templateSid);
  const mapping = variableMapping(deps, template, draft);
  const rate =
    draft.ratePerSecond ??
    Math.min(env.CAMPAIGN_DEFAULT_RATE_PER_SECOND, env.PUSH_SENDER_RATE_PER_SECOND);
  if (!(rate > 0) || rate > env.PUSH_SENDER_RATE_PER_SECOND)
    throw new InvalidCampaignError(
      'ratePerSecond',
      `between 0 and the sender's throughput, ${env.PUSH_SENDER_RATE_PER_SECOND} messages/s`,
    );
  const cap = draft.frequencyCap ?? {
    count: env.CAMPAIGN_FREQUENCY_CAP_COUNT,
    days: env.CAMPAIGN_FREQUENCY_CAP_DAYS,
  };
  if (
    !Number.isInteger(cap.count) ||
    cap.count < 1 ||
    !Number.isInteger(cap.days) ||
    cap.days < 1 ||
    cap.days > 365
  )
    throw new InvalidCampaignError('frequencyCap', 'at least 1 message per 1–365 days');
  const quietHours = draft.quietHours ?? defaultQuietHours;
  try {
    assertValidBusinessHours(quietHours);
  } catch (e) {
    throw new InvalidCampaignError('quietHours', (e as Error).message);
  }
  const zone = draft.defaultTimeZone ? canonicalTimeZone(draft.defaultTimeZone) : 'Europe/Madrid';
  if (!zone)
    throw new InvalidCampaignError(
      'defaultTimeZone',
      `"${draft.defaultTimeZone}" is not an IANA time zone (e.g. Europe/Madrid)`,
    );
  for (const [field, v] of [
    ['failureThreshold', draft.failureThreshold],
    ['blockThreshold', draft.blockThreshold],
  ] as const) {
    if (v !== null && !(v > 0 && v <= 1))
      throw new InvalidCampaignError(field, 'a share between 0 and 1 (e.g. 0.2)');
  }
  const now = deps.clock();
  return inTransaction(deps.db, async (trx) => {
    const campaign = await insertCampaign(
      trx,
      {
        name,
        segmentId: draft.segmentId,
        segmentFilter: draft.filter as Record<string, unknown>,
        templateSid: template.content_sid,
        variableMapping: mapping,
        linkUrl: draft.linkUrl,
        ratePerSecond: rate,
        frequencyCapCount: cap.count,
        frequencyCapDays: cap.days,
        quietHours: quietHours as Record<string, { open: string; close: string }[]>,
        defaultTimeZone: zone,
        failureThreshold: draft.failureThreshold ?? env.CAMPAIGN_FAILURE_THRESHOLD,
        blockThreshold: draft.blockThreshold ?? env.CAMPAIGN_BLOCK_THRESHOLD,
        thresholdMinSample: env.CAMPAIGN_THRESHOLD_MIN_SAMPLE,
        scheduledAt: draft.startAt,
        createdBy,
      },
      now,
    );
    if (draft.startAt) await owedStart(deps, trx, campaign.id, draft.startAt);
    return campaign;
  }).then(async (c) => {
    // Started now if Temporal answers; otherwise the relay's sweep starts it (the row is committed).
    if (draft.startAt) await deps.relay.flush(campaignWorkflowId(c.id)).catch(() => false);
    deps.changed(c.id);
    return c;
  });
}

async function owedStart(
  deps: CampaignServiceDeps,
  trx: Db,
  campaignId: string,
  startAt: Date,
): Promise<void> {
  await addWorkflowStart(trx, {
    workflowId: campaignWorkflowId(campaignId),
    workflowType: 'campaignWorkflow',
    args: [{ campaignId, startAtMs: startAt.getTime() }],
  });
}

async function requireCampaign(db: Db, id: string): Promise<Campaign> {
  const c = await getCampaign(db, id);
  if (!c) throw new CampaignNotFoundError(id);
  return c;
}

/** Signals the campaign's workflow; one not started yet is started first (outbox), a finished one ignored. */
async function signal(
  deps: CampaignServiceDeps,
  campaignId: string,
  send: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<void>,
): Promise<void> {
  const id = campaignWorkflowId(campaignId);
  try {
    await send(deps.temporal.workflow.getHandle(id));
  } catch (e) {
    if (!/not found/i.test(e instanceof Error ? e.message : String(e))) throw e;
    if (await deps.relay.flush(id)) await send(deps.temporal.workflow.getHandle(id));
    else logger({ campaignId }).info('campaign workflow not running; the row holds the state');
  }
}

/** Schedules a draft (or moves a scheduled campaign's start); `startAt` null or past: now. */
export async function scheduleCampaign(
  deps: CampaignServiceDeps,
  campaignId: string,
  startAt: Date | null,
): Promise<Campaign> {
  const at = startAt ?? deps.clock();
  const c = await requireCampaign(deps.db, campaignId);
  if (c.status === 'draft') {
    const scheduled = await inTransaction(deps.db, async (trx) => {
      const row = await setCampaignStatus(trx, {
        id: campaignId,
        from: ['draft'],
        to: 'scheduled',
        scheduledAt: at,
        now: deps.clock(),
      });
      if (row) await owedStart(deps, trx, campaignId, at);
      return row;
    });
    if (!scheduled) return scheduleCampaign(deps, campaignId, startAt);
    await deps.relay.flush(campaignWorkflowId(campaignId)).catch(() => false);
    deps.changed(campaignId);
    return scheduled;
  }
  if (c.status !== 'scheduled') throw new CampaignStateError(c.status, 'scheduled');
  const moved = await setCampaignStatus(deps.db, {
    id: campaignId,
    from: ['scheduled'],
    to: 'scheduled',
    scheduledAt: at,
    now: deps.clock(),
  });
  if (!moved)
    throw new CampaignStateError((await requireCampaign(deps.db, campaignId)).status, 'scheduled');
  await signal(deps, campaignId, (h) => h.signal(rescheduleCampaign, { startAtMs: at.getTime() }));
  deps.changed(campaignId);
  return moved;
}

async function transition(
  deps: CampaignServiceDeps,
  campaignId: string,
  from: CampaignStatus[],
  to: CampaignStatus,
  action: string,
  reason?: string | null,
): Promise<Campaign> {
  const c = await requireCampaign(deps.db, campaignId);
  const moved = await setCampaignStatus(deps.db, {
    id: campaignId,
    from,
    to,
    pauseReason: reason ?? null,
    now: deps.clock(),
  });
  if (!moved) throw new CampaignStateError(c.status, action);
  deps.changed(campaignId);
  return moved;
}

/** running → paused: the current slice stops within about a second; nothing claimed is lost. */
export async function pauseCampaign(
  deps: CampaignServiceDeps,
  campaignId: string,
  by: string,
): Promise<Campaign> {
  const reason = `paused by ${by}`;
  const c = await transition(deps, campaignId, ['running'], 'paused', 'paused', reason);
  await signal(deps, campaignId, (h) => h.signal(pauseSignal, { reason }));
  return c;
}

export async function resumeCampaign(
  deps: CampaignServiceDeps,
  campaignId: string,
): Promise<Campaign> {
  const c = await transition(deps, campaignId, ['paused'], 'running', 'resumed');
  await signal(deps, campaignId, (h) => h.signal(resumeSignal));
  return c;
}

export async function cancelCampaign(
  deps: CampaignServiceDeps,
  campaignId: string,
): Promise<Campaign> {
  const c = await transition(
    deps,
    campaignId,
    ['draft', 'scheduled', 'running', 'paused'],
    'cancelled',
    'cancelled',
  );
  await signal(deps, campaignId, (h) => h.signal(cancelSignal));
  return c;
}

export interface CampaignProgress extends CampaignProgressRow {
  status: CampaignStatus;
  /** When the last queued recipient should be sent at the campaign's rate within each one's quiet hours; null when nothing waits, it is not running, or a zone never opens. */
  eta: Date | null;
}

export async function getCampaignProgress(
  deps: Pick<CampaignServiceDeps, 'db' | 'clock'>,
  campaignId: string,
): Promise<CampaignProgress> {
  const c = await requireCampaign(deps.db, campaignId);
  const row = await campaignProgress(deps.db, campaignId);
  const remaining = row.queued + row.sending;
  const eta =
    c.status === 'running' && remaining > 0
      ? campaignEta({
          now: deps.clock(),
          ratePerSecond: c.rate_per_second,
          quietHours: c.quiet_hours as BusinessHours,
          queued: await queuedByTimeZone(deps.db, campaignId, c.default_time_zone),
        })
      : null;
  return { ...row, status: c.status, eta };
}

export interface RecipientPreview {
  customerId: string;
  displayName: string | null;
  phoneE164: string;
  /** The message as this recipient would read it; null when refused. */
  text: string | null;
  /** Why this recipient would be skipped (a placeholder with no value nor fallback). */
  refusal: string | null;
}

/** The first `limit` recipients of a draft as each would read the message (tracked link shown as a sample). */
export async function previewCampaign(
  deps: Pick<CampaignServiceDeps, 'db' | 'clock' | 'env' | 'listRecipients'>,
  draft: Pick<CampaignDraft, 'filter' | 'templateSid' | 'variables' | 'linkUrl'>,
  limit: number,
): Promise<RecipientPreview[]> {
  const template = await marketingTemplate(deps.db, draft.templateSid);
  const mapping = variableMapping(deps as CampaignServiceDeps, template, {
    ...draft,
  } as CampaignDraft);
  const page = await deps.listRecipients(deps.db, draft.filter, {
    afterCustomerId: null,
    limit: Math.min(Math.max(limit, 1), 50),
    now: deps.clock(),
  });
  const sampleLink = `${(deps.env.PUBLIC_BASE_URL ?? '').replace(/\/+$/, '')}/l/…`;
  return page.map((r) => {
    const rendered = renderCampaignVariables(template.body, mapping, r, sampleLink);
    return {
      customerId: r.customerId,
      displayName: r.displayName,
      phoneE164: r.phoneE164,
      text: rendered.ok ? renderTemplate(template.body, rendered.variables) : null,
      refusal: rendered.ok
        ? null
        : `no value for ${rendered.missing.map((k) => `{{${k}}}`).join(', ')}`,
    };
  });
}
