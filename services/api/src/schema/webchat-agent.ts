import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { getInteraction } from '@cc/db/repositories/interactions';
import { builder } from '../builder';
import { isAssignedAgent } from '../authorization/policy';
import type { Context } from '../context';
import { sendAgentChatMessage, visitorKey } from '../webchat/chat';
import type { VisitorClaims } from '../webchat/visitor-tokens';
import { ChatMessageRefusedError } from '../webchat/errors';
import { NotThisChannelError } from '../email/errors';
import { inputErrors } from './errors';
import { Interaction, Message } from './interactions';
import { InteractionStateError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { assertCanSubscribeToInteraction } from './subscription-auth';

/* The agent's side of web chat. */

const SendChatMessageInput = builder.inputType('SendChatMessageInput', {
  description: 'An agent’s chat message.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction], description: 'The web chat assigned to you.' }),
    body: t.string({ required: true, description: 'The text, up to 100,000 characters.', validate: z.string().max(100_000) }),
  }),
});

const ChatMessagePayload = builder.simpleObject('ChatMessagePayload', {
  description: 'The chat message was sent.',
  fields: (t) => ({ message: t.field({ type: Message, description: 'The message as stored on the timeline.' }) }),
});

async function assignedChat(ctx: Context, id: string) {
  if (ctx.principal.kind !== 'user') throw new NotYourInteractionError();
  const interaction = await getInteraction(ctx.db, id);
  if (!interaction) throw new NotFoundError('Interaction');
  if (!isAssignedAgent(ctx.principal, interaction)) throw new NotYourInteractionError();
  if (interaction.channel !== 'webchat') throw new NotThisChannelError('web chat', interaction.channel);
  if (interaction.status !== 'assigned') throw new InteractionStateError(interaction.status, 'written in');
  return { interaction, agentId: ctx.principal.userId };
}

builder.mutationField('sendChatMessage', (t) =>
  t.field({
    type: ChatMessagePayload,
    description: 'The assigned agent writes in a web chat; the visitor’s widget shows it at once.',
    authScopes: { user: true },
    errors: { types: [NotFoundError, NotYourInteractionError, InteractionStateError, NotThisChannelError, ChatMessageRefusedError, ...inputErrors], directResult: true, union: { name: 'SendChatMessageResult' } },
    args: { input: t.arg({ type: SendChatMessageInput, required: true, description: 'The chat and the text.' }) },
    resolve: async (_r, { input }, ctx) => {
      const { interaction, agentId } = await assignedChat(ctx, String(input.interactionId.id));
      const sent = await sendAgentChatMessage(ctx, interaction, agentId, input.body);
      if (!sent.ok) throw new ChatMessageRefusedError(sent.reason);
      return { message: sent.message };
    },
  }),
);

const SetAgentTypingInput = builder.inputType('SetAgentTypingInput', {
  description: 'Whether the agent is typing in a chat.',
  fields: (t) => ({
    interactionId: t.globalID({ required: true, for: [Interaction], description: 'The chat the agent holds.' }),
    typing: t.boolean({ required: true, description: 'True while the agent types; false when they stop.' }),
  }),
});

builder.mutationField('setAgentTyping', (t) =>
  t.boolean({
    description: 'The agent started or stopped typing in a chat; the visitor’s widget shows it.',
    authScopes: { user: true },
    args: { input: t.arg({ type: SetAgentTypingInput, required: true, description: 'The chat and the typing state.' }) },
    resolve: async (_r, { input: args }, ctx) => {
      const interaction = await getInteraction(ctx.db, String(args.interactionId.id));
      // Only the agent holding the chat types in it; anyone else is refused, not quietly ignored.
      if (interaction && !isAssignedAgent(ctx.principal, interaction)) {
        throw new GraphQLError('You do not have permission to do this.', { extensions: { code: 'FORBIDDEN' } });
      }
      const webchat = (interaction?.context as { webchat?: VisitorClaims } | undefined)?.webchat;
      if (!interaction || !webchat) return false;
      ctx.pubsub.publish('visitorChat', visitorKey(webchat), { agentTyping: args.typing });
      return true;
    },
  }),
);

const ChatTypingEvent = builder.simpleObject('ChatTypingEvent', {
  description: 'The visitor’s typing state changed.',
  fields: (t) => ({ typing: t.boolean({ description: 'True while the visitor types; false when they stopped.' }) }),
});

builder.subscriptionField('chatTyping', (t) =>
  t.field({
    type: ChatTypingEvent,
    description: 'The visitor of a web chat started or stopped typing.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    args: { interactionId: t.arg.globalID({ required: true, for: [Interaction], description: 'A web chat interaction you may read.' }) },
    subscribe: async (_r, args, ctx) => {
      await assertCanSubscribeToInteraction(ctx, String(args.interactionId.id));
      return ctx.pubsub.subscribe('chatTyping', String(args.interactionId.id));
    },
    resolve: (payload) => ({ typing: payload.typing === true }),
  }),
);
