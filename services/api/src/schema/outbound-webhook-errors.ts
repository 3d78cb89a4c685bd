import { builder } from '../builder';
import { InvalidWebhookUrlError, WebhookDeliveryInProgressError, WebhookEndpointDisabledError } from '../outbound-webhooks/errors';
import { ErrorInterface } from './errors';

/* Refusals of outbound-webhook changes (outbound-webhooks/errors.ts); nothing was changed. */

builder.objectType(InvalidWebhookUrlError, {
  name: 'InvalidWebhookUrlError',
  description: 'The endpoint URL is not usable: it must be https (plain http only to loopback, in development and tests), without user name or password.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ url: t.exposeString('url', { description: 'The URL refused.' }) }),
});

builder.objectType(WebhookDeliveryInProgressError as unknown as typeof Error, {
  name: 'WebhookDeliveryInProgressError',
  description: 'The delivery is still being attempted (pending or retrying); it can be replayed once it has succeeded or failed.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(WebhookEndpointDisabledError, {
  name: 'WebhookEndpointDisabledError',
  description: 'The endpoint is disabled (by an administrator, or because the receiver answered 410 Gone); enable it first.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ reason: t.exposeString('reason', { nullable: true, description: 'Why it was disabled.' }) }),
});
