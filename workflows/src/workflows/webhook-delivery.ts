import { proxyActivities, sleep } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhooks';

// An attempt is one POST bounded by the sender's own timeout; a worker lost mid-attempt is noticed
// after startToClose. Database trouble is retried (the attempt is recorded only once it is known),
// so a delivery never ends for a reason that is not the receiver's.
const webhooks = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' },
});

/**
 * One event to one endpoint (workflow id `webhook-delivery-<delivery id>`, or `…-replay-<n>` for an
 * admin's replay): an attempt at once, then one after each delay of the retry schedule (5 s … 24 h
 * by default) with ±20% jitter (drawn by the schedule activity), until a 2xx, a 410 (the endpoint is disabled), the endpoint being
 * disabled or removed, or the schedule runs out (the delivery ends failed, replayable).
 */
export async function webhookDeliveryWorkflow(input: { deliveryId: string; run: number }): Promise<string> {
  const { retryDelaysMs } = await webhooks.webhookRetrySchedule();
  for (let i = 0; ; i++) {
    const delay = i < retryDelaysMs.length ? retryDelaysMs[i]! : null;
    const result = await webhooks.attemptWebhookDelivery({ deliveryId: input.deliveryId, run: input.run, retryAfterMs: delay });
    if (result.done || delay === null) return result.outcome;
    await sleep(delay);
  }
}
