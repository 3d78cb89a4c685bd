import {
  ActivityFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { CampaignActivities } from '../activities/campaigns';
import {
  cancelCampaign,
  campaignStateQuery,
  pauseCampaign,
  rescheduleCampaign,
  resumeCampaign,
  type CampaignWorkflowState,
} from './campaign-signals';

// Bookkeeping activities: short, retried until PostgreSQL answers.
const book = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', maximumInterval: '30s' },
});
// A send slice runs ≤ sliceMs and heartbeats each second: a worker that dies mid-slice is noticed
// within the heartbeat timeout and the slice retried elsewhere (it never sends a claimed row twice).
const sender = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '20s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '60s' },
});

/** Slices between continue-as-new (keeps the history short for campaigns that run for days). */
const slicesPerRun = 400;

export interface CampaignWorkflowInput {
  campaignId: string;
  /** Epoch ms of the scheduled start; null or past: now. */
  startAtMs: number | null;
  /** Set by continue-as-new: snapshot done, paused or not. */
  resume?: { snapshotDone: boolean; paused: boolean; pauseReason: string | null };
}

/**
 * One campaign, workflow id `campaign-<id>`: waits for its scheduled start (a durable timer that a
 * reschedule signal moves) → snapshots the segment page by page into campaign_recipients → sends in
 * slices at the campaign's rate until every recipient has an outcome, waiting out quiet hours, the
 * tier budget and Twilio outages; pause / resume / cancel arrive as signals. Survives worker and
 * server restarts: every step's state is in PostgreSQL or in this history.
 */
export async function campaignWorkflow(
  input: CampaignWorkflowInput,
): Promise<'completed' | 'cancelled'> {
  let startAtMs = input.startAtMs;
  let paused = input.resume?.paused ?? false;
  let pauseReason: string | null = input.resume?.pauseReason ?? null;
  let cancelled = false;
  let phase: CampaignWorkflowState['phase'] = 'scheduled';
  setHandler(pauseCampaign, ({ reason }) => {
    paused = true;
    pauseReason = reason;
  });
  setHandler(resumeCampaign, () => {
    paused = false;
    pauseReason = null;
  });
  setHandler(cancelCampaign, () => void (cancelled = true));
  setHandler(rescheduleCampaign, ({ startAtMs: at }) => void (startAtMs = at));
  setHandler(campaignStateQuery, () => ({ phase, paused, cancelled, pauseReason }));

  if (!input.resume) {
    // The scheduled start: re-armed whenever a reschedule signal moves it.
    for (;;) {
      const waitMs = (startAtMs ?? 0) - Date.now();
      if (waitMs <= 0 || cancelled) break;
      const at = startAtMs;
      await condition(() => cancelled || startAtMs !== at, waitMs);
    }
    if (cancelled) return finish('cancelled');
    await book.startCampaign(input.campaignId);
  }

  if (!input.resume?.snapshotDone) {
    phase = 'snapshot';
    let after: string | null = null;
    do {
      if (cancelled) return finish('cancelled');
      const page: { added: number; next: string | null } = await book.snapshotPage(
        input.campaignId,
        after,
      );
      after = page.next;
    } while (after !== null);
  }

  let nextSlotAtMs: number | undefined;
  for (let slices = 0; ; slices++) {
    if (cancelled) return finish('cancelled');
    if (paused) {
      phase = 'paused';
      await book.markPaused(input.campaignId, pauseReason);
      await condition(() => !paused || cancelled);
      if (cancelled) return finish('cancelled');
      await book.markResumed(input.campaignId);
      continue;
    }
    if (slices >= slicesPerRun) {
      return continueAsNew<typeof campaignWorkflow>({
        campaignId: input.campaignId,
        startAtMs: null,
        resume: { snapshotDone: true, paused, pauseReason },
      });
    }
    phase = 'sending';
    let result;
    try {
      result = await sender.sendSlice(input.campaignId, { nextSlotAtMs });
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      // Retries are unbounded; this is reached only for a non-retryable failure (a bug, the template gone).
      paused = true;
      pauseReason = `sending stopped: ${e.cause?.message ?? e.message}`;
      continue;
    }
    if (result.kind === 'done') return finish('completed');
    if (result.kind === 'auto_paused') {
      paused = true;
      pauseReason = result.reason;
      continue;
    }
    if (result.kind === 'stopped') {
      // The row says paused or cancelled (a supervisor, before the signal arrived): wait for the signal.
      await condition(() => paused || cancelled, '10s');
      continue;
    }
    nextSlotAtMs = result.waitMs > 0 ? undefined : result.nextSlotAtMs;
    if (result.waitMs > 0) {
      phase = 'waiting';
      await condition(() => paused || cancelled, result.waitMs);
    }
  }

  async function finish(outcome: 'completed' | 'cancelled'): Promise<'completed' | 'cancelled'> {
    phase = 'finished';
    await book.finishCampaign(input.campaignId, outcome);
    return outcome;
  }
}
