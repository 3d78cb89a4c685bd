import type { RoutingNotifier } from '@cc/workflows/routing-dispatch';
import type { AppPubSub } from '../pubsub';
import { visitorKey } from './chat';
import type { VisitorClaims } from './visitor-tokens';

/**
 * Routing events plus one for web chat visitors: when their chat closes (after the agent's wrap-up)
 * or is abandoned, the widget hears that the conversation ended. A transfer is no ending: the chat
 * goes on in the new interaction.
 */
export function withChatEndings(notify: RoutingNotifier, pubsub: AppPubSub): RoutingNotifier {
  return {
    ...notify,
    interactionChanged: async (interaction) => {
      await notify.interactionChanged(interaction);
      const visitor = interaction.channel === 'webchat' ? (interaction.context as { webchat?: VisitorClaims }).webchat : undefined;
      if (visitor && (interaction.status === 'closed' || interaction.status === 'abandoned')) {
        pubsub.publish('visitorChat', visitorKey(visitor), { closed: true, interactionId: interaction.id });
      }
    },
  };
}
