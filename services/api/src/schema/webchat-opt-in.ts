import { z } from 'zod';
import { builder } from '../builder';
import { InvalidAttributeError } from '../audience/errors';
import { marketingOptInText, recordWebchatMarketingOptIn } from '../audience/webchat-opt-in';
import { TooManyRequestsError } from '../auth/errors';
import { UnknownChatSiteError } from '../webchat/errors';
import { inputErrors } from './errors';
import { notAVisitor, visitorOf } from './webchat-visitor';

// The chat widget's marketing opt-in: an explicit, unticked checkbox naming the company.

const MarketingOptIn = builder.simpleObject('MarketingOptIn', {
  description: 'What the widget’s marketing checkbox says.',
  fields: (t) => ({
    company: t.string({ description: 'The company named (the chat site’s name).' }),
    wording: t.string({ description: 'The checkbox’s label, kept as evidence when ticked.' }),
  }),
});

builder.queryField('visitorMarketingOptIn', (t) =>
  t.field({
    authScopes: { visitor: true },
    unauthorizedError: notAVisitor,
    type: MarketingOptIn,
    description: 'The label of the widget’s marketing opt-in checkbox for this site (visitor token required).',
    resolve: (_r, _a, ctx) => marketingOptInText(ctx, visitorOf(ctx)),
  }),
);

const OptInToMarketingInput = builder.inputType('OptInToMarketingInput', {
  description: 'The visitor ticked the marketing checkbox and gave a WhatsApp number.',
  fields: (t) => ({
    phone: t.string({ required: true, description: 'The WhatsApp number, international format preferred (+34 600 000 000).', validate: z.string().trim().min(1, 'Give your WhatsApp number.').max(40) }),
    agreed: t.boolean({ required: true, description: 'Must be true: the box was ticked by the visitor (it is never pre-ticked).' }),
    pageUrl: t.string({ required: false, description: 'The page the visitor was on (evidence).', validate: z.url({ protocol: /^https?$/ }).max(2000).optional().nullable() }),
  }),
});

const OptInToMarketingPayload = builder.simpleObject('OptInToMarketingPayload', {
  description: 'The opt-in was recorded.',
  fields: (t) => ({ phone: t.string({ description: 'The number recorded, E.164.' }) }),
});

builder.mutationField('optInToMarketing', (t) =>
  t.field({
    authScopes: { visitor: true },
    unauthorizedError: notAVisitor,
    type: OptInToMarketingPayload,
    description: 'A chat visitor opts in to marketing on WhatsApp: a MARKETING consent with the checkbox wording, site, visitor, page and address as evidence. Throttled per visitor and address.',
    errors: { types: [InvalidAttributeError, UnknownChatSiteError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'OptInToMarketingResult' } },
    args: { input: t.arg({ type: OptInToMarketingInput, required: true, description: 'The number and the ticked box.' }) },
    resolve: async (_r, { input }, ctx) => {
      const { phoneE164 } = await recordWebchatMarketingOptIn(ctx, { visitor: visitorOf(ctx), phone: input.phone, agreed: input.agreed, pageUrl: input.pageUrl ?? null, clientAddress: ctx.clientAddress ?? null });
      return { phone: phoneE164 };
    },
  }),
);
