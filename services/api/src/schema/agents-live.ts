import { listAgentIds } from '@cc/db/repositories/agents';
import { builder } from '../builder';
import { Agent } from './agents';
import { assertSupervisorCanSubscribe } from './subscription-auth';
import { startingWith } from './subscription-start';

builder.subscriptionField('agentsUpdated', (t) =>
  t.field({
    type: Agent,
    description: 'Supervisors: every agent as they are now first, then an agent each time their presence, load or routing profile changes.',
    authScopes: { supervisor: true },
    subscribe: (_r, _a, ctx) => {
      assertSupervisorCanSubscribe(ctx);
      const live = ctx.pubsub.subscribe('agentsUpdated');
      return startingWith(async () => (await listAgentIds(ctx.db)).map((agentId) => ({ agentId })), live);
    },
    resolve: (payload) => String(payload.agentId),
  }),
);
