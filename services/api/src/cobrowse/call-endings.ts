import type { Db } from '@cc/db/database';
import type { RoutingNotifier } from '@cc/workflows/routing-dispatch';
import { logger } from '@cc/core/logger';
import type { AppPubSub } from '../pubsub';
import { endCallSessions } from './service';

/**
 * Routing events plus the end of co-browsing: a voice interaction that leaves `assigned` (the call
 * ended into wrap-up, or it closed, was transferred, abandoned or went back to the queue) ends its co-browse sessions —
 * the one place every way a call ends passes through, in the API and in workers alike.
 */
export function withCobrowseEndings(notify: RoutingNotifier, deps: { db: Db; pubsub: AppPubSub; clock: () => Date }): RoutingNotifier {
  return {
    ...notify,
    interactionChanged: async (interaction) => {
      await notify.interactionChanged(interaction);
      if (interaction.channel !== 'voice' || interaction.status === 'assigned') return;
      await endCallSessions(deps, interaction.id).catch((e: unknown) => logger({ interactionId: interaction.id }).error({ err: e }, 'ending co-browse sessions with the call failed'));
    },
  };
}
