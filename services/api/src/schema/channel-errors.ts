import { ProviderRefusedError, ProviderUnreachableError } from '@cc/channels/provider-failure';
import { builder } from '../builder';
import {
  CustomerOptedOutError,
  EmptyMessageError,
  MessageRefusedByProviderError,
  TemplateVariablesMissingError,
  TwilioNotConfiguredError,
  WhatsAppWindowClosedError,
  WrongChannelError,
} from '../messaging/errors';
import { NoLiveCallError } from '../voice/errors';
import { ErrorInterface } from './errors';
import { Message } from './interactions';

/* Registers the messaging and voice refusals (messaging/errors.ts, voice/errors.ts) and the provider failures as GraphQL types. */

const channelErrorDescriptions: Record<string, string> = {
  TwilioNotConfiguredError: 'Voice, WhatsApp or SMS is not configured on this server (no Twilio settings).',
  CustomerOptedOutError: 'The customer opted out of WhatsApp messages; nothing can be sent there.',
  WrongChannelError: 'The action needs an interaction of another channel (e.g. a WhatsApp reply on a call).',
  NoLiveCallError: 'The interaction has no live Twilio call (the caller hung up).',
  EmptyMessageError: 'Nothing to send: no text, media or location.',
};
for (const cls of [TwilioNotConfiguredError, CustomerOptedOutError, WrongChannelError, NoLiveCallError, EmptyMessageError] as const) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description: channelErrorDescriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}

builder.objectType(WhatsAppWindowClosedError, {
  name: 'WhatsAppWindowClosedError',
  description: 'Free-form WhatsApp text is allowed only within 24 h of the customer’s last message; send an approved template instead.',
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
  fields: (t) => ({
    code: t.string({ description: 'Twilio’s error code.', resolve: (e) => e.providerCode }),
    failedMessage: t.field({ type: Message, description: 'The message as stored, with status failed.', resolve: (e) => e.refused }),
  }),
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
