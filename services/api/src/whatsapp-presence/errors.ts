import { DomainError } from '@cc/core/errors';

/*
 * Refusals of the WhatsApp presence settings; GraphQL registers them in
 * schema/whatsapp-presence-errors.ts. Provider failures reuse channels' ProviderUnreachableError /
 * ProviderRefusedError (Twilio down is not Twilio saying no).
 */

export class WhatsAppSenderNotConfiguredError extends DomainError {
  constructor() {
    super('WHATSAPP_SENDER_NOT_CONFIGURED', 'The WhatsApp sender is not configured on this server; an administrator must set TWILIO_WHATSAPP_SENDER_SID (XE…) and TWILIO_WHATSAPP_FROM.');
  }
}

/** A field of the profile or of the automatic replies that cannot be saved; `field` names it. */
export class WhatsAppSettingInvalidError extends DomainError {
  constructor(readonly field: string, reason: string) {
    super('WHATSAPP_SETTING_INVALID', `${field}: ${reason}`);
  }
}
