import { isQueueOpen } from '@cc/core/business-hours';
import type { Queue } from '@cc/db/tables/queues';

/** What an interaction's workflow needs to know about where it waits. */
export interface RoutingPlan {
  queueId: string;
  queueOpen: boolean;
  slaTargetSeconds: number;
  overflowAfterSeconds: number | null;
  wrapUpSeconds: number;
}

export function routingPlan(queue: Queue, now: Date, wrapUpSeconds: number): RoutingPlan {
  return {
    queueId: queue.id,
    queueOpen: isQueueOpen({ businessHours: queue.business_hours, timezone: queue.timezone }, now),
    slaTargetSeconds: queue.sla_target_seconds,
    overflowAfterSeconds: queue.overflow_after_seconds,
    wrapUpSeconds,
  };
}
