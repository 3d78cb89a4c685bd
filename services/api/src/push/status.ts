import type { Client } from '@temporalio/client';
import type { Db } from '@cc/db/database';
import { advancePushStatus, findPushByMessage } from '@cc/db/repositories/pushes';
import type { Message } from '@cc/db/tables/messages';
import type { Push } from '@cc/db/tables/pushes';
import { pushStatus, pushWorkflowId } from '@cc/workflows/workflows/push-signals';
import type { AppPubSub } from '../pubsub';

/** Tells the push's interaction subscribers (and the push figures) that a push changed. */
export function pushChangePublisher(pubsub: AppPubSub): (push: Pick<Push, 'id' | 'interaction_id'>) => void {
  return (push) => {
    pubsub.publish('pushUpdated', push.interaction_id, { pushId: push.id });
    pubsub.publish('interactionUpdated', push.interaction_id, { interactionId: push.interaction_id });
    pubsub.publish('pushFiguresUpdated', {});
  };
}

/**
 * A status callback for one of our WhatsApp messages (already recorded on the message by the
 * Twilio channel): when it belongs to a push, the push moves on, subscribers hear it and the
 * push's workflow is signalled (Temporal keeps the signal while no worker runs).
 */
export async function pushMessageStatus(
  deps: { db: Db; clock: () => Date; temporal: Client; published(push: { id: string; interaction_id: string }): void },
  message: Message,
): Promise<void> {
  const push = await findPushByMessage(deps.db, message.id);
  if (!push || !message.delivery_status) return;
  const changed = await advancePushStatus(deps.db, { pushId: push.id, status: message.delivery_status, errorCode: message.error_code, now: deps.clock() });
  if (changed) deps.published(changed);
  try {
    await deps.temporal.workflow.getHandle(pushWorkflowId(push.id)).signal(pushStatus, { status: message.delivery_status, errorCode: message.error_code });
  } catch (e) {
    // A finished workflow (read, or timed out) has nothing more to do; the row is up to date.
    if (!/not found|already completed|completed/i.test(e instanceof Error ? e.message : String(e))) throw e;
  }
}
