import type { Db } from '@cc/db/database';
import { getUser } from '@cc/db/repositories/users';
import type { ChannelHooks } from '@cc/workflows/activities/routing';
import type { AppPubSub } from '../pubsub';
import { visitorKey } from './chat';
import type { VisitorClaims } from './visitor-tokens';

/** Web chat's routing moment: the visitor's widget learns at once that an agent took the chat. */
export function webchatHooks(deps: { db: Db; pubsub: AppPubSub }): Pick<ChannelHooks, 'onAssigned'> {
  return {
    onAssigned: async (interaction) => {
      const visitor = interaction.channel === 'webchat' ? (interaction.context as { webchat?: VisitorClaims }).webchat : undefined;
      if (!visitor || !interaction.assigned_agent_id) return;
      const agent = await getUser(deps.db, interaction.assigned_agent_id);
      deps.pubsub.publish('visitorChat', visitorKey(visitor), { agentJoined: agent?.name ?? 'An agent' });
    },
  };
}
