import { z } from 'zod';
import { customerInteractionIds, customerTimeline, type TimelineEntry } from '@cc/db/repositories/timeline';
import { builder } from '../builder';
import { interactionListAgent, mayReadWholeHistory } from '../authorization/policy';
import { Customer } from './customers';
import { auditCustomerRead } from '../privacy/audit-log';
import { Interaction, InteractionEvent, Message } from './interactions';

const TimelineItem = builder.unionType('TimelineItem', {
  description: 'A message on any channel, or a step of an interaction (call queued, assigned, transferred…).',
  types: [Message, InteractionEvent],
  resolveType: (item) => ('direction' in item ? Message : InteractionEvent),
});

builder.objectFields(Customer, (t) => ({
  timeline: t.field({
    type: [TimelineItem],
    description: 'Everything that happened with this customer across calls, WhatsApp, email and chat, oldest first.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    args: { last: t.arg.int({ required: false, defaultValue: 200, description: 'How many of the most recent items to return, 1–1000.', validate: z.number().int().min(1).max(1000) }) },
    resolve: async (c, { last }, ctx) => {
      // An agent no longer on one of this customer's contacts sees only the interactions they took part in.
      const p = ctx.principal;
      const onlyFor = p.kind === 'user' && !(await mayReadWholeHistory(ctx.db, p, c.id)) ? p.userId : undefined;
      const entries = await customerTimeline(ctx.db, c.id, last ?? 200, onlyFor);
      await auditCustomerRead(ctx.db, p, { what: 'timeline', customerId: c.id, detail: { items: entries.length } });
      return entries.map((e: TimelineEntry) => (e.kind === 'message' ? e.message : e.event));
    },
  }),
  interactions: t.field({
    type: [Interaction],
    description: 'Newest first; only those the caller may see are returned.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    resolve: async (c, _a, ctx) => {
      return (await customerInteractionIds(ctx.db, c.id, interactionListAgent(ctx.principal))).map((r) => r.id);
    },
  }),
}));

builder.queryField('customer', (t) =>
  t.field({
    type: Customer,
    nullable: true,
    description:
      'One customer by global id. Supervisors and keys with customers:read see any; an agent only while holding or being offered one of their interactions. Null or FORBIDDEN otherwise.',
    authScopes: { user: true, apiScope: 'customers:read' },
    args: { id: t.arg.globalID({ required: true, for: [Customer], description: 'The customer’s global id (Customer.id).' }) },
    resolve: (_r, { id }) => String(id.id),
  }),
);
