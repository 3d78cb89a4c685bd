import { z } from 'zod';
import { providerError, ProviderRefusedError, ProviderUnreachableError } from '@cc/channels/provider-failure';
import { listContentTemplates } from '@cc/channels/twilio/content';
import { classifyTwilioError } from '@cc/channels/twilio/errors';
import { replaceTemplates, listTemplates } from '@cc/db/repositories/whatsapp-templates';
import type { WhatsAppTemplate as TemplateRow } from '@cc/db/tables/whatsapp-templates';
import { builder } from '../builder';
import { TwilioNotConfiguredError } from '../messaging/errors';

const TemplateVariable = builder.simpleObject('TemplateVariable', {
  description: 'One placeholder of a template ({{1}}, {{2}}…) and the sample value it was approved with.',
  fields: (t) => ({
    key: t.string({ description: 'The placeholder’s key, e.g. "1" for {{1}}; pass it as TemplateVariableInput.key.' }),
    sample: t.string({ description: 'The sample value registered with the template (shown as a hint, never sent).' }),
  }),
});

export const WhatsAppTemplate = builder.objectRef<TemplateRow>('WhatsAppTemplate').implement({
  description: 'A WhatsApp template from Twilio’s Content API; only APPROVED ones can be sent.',
  fields: (t) => ({
    contentSid: t.exposeString('content_sid', { description: 'Twilio Content SID (HX…); pass it to push’s template.' }),
    name: t.exposeString('friendly_name', { description: 'The template’s name in Twilio.' }),
    language: t.exposeString('language', { description: 'Language code, e.g. es or en_US.' }),
    body: t.exposeString('body', { nullable: true, description: 'The text with its {{n}} placeholders; null for templates without a text body.' }),
    variables: t.field({ type: [TemplateVariable], description: 'Its placeholders, each to be filled when sending.', resolve: (r) => Object.entries(r.variables).map(([key, sample]) => ({ key, sample })) }),
    contentTypes: t.stringList({ description: 'Twilio content types it carries, e.g. twilio/text, twilio/media.', resolve: (r) => Object.keys(r.types) }),
    approvalStatus: t.exposeString('approval_status', { description: 'WhatsApp’s approval as last synced: approved, pending, rejected, unsubmitted… Only approved ones can be sent.' }),
    category: t.exposeString('category', { nullable: true, description: 'WhatsApp category (utility, marketing, authentication) as Twilio reports it; null when not submitted for approval.' }),
    syncedAt: t.expose('synced_at', { type: 'DateTime', description: 'When it was last loaded from Twilio.' }),
  }),
});

builder.queryField('whatsAppTemplates', (t) =>
  t.field({
    type: [WhatsAppTemplate],
    description: 'The synced templates; by default only those WhatsApp approved (the ones that can be sent).',
    authScopes: { user: true },
    args: { approvedOnly: t.arg.boolean({ required: false, defaultValue: true, description: 'False lists every synced template, whatever its approval.', validate: z.boolean().nullable().optional() }) },
    resolve: (_r, { approvedOnly }, ctx) => listTemplates(ctx.db, { approvedOnly: approvedOnly ?? true }),
  }),
);

const SyncTemplatesPayload = builder.simpleObject('SyncWhatsAppTemplatesPayload', {
  description: 'The templates were reloaded from Twilio.',
  fields: (t) => ({ templates: t.field({ type: [WhatsAppTemplate], description: 'Every synced template, approved or not.' }) }),
});

builder.mutationField('syncWhatsAppTemplates', (t) =>
  t.field({
    type: SyncTemplatesPayload,
    description: 'Reloads the template list and approval statuses from Twilio’s Content API.',
    authScopes: { supervisor: true },
    errors: { types: [TwilioNotConfiguredError, ProviderUnreachableError, ProviderRefusedError], directResult: true, union: { name: 'SyncWhatsAppTemplatesResult' } },
    resolve: async (_r, _a, ctx) => {
      if (!ctx.twilio) throw new TwilioNotConfiguredError('WhatsApp');
      let listed;
      try {
        listed = await listContentTemplates(ctx.twilio.deps.client);
      } catch (e) {
        // Nothing was changed: the templates synced before stay as they were.
        throw providerError('Twilio', classifyTwilioError(e));
      }
      await replaceTemplates(ctx.db, listed, ctx.clock());
      return { templates: await listTemplates(ctx.db, { approvedOnly: false }) };
    },
  }),
);
