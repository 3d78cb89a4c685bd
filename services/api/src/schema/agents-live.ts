import { builder } from '../builder';
import { Agent } from './agents';
import { assertSupervisorCanSubscribe } from './subscription-auth';

builder.subscriptionField('agentsUpdated', (t) =>
  t.field({
    type: Agent,
    description: 'Supervisors: an agent whose presence, load or routing profile just changed, as it is now.',
    authScopes: { supervisor: true },
    subscribe: (_r, _a, ctx) => {
      assertSupervisorCanSubscribe(ctx);
      return ctx.pubsub.subscribe('agentsUpdated');
    },
    resolve: (payload) => String(payload.agentId),
  }),
);
