import { builder } from '../builder';
import {
  DailyBudgetExhaustedError,
  LinkNotAllowedError,
  MediaRefusedError,
  NoConsentError,
  NoTargetNumberError,
  PacingUnavailableError,
  PushTooSoonError,
  SenderRateLimitedError,
  SmsFallbackNotOfferedError,
  SmsRefusedError,
  TemplateNotApprovedError,
  TemplateRequiredError,
} from '../push/errors';
import { ErrorInterface } from './errors';

/* Refusals of in-call pushes: each says why and what to do; nothing was stored or sent. */

for (const cls of [NoConsentError, NoTargetNumberError, SmsFallbackNotOfferedError] as const) {
  builder.objectType(cls as typeof Error, { name: cls.name, interfaces: [ErrorInterface], fields: () => ({}) });
}

builder.objectType(TemplateRequiredError, {
  name: 'TemplateRequiredError',
  description: 'The 24 h WhatsApp window is closed: only an approved template can be sent; it carries the link, file or location.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ windowClosedAt: t.expose('closesAt', { type: 'DateTime', nullable: true, description: 'Null when the customer never wrote on WhatsApp.' }) }),
});

builder.objectType(TemplateNotApprovedError, {
  name: 'TemplateNotApprovedError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ contentSid: t.exposeString('contentSid'), approvalStatus: t.exposeString('approvalStatus', { nullable: true }) }),
});

builder.objectType(LinkNotAllowedError, {
  name: 'LinkNotAllowedError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ host: t.exposeString('host', { nullable: true }) }),
});

const MediaRefusalEnum = builder.enumType('MediaRefusal', {
  values: { TYPE: { value: 'type' }, SIZE: { value: 'size' }, EMPTY: { value: 'empty' }, MISMATCH: { value: 'mismatch' }, MISSING: { value: 'missing' }, WITHDRAWN: { value: 'withdrawn' } } as const,
});

builder.objectType(MediaRefusedError, {
  name: 'MediaRefusedError',
  description: 'The file breaks WhatsApp’s media rules (type, 5 MB images / 16 MB other, content matching its type).',
  interfaces: [ErrorInterface],
  fields: (t) => ({ reason: t.field({ type: MediaRefusalEnum, resolve: (e) => e.reason }) }),
});

builder.objectType(PushTooSoonError, {
  name: 'PushTooSoonError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
});

builder.objectType(SenderRateLimitedError, {
  name: 'SenderRateLimitedError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
});

builder.objectType(PacingUnavailableError, {
  name: 'PacingUnavailableError',
  description: 'WhatsApp pacing (shared by every replica) is unreachable, so nothing was sent; retry after retryAfterSeconds.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'When to try again.' }) }),
});

builder.objectType(DailyBudgetExhaustedError, {
  name: 'DailyBudgetExhaustedError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ limit: t.exposeInt('limit'), resetsAt: t.expose('resetsAt', { type: 'DateTime' }) }),
});

builder.objectType(SmsRefusedError, {
  name: 'SmsRefusedError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ code: t.exposeString('code') }),
});
