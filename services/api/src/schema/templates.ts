import { z } from 'zod';
import { providerError, ProviderRefusedError, ProviderUnreachableError } from '@cc/channels/provider-failure';
import { listContentTemplates } from '@cc/channels/twilio/content';
import { classifyTwilioError } from '@cc/channels/twilio/errors';
import { replaceTemplates, listTemplates } from '@cc/db/repositories/whatsapp-templates';
import type { WhatsAppTemplate as TemplateRow } from '@cc/db/tables/whatsapp-templates';
import { builder } from '../builder';
import { TwilioNotConfiguredError } from '../messaging/errors';

const TemplateVariable = builder.simpleObject('TemplateVariable', { fields: (t) => ({ key: t.string(), sample: t.string() }) });

export const WhatsAppTemplate = builder.objectRef<TemplateRow>('WhatsAppTemplate').implement({
  description: 'A WhatsApp template from Twilio’s Content API; only APPROVED ones can be sent.',
  fields: (t) => ({
    contentSid: t.exposeString('content_sid'),
    name: t.exposeString('friendly_name'),
    language: t.exposeString('language'),
    body: t.exposeString('body', { nullable: true }),
    variables: t.field({ type: [TemplateVariable], resolve: (r) => Object.entries(r.variables).map(([key, sample]) => ({ key, sample })) }),
    contentTypes: t.stringList({ resolve: (r) => Object.keys(r.types) }),
    approvalStatus: t.exposeString('approval_status'),
    category: t.exposeString('category', { nullable: true }),
    syncedAt: t.expose('synced_at', { type: 'DateTime' }),
  }),
});

builder.queryField('whatsAppTemplates', (t) =>
  t.field({
    type: [WhatsAppTemplate],
    description: 'The synced templates; by default only those WhatsApp approved (the ones that can be sent).',
    authScopes: { user: true },
    args: { approvedOnly: t.arg.boolean({ required: false, defaultValue: true, validate: z.boolean().nullable().optional() }) },
    resolve: (_r, { approvedOnly }, ctx) => listTemplates(ctx.db, { approvedOnly: approvedOnly ?? true }),
  }),
);

const SyncTemplatesPayload = builder.simpleObject('SyncWhatsAppTemplatesPayload', { fields: (t) => ({ templates: t.field({ type: [WhatsAppTemplate] }) }) });

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
