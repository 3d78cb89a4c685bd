import { builder } from '../builder';
import { WhatsAppSenderNotConfiguredError, WhatsAppSettingInvalidError } from '../whatsapp-presence/errors';
import { ErrorInterface } from './errors';

/* Registers whatsapp-presence/errors.ts as GraphQL types — nothing else. */

builder.objectType(WhatsAppSenderNotConfiguredError, {
  name: 'WhatsAppSenderNotConfiguredError',
  description: 'The WhatsApp sender (TWILIO_WHATSAPP_SENDER_SID, TWILIO_WHATSAPP_FROM) is not configured on this server.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(WhatsAppSettingInvalidError, {
  name: 'WhatsAppSettingInvalidError',
  description: 'A field of the business profile or of the automatic replies cannot be saved; nothing was changed or sent.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.exposeString('field', { description: 'The field, e.g. name, emails, greeting.es or keywords[2].' }) }),
});
