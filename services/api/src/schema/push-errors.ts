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

const pushErrorDescriptions: Record<string, string> = {
  NoConsentError: 'No consent for WhatsApp messages is recorded for this customer; record it (recordConsent) first.',
  NoTargetNumberError: 'The call has no caller id; give the customer’s WhatsApp number in `to`.',
  SmsFallbackNotOfferedError: 'The SMS fallback is offered only after WhatsApp could not reach the number, and only once.',
};
for (const cls of [NoConsentError, NoTargetNumberError, SmsFallbackNotOfferedError] as const) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description: pushErrorDescriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}

builder.objectType(TemplateRequiredError, {
  name: 'TemplateRequiredError',
  description: 'The 24 h WhatsApp window is closed: only an approved template can be sent; it carries the link, file or location.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ windowClosedAt: t.expose('closesAt', { type: 'DateTime', nullable: true, description: 'Null when the customer never wrote on WhatsApp.' }) }),
});

builder.objectType(TemplateNotApprovedError, {
  name: 'TemplateNotApprovedError',
  description: 'The template is not approved by WhatsApp (or not synced); sync templates or choose another.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    contentSid: t.exposeString('contentSid', { description: 'Twilio Content SID of the template asked for.' }),
    approvalStatus: t.exposeString('approvalStatus', { nullable: true, description: 'Its WhatsApp approval status (e.g. pending, rejected); null when unknown here.' }),
  }),
});

builder.objectType(LinkNotAllowedError, {
  name: 'LinkNotAllowedError',
  description: 'The link is not http(s), or its domain is not on the company’s allow-list.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ host: t.exposeString('host', { nullable: true, description: 'The refused host; null when it is not a web link.' }) }),
});

const MediaRefusalEnum = builder.enumType('MediaRefusal', {
  description: 'Why a file may not be sent on WhatsApp.',
  values: {
    TYPE: { value: 'type', description: 'WhatsApp does not take this content type.' },
    SIZE: { value: 'size', description: 'Too large: 5 MB for images, 16 MB for other media.' },
    EMPTY: { value: 'empty', description: 'The file is empty.' },
    MISMATCH: { value: 'mismatch', description: 'The content does not match its declared type.' },
    MISSING: { value: 'missing', description: 'The uploaded file or document is not there (expired or never uploaded).' },
    WITHDRAWN: { value: 'withdrawn', description: 'The document was withdrawn from the library.' },
  } as const,
});

builder.objectType(MediaRefusedError, {
  name: 'MediaRefusedError',
  description: 'The file breaks WhatsApp’s media rules (type, 5 MB images / 16 MB other, content matching its type).',
  interfaces: [ErrorInterface],
  fields: (t) => ({ reason: t.field({ type: MediaRefusalEnum, description: 'Which rule it breaks.', resolve: (e) => e.reason }) }),
});

builder.objectType(PushTooSoonError, {
  name: 'PushTooSoonError',
  description: 'A message went to this customer moments ago; messages to one person are spaced (WhatsApp blocks senders who message too fast).',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'Seconds until the next message to this customer may go.' }) }),
});

builder.objectType(SenderRateLimitedError, {
  name: 'SenderRateLimitedError',
  description: 'The WhatsApp sender number is at its message rate; nothing was sent.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'Seconds until the sender has room again.' }) }),
});

builder.objectType(PacingUnavailableError, {
  name: 'PacingUnavailableError',
  description: 'WhatsApp pacing (shared by every replica) is unreachable, so nothing was sent; retry after retryAfterSeconds.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'When to try again.' }) }),
});

builder.objectType(DailyBudgetExhaustedError, {
  name: 'DailyBudgetExhaustedError',
  description: 'The business-initiated WhatsApp conversations allowed per 24 h are used up; customers inside their 24 h window can still be reached.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    limit: t.exposeInt('limit', { description: 'Business-initiated conversations allowed per rolling 24 h.' }),
    resetsAt: t.expose('resetsAt', { type: 'DateTime', description: 'When the next one frees up.' }),
  }),
});

builder.objectType(SmsRefusedError, {
  name: 'SmsRefusedError',
  description: 'Twilio refused the SMS fallback; its error code says why.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ code: t.string({ description: 'Twilio’s error code.', resolve: (e) => e.providerCode }) }),
});
