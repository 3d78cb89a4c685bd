import { DomainError } from '@cc/core/errors';
import type { Message as MessageRow } from '@cc/db/tables/messages';

/*
 * Refusals of channel actions (WhatsApp replies, templates, pushes). Nothing was sent. GraphQL
 * registers them by class name in schema/channel-errors.ts.
 */

export class TwilioNotConfiguredError extends DomainError {
  constructor(what = 'Voice and WhatsApp') {
    super('TWILIO_NOT_CONFIGURED', `${what} is not configured on this server; an administrator must set the Twilio settings.`);
  }
}
export class WhatsAppWindowClosedError extends DomainError {
  constructor(readonly closesAt: Date | null) {
    super(
      'WHATSAPP_WINDOW_CLOSED',
      closesAt
        ? `The customer last wrote more than 24 hours ago (the window closed at ${closesAt.toISOString()}); choose a template: only an approved one can reach them now.`
        : 'The customer has never written on WhatsApp; choose a template: only an approved one can reach them.',
    );
  }
}
export class CustomerOptedOutError extends DomainError {
  constructor() {
    super('CUSTOMER_OPTED_OUT', 'The customer opted out of WhatsApp messages; nothing can be sent to them there.');
  }
}
/** `providerCode` is Twilio's error code; the message is kept as failed with it. */
export class MessageRefusedByProviderError extends DomainError {
  constructor(readonly providerCode: string, readonly refused: MessageRow, detail: string) {
    super('MESSAGE_REFUSED_BY_PROVIDER', `Twilio refused the message (error ${providerCode}): ${detail}`);
  }
}
export class WrongChannelError extends DomainError {
  constructor(expected: string, actual: string) {
    super('WRONG_CHANNEL', `This is a ${actual} interaction; this action needs a ${expected} one.`);
  }
}
export class TemplateVariablesMissingError extends DomainError {
  constructor(readonly keys: string[]) {
    super('TEMPLATE_VARIABLES_MISSING', `Fill in every value of the template: ${keys.map((k) => `{{${k}}}`).join(', ')} ${keys.length === 1 ? 'is' : 'are'} empty.`);
  }
}
export class EmptyMessageError extends DomainError {
  constructor(message = 'The message is empty: write a text, attach media or share a location.') {
    super('EMPTY_MESSAGE', message);
  }
}

/* Refusals of an inbound WhatsApp message (the webhook answers 503, so Twilio retries later). */
export class NoWhatsAppQueueError extends DomainError {
  constructor() {
    super('NO_WHATSAPP_QUEUE', 'no queue serves WhatsApp; create one before sending messages here');
  }
}
export class InboundMessageRefusedError extends DomainError {
  constructor(readonly reason: string) {
    super('INBOUND_MESSAGE_REFUSED', `the WhatsApp queue refused the message (${reason})`);
  }
}
