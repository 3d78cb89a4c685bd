import { z } from 'zod';
import { archiveErrorTypes, InvalidArchiveSearchError } from '../archive/errors';
import { maxArchivePage, maxArchiveQueryLength, searchConversationArchive } from '../archive/search';
import { snippetHtml } from '../archive/snippet';
import type { ArchiveHit as ArchiveHitRow } from '@cc/db/repositories/archive';
import { builder } from '../builder';
import { Customer } from './customers';
import { ErrorInterface, inputErrors } from './errors';
import { Interaction } from './interactions';
import { Queue } from './queues';
import { ChannelEnum } from './routing-enums';
import { User } from './users';

const descriptions: Record<string, string> = {
  InvalidArchiveSearchError: 'The archive search is empty or too long, its range runs backwards, or its cursor is not one a search gave. Nothing was read.',
};
for (const cls of archiveErrorTypes) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description: descriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}

const ArchiveHitKind = builder.enumType('ArchiveHitKind', {
  description: 'Where a match was found.',
  values: { MESSAGE: { value: 'message', description: 'A message in or out (WhatsApp, email body, web chat…).' }, NOTE: { value: 'note', description: 'An agent’s private note on an interaction.' } },
});

const ArchiveHit = builder.objectRef<ArchiveHitRow>('ArchiveHit').implement({
  description: 'One message or note that matches an archive search.',
  fields: (t) => ({
    id: t.exposeID('key', { description: 'Unique among hits (kind and the message’s or note’s id).' }),
    kind: t.field({ type: ArchiveHitKind, description: 'Message or note.', resolve: (h) => h.kind }),
    snippetHtml: t.string({
      description: 'The matching passage as HTML: all written text escaped, the matched words inside <mark>…</mark>; safe to insert as HTML.',
      resolve: (h) => snippetHtml(h.snippet),
    }),
    channel: t.field({ type: ChannelEnum, description: 'The channel of the message (a note: of its interaction).', resolve: (h) => h.channel }),
    direction: t.exposeString('direction', { nullable: true, description: 'inbound or outbound for messages; null for notes.' }),
    at: t.expose('created_at', { type: 'DateTime', description: 'When it was written.' }),
    customer: t.field({ type: Customer, description: 'The customer of the conversation.', resolve: (h) => h.customer_id }),
    interaction: t.field({ type: Interaction, nullable: true, description: 'The interaction it belongs to; null for messages outside any (campaign sends).', resolve: (h) => h.interaction_id }),
    author: t.field({ type: User, nullable: true, description: 'The agent who wrote it; null for the customer’s messages and automatic ones.', resolve: (h) => h.author_id }),
  }),
});

const ArchiveSearchPage = builder.simpleObject('ArchiveSearchPage', {
  description: 'A page of archive matches, newest first.',
  fields: (t) => ({
    hits: t.field({ type: [ArchiveHit], description: 'The matches.' }),
    nextCursor: t.string({ nullable: true, description: 'Pass as `after` for the next (older) page; null at the end.' }),
  }),
});

const uuid = z.uuid('Give an id.');

const ArchiveSearchInput = builder.inputType('ArchiveSearchInput', {
  description: 'What to look for in the conversation archive, and where.',
  fields: (t) => ({
    query: t.string({
      required: true,
      description: `Words to find, Spanish or English, accents and word endings ignored ("facturacion" finds "facturación"); "a phrase", -excluded, or. 1–${maxArchiveQueryLength} characters.`,
      validate: z.string().trim().min(1, 'Type what to search for.').max(maxArchiveQueryLength, `Keep searches to ${maxArchiveQueryLength} characters.`),
    }),
    customerId: t.globalID({ required: false, for: [Customer], description: 'Only this customer’s conversations.' }),
    agentId: t.globalID({ required: false, for: [User], description: 'Only interactions this agent handled.' }),
    queueId: t.globalID({ required: false, for: [Queue], description: 'Only interactions of this queue.' }),
    channels: t.field({ type: [ChannelEnum], required: false, description: 'Only these channels.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Written at or after this instant.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Written before this instant.' }),
    dispositionId: t.id({ required: false, description: 'Only interactions wrapped up with this code (Disposition.id).', validate: uuid }),
    tags: t.stringList({ required: false, description: 'Only customers carrying any of these tags.' }),
  }),
});

builder.queryField('archiveSearch', (t) =>
  t.field({
    type: ArchiveSearchPage,
    description:
      'Full-text search over every conversation (messages of every channel, email bodies, agents’ notes), newest first, with highlighted snippets. Supervisors, admins and keys with interactions:read search everything; an agent only the interactions they took part in. Each search is recorded in the audit log.',
    authScopes: { user: true, apiScope: 'interactions:read' },
    errors: { types: [InvalidArchiveSearchError, ...inputErrors], directResult: true, union: { name: 'ArchiveSearchResult' } },
    args: {
      input: t.arg({ type: ArchiveSearchInput, required: true, description: 'The words and filters.' }),
      first: t.arg.int({ required: false, defaultValue: 25, description: `Page size, 1–${maxArchivePage}.`, validate: z.number().int().min(1).max(maxArchivePage) }),
      after: t.arg.string({ required: false, description: 'ArchiveSearchPage.nextCursor of the previous page.' }),
    },
    resolve: (_r, { input, first, after }, ctx) =>
      searchConversationArchive(
        ctx,
        ctx.principal,
        {
          query: input.query,
          customerId: input.customerId ? String(input.customerId.id) : null,
          agentId: input.agentId ? String(input.agentId.id) : null,
          queueId: input.queueId ? String(input.queueId.id) : null,
          channels: input.channels ?? null,
          from: input.from ?? null,
          to: input.to ?? null,
          dispositionId: input.dispositionId ? String(input.dispositionId) : null,
          tags: input.tags ?? null,
        },
        { first: first ?? 25, after },
      ),
  }),
);
