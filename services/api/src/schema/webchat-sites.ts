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
    id: t.exposeString('id'),
    urlPattern: t.exposeString('urlPattern', { nullable: true, description: 'Glob over the page URL; `*` matches anything.' }),
    minSecondsOnPage: t.exposeInt('minSecondsOnPage', { nullable: true }),
    minIdleSeconds: t.exposeInt('minIdleSeconds', { nullable: true, description: 'Seconds without mouse, key or scroll activity (seems lost).' }),
    minVisits: t.exposeInt('minVisits', { nullable: true, description: 'Repeat visit: fires from this visit on (sessions 30 min apart).' }),
    message: t.exposeString('message'),
  }),
});

const ChatSite = builder.objectRef<WebchatSite>('ChatSite').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    key: t.exposeString('key', { description: 'What the embedding page passes as data-site.' }),
    name: t.exposeString('name'),
    queue: t.field({ type: Queue, resolve: (s) => s.queue_id }),
    allowedOrigins: t.exposeStringList('allowed_origins'),
    proactiveCooldownSeconds: t.exposeInt('proactive_cooldown_seconds', { description: 'At most one proactive approach per visitor in this time.' }),
    triggers: t.field({ type: [ChatTrigger], resolve: (s) => s.triggers }),
    cobrowseRetentionDays: t.exposeInt('cobrowse_retention_days', { description: 'Co-browse events kept (packed) this many days for quality review; 0 = never stored.' }),
  }),
});

builder.queryField('chatSites', (t) => t.field({ type: [ChatSite], authScopes: { supervisor: true }, resolve: (_r, _a, ctx) => listWebchatSites(ctx.db) }));

const ChatTriggerInput = builder.inputType('ChatTriggerInput', {
  fields: (t) => ({
    urlPattern: t.string({ required: false, validate: z.string().trim().min(1).max(500).optional().nullable() }),
    minSecondsOnPage: t.int({ required: false, validate: z.number().int().min(0).max(86_400).optional().nullable() }),
    minIdleSeconds: t.int({ required: false, validate: z.number().int().min(1).max(86_400).optional().nullable() }),
    minVisits: t.int({ required: false, validate: z.number().int().min(1).max(1000).optional().nullable() }),
    message: t.string({ required: true, validate: z.string().trim().min(1).max(500) }),
  }),
});

const SaveChatSiteInput = builder.inputType('SaveChatSiteInput', {
  fields: (t) => ({
    key: t.string({ required: true, validate: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes') }),
    name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
    queueId: t.globalID({ required: true, for: [Queue] }),
    allowedOrigins: t.stringList({ required: false, validate: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin such as https://shop.example')).max(50).optional().nullable() }),
    proactiveCooldownSeconds: t.int({ required: false, validate: z.number().int().min(0).max(30 * 86_400).optional().nullable() }),
    triggers: t.field({ type: [ChatTriggerInput], required: false, validate: z.array(z.any()).max(50).optional().nullable() }),
    cobrowseRetentionDays: t.int({ required: false, description: 'Keep co-browse events (packed) this many days for quality review; 0 = never (the default). Unset: unchanged.', validate: z.number().int().min(0).max(365).optional().nullable() }),
  }),
});

const ChatSitePayload = builder.simpleObject('ChatSitePayload', { fields: (t) => ({ site: t.field({ type: ChatSite }) }) });

builder.mutationField('saveChatSite', (t) =>
  t.field({
    type: ChatSitePayload,
    description: 'Creates the chat site with this key, or replaces its settings and proactive rules.',
    authScopes: { supervisor: true },
    errors: { types: [NotFoundError, NotThisChannelError, ...inputErrors], directResult: true, union: { name: 'SaveChatSiteResult' } },
    args: { input: t.arg({ type: SaveChatSiteInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const queue = await getQueue(ctx.db, String(input.queueId.id));
      if (!queue) throw new NotFoundError('Queue');
      if (!queue.channels.includes('webchat')) throw new NotThisChannelError('web chat', `${queue.channels.join('/')}-only queue`);
      const site = await saveWebchatSite(ctx.db, {
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
      return { site };
    },
  }),
);

