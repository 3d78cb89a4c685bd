import { ProviderRefusedError, ProviderUnreachableError } from '@cc/channels/provider-failure';
import type { Message as MessageRow } from '@cc/db/tables/messages';
import { builder } from '../builder';
import { ErrorInterface } from './errors';
import { Message } from './interactions';

/* Refusals of channel actions (WhatsApp replies, voice tokens). Nothing was sent. */

export class TwilioNotConfiguredError extends Error {
  constructor(what = 'Voice and WhatsApp') {
    super(`${what} is not configured on this server; an administrator must set the Twilio settings.`);
  }
}
export class WhatsAppWindowClosedError extends Error {
  constructor(readonly closesAt: Date | null) {
    super(
      closesAt
        ? `The customer last wrote more than 24 hours ago (the window closed at ${closesAt.toISOString()}); choose a template: only an approved one can reach them now.`
        : 'The customer has never written on WhatsApp; choose a template: only an approved one can reach them.',
    );
  }
}
export class CustomerOptedOutError extends Error {
  constructor() {
    super('The customer opted out of WhatsApp messages; nothing can be sent to them there.');
  }
}
export class MessageRefusedByProviderError extends Error {
  constructor(readonly code: string, readonly refused: MessageRow, detail: string) {
    super(`Twilio refused the message (error ${code}): ${detail}`);
  }
}
export class WrongChannelError extends Error {
  constructor(expected: string, actual: string) {
    super(`This is a ${actual} interaction; this action needs a ${expected} one.`);
  }
}

export class TemplateVariablesMissingError extends Error {
  constructor(readonly keys: string[]) {
    super(`Fill in every value of the template: ${keys.map((k) => `{{${k}}}`).join(', ')} ${keys.length === 1 ? 'is' : 'are'} empty.`);
  }
}

export class NoLiveCallError extends Error {
  constructor() {
    super('This interaction has no live call: the caller has hung up, or it did not come through Twilio.');
  }
}

export class EmptyMessageError extends Error {
  constructor(message = 'The message is empty: write a text, attach media or share a location.') {
    super(message);
  }
}

for (const cls of [TwilioNotConfiguredError, CustomerOptedOutError, WrongChannelError, NoLiveCallError, EmptyMessageError] as const) {
  builder.objectType(cls as typeof Error, { name: cls.name, interfaces: [ErrorInterface], fields: () => ({}) });
}

builder.objectType(WhatsAppWindowClosedError, {
  name: 'WhatsAppWindowClosedError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ closesAt: t.expose('closesAt', { type: 'DateTime', nullable: true, description: 'When the window closed; null when the customer never wrote.' }) }),
});

builder.objectType(TemplateVariablesMissingError, {
  name: 'TemplateVariablesMissingError',
  description: 'WhatsApp refuses a template with an empty value; nothing was sent.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ keys: t.exposeStringList('keys', { description: 'The placeholders left empty.' }) }),
});

builder.objectType(MessageRefusedByProviderError, {
  name: 'MessageRefusedByProviderError',
  description: 'Twilio refused the request; the message is kept as failed with this error code.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ code: t.exposeString('code'), failedMessage: t.field({ type: Message, resolve: (e) => e.refused }) }),
});

builder.objectType(ProviderUnreachableError, {
  name: 'ProviderUnreachableError',
  description: 'Twilio (or the mail server) could not be reached — not a refusal. Whatever was being sent is kept as failed (error code unreachable); sending again may work.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryable: t.exposeBoolean('retryable', { description: 'Always true: the condition is transient.' }),
    certainlyNotSent: t.exposeBoolean('certainlyNotSent', { description: 'True when the request never left (no connection); false when it may have arrived (timeout, broken connection, provider error 5xx).' }),
  }),
});

builder.objectType(ProviderRefusedError, {
  name: 'ProviderRefusedError',
  description: 'Twilio answered a request that is not a message (e.g. listing templates) with a refusal; its error code says why.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ code: t.exposeString('code', { description: 'Twilio’s error code, or http_<status>.' }) }),
});
