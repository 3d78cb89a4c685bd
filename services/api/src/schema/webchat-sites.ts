import { recordAuditEvent } from '@cc/db/repositories/audit';
import { inTransaction } from '@cc/db/repositories/transaction';
import { auditActor } from '../privacy/audit-log';
import { z } from 'zod';
import { getQueue } from '@cc/db/repositories/queues';
import { listWebchatSites, saveWebchatSite } from '@cc/db/repositories/webchat';
import type { ChatTriggerRule, WebchatSite } from '@cc/db/tables/webchat';
import { builder } from '../builder';
import { NotThisChannelError } from '../email/errors';
import { inputErrors } from './errors';
import { Queue } from './queues';
import { NotFoundError } from '../routing/errors';

/* Web chat sites and their proactive rules: supervisors set them up. */

const ChatTrigger = builder.objectRef<ChatTriggerRule>('ChatTrigger').implement({
  description: 'Open the widget with `message` when every condition set holds (unset = no condition).',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The rule’s id within its site (t1, t2… in the order saved).' }),
    urlPattern: t.exposeString('urlPattern', { nullable: true, description: 'Glob over the page URL; `*` matches anything.' }),
    minSecondsOnPage: t.exposeInt('minSecondsOnPage', { nullable: true, description: 'Seconds the visitor has been on the page; null = no condition.' }),
    minIdleSeconds: t.exposeInt('minIdleSeconds', { nullable: true, description: 'Seconds without mouse, key or scroll activity (seems lost).' }),
    minVisits: t.exposeInt('minVisits', { nullable: true, description: 'Repeat visit: fires from this visit on (sessions 30 min apart).' }),
    message: t.exposeString('message', { description: 'What the widget says when it opens by itself.' }),
  }),
});

const ChatSite = builder.objectRef<WebchatSite>('ChatSite').implement({
  description: 'A website running the chat (and co-browse) widget: where its chats go and when it approaches visitors. Supervisors only.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The site’s id (UUID).' }),
    key: t.exposeString('key', { description: 'What the embedding page passes as data-site.' }),
    name: t.exposeString('name', { description: 'Name shown in the console.' }),
    queue: t.field({ type: Queue, description: 'The queue its chats enter (one that serves web chat).', resolve: (s) => s.queue_id }),
    allowedOrigins: t.exposeStringList('allowed_origins', { description: 'Origins (https://shop.example) whose pages may run the widget; requests from others are refused.' }),
    proactiveCooldownSeconds: t.exposeInt('proactive_cooldown_seconds', { description: 'At most one proactive approach per visitor in this time.' }),
    triggers: t.field({ type: [ChatTrigger], description: 'Proactive rules, in order; the first that holds opens the widget.', resolve: (s) => s.triggers }),
    cobrowseRetentionDays: t.exposeInt('cobrowse_retention_days', { description: 'Co-browse events kept (packed) this many days for quality review; 0 = never stored.' }),
  }),
});

builder.queryField('chatSites', (t) => t.field({ type: [ChatSite], description: 'Supervisors: every web chat site.', authScopes: { supervisor: true }, resolve: (_r, _a, ctx) => listWebchatSites(ctx.db) }));

const ChatTriggerInput = builder.inputType('ChatTriggerInput', {
  description: 'A proactive rule: open the widget with message when every condition given holds.',
  fields: (t) => ({
    urlPattern: t.string({ required: false, description: 'Glob over the page URL (`*` matches anything), up to 500 characters.', validate: z.string().trim().min(1).max(500).optional().nullable() }),
    minSecondsOnPage: t.int({ required: false, description: 'Seconds on the page, 0–86400.', validate: z.number().int().min(0).max(86_400).optional().nullable() }),
    minIdleSeconds: t.int({ required: false, description: 'Seconds without activity, 1–86400.', validate: z.number().int().min(1).max(86_400).optional().nullable() }),
    minVisits: t.int({ required: false, description: 'From this visit on, 1–1000.', validate: z.number().int().min(1).max(1000).optional().nullable() }),
    message: t.string({ required: true, description: 'What the widget says, 1–500 characters.', validate: z.string().trim().min(1).max(500) }),
  }),
});

const SaveChatSiteInput = builder.inputType('SaveChatSiteInput', {
  description: 'A chat site’s settings; the key says which site (created when new).',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The site key the page passes as data-site: lower-case letters, digits and dashes.', validate: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes') }),
    name: t.string({ required: true, description: 'Name shown in the console, 1–200 characters.', validate: z.string().trim().min(1).max(200) }),
    queueId: t.globalID({ required: true, for: [Queue], description: 'A queue serving web chat.' }),
    allowedOrigins: t.stringList({ required: false, description: 'Up to 50 origins such as https://shop.example; unset = none.', validate: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin such as https://shop.example')).max(50).optional().nullable() }),
    proactiveCooldownSeconds: t.int({ required: false, description: 'Seconds between proactive approaches to one visitor, up to 30 days; default 3600.', validate: z.number().int().min(0).max(30 * 86_400).optional().nullable() }),
    triggers: t.field({ type: [ChatTriggerInput], required: false, description: 'Up to 50 proactive rules, replacing the old ones; unset = none.', validate: z.array(z.any()).max(50).optional().nullable() }),
    cobrowseRetentionDays: t.int({ required: false, description: 'Keep co-browse events (packed) this many days for quality review; 0 = never (the default). Unset: unchanged.', validate: z.number().int().min(0).max(365).optional().nullable() }),
  }),
});

const ChatSitePayload = builder.simpleObject('ChatSitePayload', {
  description: 'The chat site was saved.',
  fields: (t) => ({ site: t.field({ type: ChatSite, description: 'The site as stored.' }) }),
});

builder.mutationField('saveChatSite', (t) =>
  t.field({
    type: ChatSitePayload,
    description: 'Creates the chat site with this key, or replaces its settings and proactive rules.',
    authScopes: { supervisor: true },
    errors: { types: [NotFoundError, NotThisChannelError, ...inputErrors], directResult: true, union: { name: 'SaveChatSiteResult' } },
    args: { input: t.arg({ type: SaveChatSiteInput, required: true, description: 'The site’s settings.' }) },
    resolve: async (_r, { input }, ctx) => {
      const queue = await getQueue(ctx.db, String(input.queueId.id));
      if (!queue) throw new NotFoundError('Queue');
      if (!queue.channels.includes('webchat')) throw new NotThisChannelError('web chat', `${queue.channels.join('/')}-only queue`);
      const site = await inTransaction(ctx.db, async (trx) => {
        const saved = await saveWebchatSite(trx, {
          key: input.key,
          name: input.name.trim(),
          queueId: queue.id,
          allowedOrigins: input.allowedOrigins ?? [],
          proactiveCooldownSeconds: input.proactiveCooldownSeconds ?? 3600,
          cobrowseRetentionDays: input.cobrowseRetentionDays ?? null,
          triggers: (input.triggers ?? []).map((r, i) => ({
            id: `t${i + 1}`,
            urlPattern: r.urlPattern?.trim() || null,
            minSecondsOnPage: r.minSecondsOnPage ?? null,
            minIdleSeconds: r.minIdleSeconds ?? null,
            minVisits: r.minVisits ?? null,
            message: r.message.trim(),
          })),
        });
        await recordAuditEvent(trx, { ...auditActor(ctx.principal), action: 'chat_site.saved', subjectType: 'chat_site', subjectId: saved.id, data: { key: saved.key, queueId: saved.queue_id, allowedOrigins: saved.allowed_origins } });
        return saved;
      });
      return { site };
    },
  }),
);

