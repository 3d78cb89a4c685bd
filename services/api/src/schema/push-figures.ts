import { pushFigures } from '@cc/db/repositories/push-stats';
import { builder } from '../builder';
import type { Context } from '../context';
import { assertSupervisorCanSubscribe } from './subscription-auth';
import { startingWith } from './subscription-start';

const PushRefusalCount = builder.simpleObject('PushRefusalCount', {
  description: 'How many pushes were refused for one reason.',
  fields: (t) => ({
    reason: t.string({ description: 'Why, in lower case: no_consent, opted_out, window_closed, spacing, rate, budget, link_not_allowed, media_refused…' }),
    count: t.int({ description: 'Refusals for that reason in the period.' }),
  }),
});

const PushFigures = builder.simpleObject('PushFigures', {
  description: 'In-call push figures (contact-center-metrics.md): rates are of pushes Twilio accepted; link-opened of pushes carrying a link.',
  fields: (t) => ({
    pushes: t.int({ description: 'Pushes created in the period (refused ones are counted in refusals).' }),
    sent: t.int({ description: 'Pushes handed to Twilio: queued, sent, delivered, read, or failed after Twilio took them.' }),
    delivered: t.int({ description: 'Includes read.' }),
    read: t.int({ description: 'Pushes the customer read (WhatsApp read receipts).' }),
    failed: t.int({ description: 'Pushes that failed or were undelivered.' }),
    deliveredRate: t.float({ nullable: true, description: 'delivered ÷ sent, 0–1, three decimals; null when none was sent.' }),
    readRate: t.float({ nullable: true, description: 'read ÷ sent, 0–1, three decimals; null when none was sent.' }),
    linkOpenedRate: t.float({ nullable: true, description: 'Pushes whose link was opened at least once ÷ pushes carrying a link, 0–1; null with no links.' }),
    medianSecondsCallToPush: t.float({ nullable: true, description: 'From the call entering the queue to the push.' }),
    refusals: t.field({ type: [PushRefusalCount], description: 'no_consent, opted_out, window_closed, spacing, rate, budget, link_not_allowed, media_refused…' }),
  }),
});

/** Figures since `since`, rates rounded to three decimals (null when there is nothing to divide by). */
async function figuresSince(ctx: Context, since: Date) {
  const f = await pushFigures(ctx.db, since);
  const rate = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : null);
  return {
    ...f,
    deliveredRate: rate(f.delivered, f.sent),
    readRate: rate(f.read, f.sent),
    linkOpenedRate: rate(f.linkOpened, f.linkPushes),
    medianSecondsCallToPush: f.medianSecondsCallToPush,
  };
}

const lastDay = (ctx: Context) => new Date(ctx.clock().getTime() - 24 * 3600_000);

builder.queryField('pushFigures', (t) =>
  t.field({
    type: PushFigures,
    description: 'Push figures since an instant (default: the last 24 hours).',
    authScopes: { supervisor: true, apiScope: 'interactions:read' },
    args: { since: t.arg({ type: 'DateTime', required: false, description: 'Start of the period (ISO 8601); default 24 hours ago.' }) },
    resolve: (_r, { since }, ctx) => figuresSince(ctx, since ?? lastDay(ctx)),
  }),
);

builder.subscriptionField('pushFiguresUpdated', (t) =>
  t.field({
    type: PushFigures,
    description: 'Supervisors: the last 24 hours’ push figures now, then each time a push changes status, a link is opened or a push is refused.',
    authScopes: { supervisor: true },
    subscribe: (_r, _a, ctx) => {
      assertSupervisorCanSubscribe(ctx);
      return startingWith(async () => [{}], ctx.pubsub.subscribe('pushFiguresUpdated'));
    },
    resolve: (_payload, _a, ctx) => figuresSince(ctx, lastDay(ctx)),
  }),
);
