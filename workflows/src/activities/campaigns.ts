import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { BusinessHours } from '@cc/core/business-hours';
import {
  autoPauseReason,
  campaignRetryLaterCodes,
  nextAllowedTime,
  renderCampaignVariables,
} from '@cc/core/campaign-rules';
import type { SegmentFilter, SegmentPage, SegmentRecipient } from '@cc/core/segment-filter';
import { renderTemplate } from '@cc/core/whatsapp-template';
import type { Db } from '@cc/db/database';
import {
  campaignHealth,
  claimRecipientSends,
  deferRecipient,
  deferRecipientSend,
  dueRecipients,
  ensureCampaignLinks,
  insertRecipients,
  pendingSummary,
  recordSendsAccepted,
  recordSendRefused,
  releaseRecipientSend,
  sendEligibility,
  settleInterruptedSends,
  skipRecipient,
} from '@cc/db/repositories/campaign-recipients';
import { getCampaign, markSnapshotDone, setCampaignStatus } from '@cc/db/repositories/campaigns';
import { getTemplate } from '@cc/db/repositories/whatsapp-templates';
import type { Campaign, CampaignRecipient, CampaignStatus } from '@cc/db/tables/campaigns';

/** How a campaign message reaches Twilio (the composition root wires the SDK in): an approved template, never free-form. */
export interface CampaignTransport {
  send(message: {
    messageId: string;
    to: string;
    contentSid: string;
    variables: Record<string, string>;
  }): Promise<
    | { ok: true; sid: string; status: string }
    /** Twilio answered no, with its code (63016, 63018, 130429, 131049, 131056…). */
    | { ok: false; refused: true; errorCode: string; detail: string }
    /** No usable answer. `certainlyNotSent`: the request never left, so it may be sent again. */
    | { ok: false; refused: false; certainlyNotSent: boolean; detail: string }
  >;
}

/** The pacing shared with in-call pushes (push/limits.ts): per-person spacing, sender rate, the tier's 24 h budget. */
export type CampaignPacing = (req: {
  to: string;
  now: Date;
}) => Promise<
  | { ok: true }
  | { ok: false; reason: 'spacing' | 'rate' | 'budget' | 'unavailable'; retryAfterMs: number }
>;

export interface CampaignDeps {
  db: Db;
  /** "Now" for every rule (quiet hours, cap, consent times); tests pass a fake clock. */
  clock: () => Date;
  transport: CampaignTransport;
  pace: CampaignPacing;
  /** The audience domain's segment listing (segment-contract.ts): marketing-consented customers in id order. */
  listRecipients(db: Db, filter: SegmentFilter, page: SegmentPage): Promise<SegmentRecipient[]>;
  /** The public short URL of a tracked link token (/l/<token>). */
  linkUrl(token: string): string;
  newLinkToken(): string;
  /** A campaign's figures changed: tell the progress subscribers. */
  changed(campaignId: string): void;
  settings: {
    /** How long one send activity runs before handing back to the workflow (it heartbeats meanwhile). */
    sliceMs: number;
    /** Requests to Twilio in flight at once (the rate still governs how many start per second). */
    concurrency: number;
    snapshotPageSize: number;
    /** How long a recipient waits after Twilio answered 130429 / 131056 / 63018. */
    retryLaterMs: number;
    /** Attempts answered "not now" before the recipient is recorded failed. */
    maxAttempts: number;
  };
  /** Real-time sleep (the pacing of requests is real time even under a fake rule clock). */
  sleep?: (ms: number) => Promise<void>;
}

export type SliceResult =
  /** The campaign is no longer running (paused, cancelled by a supervisor). */
  | { kind: 'stopped' }
  /** Paused itself: the failure or block rate crossed its threshold. */
  | { kind: 'auto_paused'; reason: string }
  /** Every recipient has an outcome. */
  | { kind: 'done' }
  /** More to send; `waitMs` before the next slice (0: at once). */
  | {
      kind: 'more';
      waitMs: number;
      pending: number;
      /** Epoch ms of the next send's slot: the next slice keeps the cadence (no gap between slices). */
      nextSlotAtMs?: number;
    };

/** Must match workflows/campaign.ts (workflow code imports activities as types only). */
export const campaignUnreachableFailure = 'CampaignProviderUnreachable';

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function heartbeat(details?: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // Called outside an activity (a test driving the function directly).
  }
}

/** The campaign's activities: snapshot the segment, send a slice at the configured rate, settle status. */
export function createCampaignActivities(deps: CampaignDeps) {
  const { db, clock } = deps;
  const sleep = deps.sleep ?? realSleep;

  return {
    /** scheduled/draft → running (a paused or cancelled campaign stays as it is). */
    async startCampaign(campaignId: string): Promise<CampaignStatus | null> {
      const started = await setCampaignStatus(db, {
        id: campaignId,
        from: ['scheduled', 'draft'],
        to: 'running',
        now: clock(),
      });
      if (started) deps.changed(campaignId);
      return (started ?? (await getCampaign(db, campaignId)))?.status ?? null;
    },

    /**
     * One page of the recipient snapshot, after `afterCustomerId`: the segment's consented customers
     * with their variables rendered (a blank one is recorded skipped with the placeholder's name).
     * Idempotent: a page written before adds nothing. `next` is null after the last page.
     */
    async snapshotPage(
      campaignId: string,
      afterCustomerId: string | null,
    ): Promise<{ added: number; next: string | null }> {
      const campaign = await requireCampaign(db, campaignId);
      const template = await getTemplate(db, campaign.template_sid);
      const limit = deps.settings.snapshotPageSize;
      const page = await deps.listRecipients(db, campaign.segment_filter as SegmentFilter, {
        afterCustomerId,
        limit,
        now: clock(),
      });
      const hasLink = Object.values(campaign.variable_mapping).some((m) => m.source === 'link');
      const rows = page.map((r) => {
        // The link's URL is made per recipient at send time; a stand-in proves the variable is not blank.
        const rendered = renderCampaignVariables(
          template?.body ?? null,
          campaign.variable_mapping,
          r,
          hasLink ? 'link' : null,
        );
        return {
          customerId: r.customerId,
          toNumber: r.phoneE164,
          timeZone: r.timeZone,
          variables: rendered.ok ? rendered.variables : null,
          skipReason: rendered.ok ? null : `empty_variable:${rendered.missing.join(',')}`,
        };
      });
      const added = await insertRecipients(db, campaignId, rows, clock());
      const next = page.length < limit ? null : page[page.length - 1]!.customerId;
      if (next === null) await markSnapshotDone(db, campaignId, clock());
      deps.changed(campaignId);
      return { added, next };
    },

    /**
     * Sends for up to `settings.sliceMs` at the campaign's rate. Each recipient, just before its
     * send: inside their quiet hours (else they wait, not skipped), still consented to marketing
     * (a STOP/BAJA since the snapshot counts), under the frequency cap, and given a reservation by
     * the pacing shared with pushes. Each send is claimed in PostgreSQL before the one request.
     */
    async sendSlice(
      campaignId: string,
      pacing: { nextSlotAtMs?: number } = {},
    ): Promise<SliceResult> {
      const campaign = await requireCampaign(db, campaignId);
      if (campaign.status !== 'running') return { kind: 'stopped' };
      // One slice runs at a time per campaign: rows still "sending" were cut off by a crash.
      if (await settleInterruptedSends(db, campaignId, clock())) deps.changed(campaignId);
      const template = await getTemplate(db, campaign.template_sid);
      if (!template)
        throw ApplicationFailure.nonRetryable(`template ${campaign.template_sid} is gone`);
      const sender = createSender(deps, campaign, template.body);
      const interval = 1000 / campaign.rate_per_second;
      const started = performance.now();
      const deadline = started + deps.settings.sliceMs;
      // The previous slice's cadence carries over (epoch ms, so another worker's counts too), unless stale.
      const carried =
        pacing.nextSlotAtMs !== undefined ? started + (pacing.nextSlotAtMs - Date.now()) : started;
      let nextSlot = Math.max(carried, started - 1000);
      const claimLeadMs = 50;
      const maxGroup = Math.max(1, Math.floor(deps.settings.concurrency / 2));
      let lastStatusCheck = started;
      // Sends claimed or in flight (≤ concurrency), and the dispatching loop waiting for room.
      let busy = 0;
      let wake: (() => void) | null = null;
      const release = () => {
        busy--;
        wake?.();
        wake = null;
      };
      const inFlight = new Set<Promise<void>>();
      const claiming = new Set<Promise<unknown>>();
      // A live worker heartbeats whatever the loop waits on (a slow Twilio request); a killed one stops,
      // and Temporal retries the slice elsewhere after the heartbeat timeout.
      const beating = setInterval(() => heartbeat(), 2000);
      try {
        return await runSlice();
      } finally {
        clearInterval(beating);
      }
      async function runSlice(): Promise<SliceResult> {
        const quietUntil = new Map<string, Date>();
        const openMinute = new Map<string, number>();
        let stopped = false;
        let pausedFor: string | null = null;
        // Checked each second during the slice and at its end: the failure or block rate crossed its threshold.
        const autoPause = async (): Promise<boolean> => {
          const health = await campaignHealth(db, campaignId);
          const reason = autoPauseReason(health, {
            failureRate: campaign.failure_threshold,
            blockRate: campaign.block_threshold,
            minSample: campaign.threshold_min_sample,
          });
          if (
            !reason ||
            !(await setCampaignStatus(db, {
              id: campaignId,
              from: ['running'],
              to: 'paused',
              pauseReason: reason,
              now: clock(),
            }))
          )
            return false;
          pausedFor = reason;
          deps.changed(campaignId);
          return true;
        };

        outer: while (performance.now() < deadline && !sender.halt) {
          // Claims still in flight first: their rows read as pending until they commit (a row fetched
          // twice would take a slot its failed second claim leaves empty).
          await Promise.all(claiming);
          const batch = await dueRecipients(db, campaignId, clock(), 200);
          if (!batch.length) break;
          const ready: CampaignRecipient[] = [];
          for (const r of batch) {
            // Quiet hours on the recipient's own clock: outside, they wait for the next allowed minute.
            const zone = r.time_zone ?? campaign.default_time_zone;
            const now = clock();
            // Hours open and close on whole minutes: a zone found open is open for the rest of that minute.
            const minute = Math.floor(now.getTime() / 60_000);
            const known = quietUntil.get(zone);
            const allowedAt =
              openMinute.get(zone) === minute
                ? now
                : known && known > now
                  ? known
                  : nextAllowedTime(campaign.quiet_hours as BusinessHours, zone, now);
            if (allowedAt?.getTime() === now.getTime()) openMinute.set(zone, minute);
            if (!allowedAt) {
              await skipRecipient(db, { recipientId: r.id, reason: 'quiet_hours_never_open', now });
            } else if (allowedAt > now) {
              quietUntil.set(zone, allowedAt);
              await deferRecipient(db, { recipientId: r.id, notBefore: allowedAt, now });
            } else ready.push(r);
          }
          for (let i = 0; i < ready.length; ) {
            if (performance.now() >= deadline || sender.halt) break outer;
            // The rate: each send starts at its slot (absolute, so overheads do not add up); a slice that
            // fell far behind (a pause of the process) starts afresh rather than bursting.
            if (nextSlot - performance.now() < -1000) nextSlot = performance.now();
            // Claimed together: the sends whose slots fall within the next claimLeadMs, at most a
            // half the concurrency, and only once they have room to start — a claimed row is
            // sent at once (a worker killed between claim and request leaves it "outcome unknown").
            // Several groups' claims run at once, so a claim's round trip does not hold the rate back.
            const lead = nextSlot - claimLeadMs - performance.now();
            if (lead > 0) await sleep(lead);
            // A pause or cancel (or the auto-pause) is seen within a second, right before a claim.
            if (performance.now() - lastStatusCheck > 1000) {
              lastStatusCheck = performance.now();
              heartbeat();
              if (
                (await getCampaign(db, campaignId))?.status !== 'running' ||
                (await autoPause())
              ) {
                stopped = true;
                break outer;
              }
            }
            const size = Math.min(
              ready.length - i,
              maxGroup,
              Math.max(1, Math.floor(claimLeadMs / interval) + 1),
            );
            while (busy > deps.settings.concurrency - size)
              await new Promise<void>((r) => (wake = r));
            busy += size;
            const slots = Array.from({ length: size }, (_, k) => nextSlot + k * interval);
            nextSlot += size * interval;
            const claim = sender.claim(ready.slice(i, i + size));
            const claimDone: Promise<unknown> = claim.then(() => claiming.delete(claimDone));
            claiming.add(claimDone);
            const group = claim
              .then((claimed) => sender.sendClaimed(claimed, size, slots, release))
              .finally(() => inFlight.delete(group));
            inFlight.add(group);
            i += size;
          }
        }
        await Promise.all(inFlight);
        await sender.flush();
        deps.changed(campaignId);
        if (sender.error) throw sender.error;
        if (pausedFor) return { kind: 'auto_paused', reason: pausedFor };
        if (stopped) return { kind: 'stopped' };

        if (await autoPause()) return { kind: 'auto_paused', reason: pausedFor ?? '' };
        if (sender.unreachable)
          throw ApplicationFailure.retryable(
            `Twilio could not be reached: ${sender.unreachable}`,
            campaignUnreachableFailure,
          );
        const summary = await pendingSummary(db, campaignId);
        if (summary.pending === 0) return { kind: 'done' };
        if (sender.waitMs !== null)
          return { kind: 'more', waitMs: sender.waitMs, pending: summary.pending };
        const due = summary.earliest ? summary.earliest.getTime() - clock().getTime() : 0;
        return {
          kind: 'more',
          waitMs: Math.max(0, due),
          pending: summary.pending,
          nextSlotAtMs: Date.now() + (nextSlot - performance.now()),
        };
      }
    },

    /** running → completed or cancelled, at the end of the workflow. */
    async finishCampaign(campaignId: string, outcome: 'completed' | 'cancelled'): Promise<void> {
      const done = await setCampaignStatus(db, {
        id: campaignId,
        from: ['running', 'paused', 'scheduled', 'draft'],
        to: outcome,
        now: clock(),
      });
      if (done) deps.changed(campaignId);
    },

    /** The workflow paused the campaign (a pause signal while no slice ran keeps the row in step). */
    async markPaused(campaignId: string, reason: string | null): Promise<void> {
      const paused = await setCampaignStatus(db, {
        id: campaignId,
        from: ['running'],
        to: 'paused',
        pauseReason: reason,
        now: clock(),
      });
      if (paused) deps.changed(campaignId);
    },

    async markResumed(campaignId: string): Promise<void> {
      const resumed = await setCampaignStatus(db, {
        id: campaignId,
        from: ['paused'],
        to: 'running',
        now: clock(),
      });
      if (resumed) deps.changed(campaignId);
    },
  };
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;

async function requireCampaign(db: Db, campaignId: string): Promise<Campaign> {
  const campaign = await getCampaign(db, campaignId);
  if (!campaign) throw ApplicationFailure.nonRetryable(`campaign ${campaignId} does not exist`);
  return campaign;
}

/** A claimed send: its message id and the variables it goes out with (a tracked link's URL included). */
interface ClaimedSend {
  r: CampaignRecipient;
  messageId: string;
  variables: Record<string, string>;
}

/**
 * Claims recipients a few at a time (one statement) and sends each, run concurrently under the
 * slice's pacing; accepted sends are recorded a few at a time too. Whatever stops the whole slice
 * (the tier budget, the pacing store or Twilio unreachable, a bug) is noted on the returned object
 * rather than thrown, so the sends in flight finish and record first.
 */
function createSender(deps: CampaignDeps, campaign: Campaign, body: string | null) {
  const { db, clock } = deps;
  const sleep = deps.sleep ?? realSleep;
  const linkKeys = Object.entries(campaign.variable_mapping)
    .filter(([, m]) => m.source === 'link')
    .map(([k]) => k);
  // Accepted sends wait here ≤ flushMs (or until flushSize) and are written in one statement; a worker
  // killed before that leaves them "sending", settled "outcome unknown" (never resent) until their callback.
  const flushSize = 32;
  const flushMs = 20;
  let accepted: { recipientId: string; messageId: string; sid: string; status: string }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const writes = new Set<Promise<void>>();
  const fail = (e: unknown) => {
    state.error ??= e;
    state.halt = true;
  };
  const writeAccepted = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!accepted.length) return;
    const rows = accepted;
    accepted = [];
    const w = recordSendsAccepted(db, rows, clock())
      .catch(fail)
      .finally(() => writes.delete(w));
    writes.add(w);
  };

  const state = {
    halt: false,
    waitMs: null as number | null,
    unreachable: null as string | null,
    error: null as unknown,
    /** Claims `rows` (consent and cap checked in the claim); those not claimed are skipped with the reason, if any. */
    claim: async (rows: CampaignRecipient[]): Promise<ClaimedSend[]> => {
      try {
        return await claim(rows);
      } catch (e) {
        fail(e);
        return [];
      }
    },
    /**
     * Sends each claimed row at its slot (performance.now() ms; the earliest go to the claimed).
     * `release` is called once per row of the group (`size`): when its send is over, or at once for
     * a row not claimed.
     */
    sendClaimed: async (
      claimed: ClaimedSend[],
      size: number,
      slots: number[],
      release: () => void,
    ): Promise<void> => {
      for (let k = claimed.length; k < size; k++) release();
      await Promise.all(
        claimed.map(async (c, k) => {
          try {
            const wait = slots[k]! - performance.now();
            if (wait > 0) await sleep(wait);
            await sendOne(c);
          } catch (e) {
            fail(e);
          } finally {
            release();
          }
        }),
      );
    },
    /** Writes the accepted sends not yet written; the slice ends only after. */
    flush: async (): Promise<void> => {
      writeAccepted();
      await Promise.all(writes);
    },
  };

  async function claim(rows: CampaignRecipient[]): Promise<ClaimedSend[]> {
    const variables = new Map(rows.map((r) => [r.id, { ...(r.variables ?? {}) }]));
    if (linkKeys.length && campaign.link_url) {
      const tokens = await ensureCampaignLinks(db, {
        campaignId: campaign.id,
        url: campaign.link_url,
        links: rows.map((r) => ({ recipientId: r.id, token: deps.newLinkToken() })),
      });
      for (const r of rows)
        for (const k of linkKeys) variables.get(r.id)![k] = deps.linkUrl(tokens.get(r.id)!);
    }
    const claimed = await claimRecipientSends(db, {
      campaignId: campaign.id,
      sends: rows.map((r) => ({
        recipientId: r.id,
        body: renderTemplate(body, variables.get(r.id)!),
      })),
      cap: { count: campaign.frequency_cap_count, days: campaign.frequency_cap_days },
      now: clock(),
    });
    const sends: ClaimedSend[] = [];
    for (const r of rows) {
      const messageId = claimed.get(r.id);
      if (messageId) {
        sends.push({ r, messageId, variables: variables.get(r.id)! });
        continue;
      }
      // Consent or the cap are checked in the claim itself; only then is it asked which one said no.
      const eligibility = await sendEligibility(db, {
        customerId: r.customer_id,
        campaignId: campaign.id,
        capCount: campaign.frequency_cap_count,
        capDays: campaign.frequency_cap_days,
        now: clock(),
      });
      if (eligibility !== 'ok')
        await skipRecipient(db, { recipientId: r.id, reason: eligibility, now: clock() });
    }
    return sends;
  }

  async function sendOne({ r, messageId, variables }: ClaimedSend): Promise<void> {
    // The pacing shared with pushes, once the send is claimed (so an ineligible recipient takes no
    // reservation): the sender's rate waits here; a refusal for this person or the whole sender
    // gives the claim back, nothing having been sent.
    for (;;) {
      const reserved = await deps.pace({ to: r.to_number, now: clock() });
      if (reserved.ok) break;
      if (reserved.reason === 'rate') {
        await sleep(reserved.retryAfterMs);
        continue;
      }
      await releaseRecipientSend(db, { recipientId: r.id, messageId, now: clock() });
      // 131056: this person got a message moments ago (an agent's push); they wait, the others go on.
      if (reserved.reason === 'spacing')
        return deferRecipient(db, {
          recipientId: r.id,
          notBefore: new Date(clock().getTime() + reserved.retryAfterMs),
          now: clock(),
        });
      // The tier's 24 h budget (shared with pushes) is spent, or the pacing store is away: the campaign waits.
      state.waitMs = Math.max(state.waitMs ?? 0, reserved.retryAfterMs);
      state.halt = true;
      return;
    }
    const result = await deps.transport.send({
      messageId,
      to: r.to_number,
      contentSid: campaign.template_sid,
      variables,
    });
    const now = clock();
    if (result.ok) {
      accepted.push({ recipientId: r.id, messageId, sid: result.sid, status: result.status });
      if (accepted.length >= flushSize) writeAccepted();
      else timer ??= setTimeout(writeAccepted, flushMs);
      return;
    }
    if (!result.refused) {
      // Twilio unreachable is not Twilio refusing: a request that never left makes the recipient due
      // again; one that may have arrived stays claimed (the next slice records it "outcome unknown",
      // and its status callback, addressed by our message id, still tells). The slice is retried later.
      if (result.certainlyNotSent)
        await releaseRecipientSend(db, { recipientId: r.id, messageId, now });
      state.unreachable = result.detail;
      state.halt = true;
      return;
    }
    if (
      campaignRetryLaterCodes.has(result.errorCode) &&
      r.attempts + 1 < deps.settings.maxAttempts
    ) {
      return deferRecipientSend(db, {
        recipientId: r.id,
        messageId,
        errorCode: result.errorCode,
        notBefore: new Date(now.getTime() + deps.settings.retryLaterMs),
        now,
      });
    }
    return recordSendRefused(db, { recipientId: r.id, messageId, errorCode: result.errorCode, now });
  }
  return state;
}
