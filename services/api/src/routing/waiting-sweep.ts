import { listWaitingHeads, matchNext } from '@cc/db/repositories/matching';
import { toOfferMade } from '@cc/workflows/routing-dispatch';
import { logger } from '@cc/core/logger';
import type { RoutingDeps } from './deps';

/**
 * The safety net under event-driven matching. Matching runs on arrival, freed capacity, presence
 * changes and ended offers; but it skips rows another transaction holds, so two racing matches
 * can each miss a pair (repositories/matching.ts). Every `everyMs`, one loop over all queues with
 * waiting work tries the head of each again: one sweep per process, not one timer per interaction.
 */
export function startWaitingSweep(deps: RoutingDeps, options: { everyMs: number; perQueue?: number }): { sweep(): Promise<number>; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  /** Returns the number of offers made. */
  const sweep = async (): Promise<number> => {
    const heads = await listWaitingHeads(deps.db, { perQueue: options.perQueue ?? 20 });
    const exhausted = new Set<string>();
    let made = 0;
    for (const head of heads) {
      // Nobody eligible is free for this queue's channel: the rest of that queue waits for an event.
      const key = `${head.queue_id}:${head.channel}`;
      if (stopped || exhausted.has(key)) continue;
      const result = await matchNext(deps.db, { interactionId: head.id }, deps.clock(), deps.matchPolicy);
      if (!result.ok) {
        if (result.reason === 'no_eligible_agent') exhausted.add(key);
        continue;
      }
      made++;
      await deps.notify.signalOfferMade(result.interaction.id, toOfferMade(result.offer));
      await deps.notify.offerMade(result.offer, result.interaction);
    }
    return made;
  };

  const tick = () => {
    if (stopped) return;
    running = sweep()
      .then((made) => made > 0 && logger().info({ made }, 'waiting sweep made offers that events had missed'))
      .catch((e: unknown) => logger().warn({ err: e }, 'waiting sweep failed'))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, options.everyMs);
      });
  };
  timer = setTimeout(tick, options.everyMs);
  return {
    sweep,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
