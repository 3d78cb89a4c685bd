import type { ChannelHooks } from '@cc/workflows/activities/routing';

/**
 * Several channels' routing hooks as one: each adapter acts only on its own channel's
 * interactions, so every hook is called in turn.
 */
export function composeChannelHooks(...hooks: (Partial<ChannelHooks> | null | undefined)[]): ChannelHooks {
  const present = hooks.filter((h): h is Partial<ChannelHooks> => !!h);
  return {
    onAssigned: async (interaction) => {
      for (const h of present) await h.onAssigned?.(interaction);
    },
    deliverAutoReply: async (message, interaction) => {
      for (const h of present) await h.deliverAutoReply?.(message, interaction);
    },
  };
}
