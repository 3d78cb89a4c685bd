import type { ChannelHooks, ConnectOutcome } from '@cc/workflows/activities/routing';

/**
 * Several channels' routing hooks as one: each adapter acts only on its own channel's
 * interactions, so every hook is called in turn.
 */
export function composeChannelHooks(...hooks: (Partial<ChannelHooks> | null | undefined)[]): ChannelHooks {
  const present = hooks.filter((h): h is Partial<ChannelHooks> => !!h);
  return {
    onAssigned: async (interaction) => {
      let outcome: ConnectOutcome | void = undefined;
      for (const h of present) outcome = (await h.onAssigned?.(interaction)) ?? outcome;
      return outcome;
    },
    onConnectFailed: async (interaction, reason) => {
      let handled = false;
      for (const h of present) handled = (await h.onConnectFailed?.(interaction, reason)) || handled;
      return handled;
    },
    deliverAutoReply: async (message, interaction) => {
      for (const h of present) await h.deliverAutoReply?.(message, interaction);
    },
  };
}
