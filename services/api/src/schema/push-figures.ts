import { pushFigures } from '@cc/db/repositories/push-stats';
import { builder } from '../builder';

const PushRefusalCount = builder.simpleObject('PushRefusalCount', { fields: (t) => ({ reason: t.string(), count: t.int() }) });

const PushFigures = builder.simpleObject('PushFigures', {
  description: 'In-call push figures (contact-center-metrics.md): rates are of pushes Twilio accepted; link-opened of pushes carrying a link.',
  fields: (t) => ({
    pushes: t.int(),
    sent: t.int(),
    delivered: t.int({ description: 'Includes read.' }),
    read: t.int(),
    failed: t.int(),
    deliveredRate: t.float({ nullable: true }),
    readRate: t.float({ nullable: true }),
    linkOpenedRate: t.float({ nullable: true }),
    medianSecondsCallToPush: t.float({ nullable: true, description: 'From the call entering the queue to the push.' }),
    refusals: t.field({ type: [PushRefusalCount], description: 'no_consent, opted_out, window_closed, spacing, rate, budget, link_not_allowed, media_refused…' }),
  }),
});

builder.queryField('pushFigures', (t) =>
  t.field({
    type: PushFigures,
    description: 'Push figures since an instant (default: the last 24 hours).',
    authScopes: { supervisor: true, apiScope: 'interactions:read' },
    args: { since: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_r, { since }, ctx) => {
      const f = await pushFigures(ctx.db, since ?? new Date(ctx.clock().getTime() - 24 * 3600_000));
      const rate = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : null);
      return {
        ...f,
        deliveredRate: rate(f.delivered, f.sent),
        readRate: rate(f.read, f.sent),
        linkOpenedRate: rate(f.linkOpened, f.linkPushes),
        medianSecondsCallToPush: f.medianSecondsCallToPush,
      };
    },
  }),
);
