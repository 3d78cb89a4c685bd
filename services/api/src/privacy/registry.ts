import type { Db } from '@cc/db/database';
import {
  cobrowseConsentsToBlock,
  consentsToBlock,
  customerCobrowseRecordings,
  customerMediaIndex,
  customerPushLinks,
  customerCampaignLinks,
  customerRows,
  customerWebchatVisitors,
  deleteCustomerCampaignLinks,
  deleteCustomerCobrowseRecordings,
  deleteCustomerMedia,
  deleteCustomerPushLinks,
  deleteCustomerRows,
  deleteCustomerWebchatVisitors,
  markCustomerErased,
  pointConsentAtBlockedRecord,
  scrubCustomerRows,
  scrubInteractionEvents,
  tableExists,
} from '@cc/db/repositories/privacy';
import { listBlockedRecords } from '@cc/db/repositories/blocked-records';
import { deleteCustomerDataExports } from '@cc/db/repositories/data-exports';

/**
 * Where a customer's personal data lives, table by table: each handler says which tables it answers
 * for, what of them goes into a subject-access package, and how erasure removes, anonymises or
 * blocks it. A new table holding customer data plugs in by adding a handler here (the coverage test,
 * test/integration/privacy-erasure.test.ts, fails for a table naming a customer or an interaction
 * that no handler claims).
 */

export interface ErasureContext {
  /** The erasure's transaction. */
  db: Db;
  customerId: string;
  now: Date;
  /** Seals a copy of what the law requires to keep into the blocked store; returns its id. */
  block(record: { sourceTable: string; sourceId: string; legalBasis: 'consent_evidence' | 'claims'; value: unknown }): Promise<string>;
  /** Files to delete once the transaction committed (export packages). */
  filesToRemove: string[];
}

export interface PrivacyHandler {
  name: string;
  /** Tables this handler answers for. */
  tables: readonly string[];
  /** Only when this table exists (features other engineers add). */
  whenTableExists?: string;
  /** The records for the subject-access package, by section (a JSON file each). */
  export?(db: Db, customerId: string): Promise<Record<string, unknown[]>>;
  /** Removes, anonymises or blocks; returns what changed, per table. */
  erase(ctx: ErasureContext): Promise<Record<string, number>>;
}

/** Tables that name a customer or interaction but hold no personal data of their own (ids, times, outcomes). */
export const tablesWithoutPersonalData = ['offers', 'push_refusals', 'inbound_calls', 'retention_runs', 'workflow_starts', 'audit_events', 'webhook_deliveries', 'interaction_outcomes'] as const;

const interactionKeep = ['channel', 'status'];
const messageKeep = ['direction', 'channel', 'provider', 'provider_message_id', 'delivery_status', 'error_code'];
const pushKeep = ['kind', 'mode', 'template_sid', 'status', 'error_code', 'fallback'];
const cobrowseKeep = ['status', 'via', 'end_reason', 'invite_token_hash'];

export const privacyHandlers: readonly PrivacyHandler[] = [
  {
    name: 'consents',
    tables: ['consents'],
    export: async (db, id) => ({ consents: await customerRows(db, 'consents', id, 'customer') }),
    // Consent evidence is kept (proof of what the customer agreed to), sealed and blocked.
    async erase(ctx) {
      const rows = await consentsToBlock(ctx.db, ctx.customerId);
      for (const row of rows) {
        const blockedId = await ctx.block({ sourceTable: 'consents', sourceId: row.id, legalBasis: 'consent_evidence', value: row });
        await pointConsentAtBlockedRecord(ctx.db, row.id, blockedId);
      }
      return { consents: rows.length };
    },
  },
  {
    name: 'cobrowse',
    tables: ['cobrowse_sessions', 'cobrowse_recordings'],
    export: async (db, id) => ({ cobrowse_sessions: await customerRows(db, 'cobrowse_sessions', id, 'interaction'), cobrowse_log: await customerCobrowseRecordings(db, id) }),
    async erase(ctx) {
      for (const s of await cobrowseConsentsToBlock(ctx.db, ctx.customerId)) {
        await ctx.block({ sourceTable: 'cobrowse_sessions', sourceId: s.id, legalBasis: 'consent_evidence', value: s });
      }
      return {
        cobrowse_recordings: await deleteCustomerCobrowseRecordings(ctx.db, ctx.customerId),
        cobrowse_sessions: await scrubCustomerRows(ctx.db, 'cobrowse_sessions', ctx.customerId, 'interaction', cobrowseKeep),
      };
    },
  },
  {
    // Before identities: a chat visitor is found through the customer's webchat identity.
    name: 'webchat',
    tables: ['webchat_visitors'],
    export: async (db, id) => ({ webchat_visitors: await customerWebchatVisitors(db, id) }),
    erase: async (ctx) => ({ webchat_visitors: await deleteCustomerWebchatVisitors(ctx.db, ctx.customerId) }),
  },
  {
    name: 'customer',
    tables: ['customers', 'customer_identities', 'customer_channel_state'],
    export: async (db, id) => ({
      customer: await customerRows(db, 'customers', id, 'customer', 'id'),
      identities: await customerRows(db, 'customer_identities', id, 'customer'),
      channel_state: await customerRows(db, 'customer_channel_state', id, 'customer'),
    }),
    // Who the blocked evidence is about, for a court or authority: the profile and identities, sealed.
    async erase(ctx) {
      const customer = await customerRows(ctx.db, 'customers', ctx.customerId, 'customer', 'id');
      const identities = await customerRows(ctx.db, 'customer_identities', ctx.customerId, 'customer');
      await ctx.block({ sourceTable: 'customers', sourceId: ctx.customerId, legalBasis: 'claims', value: { customer: customer[0], identities } });
      const counts = {
        customer_identities: await deleteCustomerRows(ctx.db, 'customer_identities', ctx.customerId, 'customer'),
        customer_channel_state: await deleteCustomerRows(ctx.db, 'customer_channel_state', ctx.customerId, 'customer'),
        customers: await scrubCustomerRows(ctx.db, 'customers', ctx.customerId, 'customer', [], 'id'),
      };
      await markCustomerErased(ctx.db, ctx.customerId, ctx.now);
      return counts;
    },
  },
  {
    // Messages stay as steps of the timeline (direction, channel, delivery) without their content;
    // that covers emails (bodies, addresses, headers live in body and context), chats and notes' threads.
    name: 'messages',
    tables: ['messages'],
    export: async (db, id) => ({ messages: await customerRows(db, 'messages', id, 'customer') }),
    erase: async (ctx) => ({ messages: await scrubCustomerRows(ctx.db, 'messages', ctx.customerId, 'customer', messageKeep) }),
  },
  {
    name: 'interactions',
    tables: ['interactions', 'interaction_events'],
    export: async (db, id) => ({ interactions: await customerRows(db, 'interactions', id, 'customer'), interaction_events: await customerRows(db, 'interaction_events', id, 'interaction') }),
    // Notes are interaction events: their text goes with the events' data.
    erase: async (ctx) => ({
      interaction_events: await scrubInteractionEvents(ctx.db, ctx.customerId),
      interactions: await scrubCustomerRows(ctx.db, 'interactions', ctx.customerId, 'customer', interactionKeep),
    }),
  },
  {
    name: 'media',
    tables: ['media_objects'],
    export: async (db, id) => ({ media: await customerMediaIndex(db, id) }),
    erase: async (ctx) => ({ media_objects: await deleteCustomerMedia(ctx.db, ctx.customerId) }),
  },
  {
    name: 'pushes',
    tables: ['pushes', 'push_links', 'push_link_opens'],
    export: async (db, id) => ({ pushes: await customerRows(db, 'pushes', id, 'customer'), push_links: await customerPushLinks(db, id) }),
    erase: async (ctx) => ({
      push_links: await deleteCustomerPushLinks(ctx.db, ctx.customerId),
      pushes: await scrubCustomerRows(ctx.db, 'pushes', ctx.customerId, 'customer', pushKeep),
    }),
  },
  {
    name: 'campaigns',
    tables: ['campaign_recipients', 'campaign_links'],
    whenTableExists: 'campaign_links',
    export: async (db, id) => ({ campaign_recipients: await customerRows(db, 'campaign_recipients', id, 'customer'), campaign_links: await customerCampaignLinks(db, id) }),
    erase: async (ctx) => ({
      campaign_links: await deleteCustomerCampaignLinks(ctx.db, ctx.customerId),
      campaign_recipients: await scrubCustomerRows(ctx.db, 'campaign_recipients', ctx.customerId, 'customer', ['state', 'skip_reason', 'delivery_status', 'error_code', 'provider_message_id']),
    }),
  },
  {
    // Packages already built hold everything: the files go with the rows.
    name: 'exports',
    tables: ['data_exports'],
    async erase(ctx) {
      const rows = await deleteCustomerDataExports(ctx.db, ctx.customerId);
      for (const r of rows) if (r.file_name) ctx.filesToRemove.push(r.file_name);
      return { data_exports: rows.length };
    },
  },
  {
    name: 'blocked',
    tables: ['blocked_records'],
    // The package lists what is blocked (ids and reasons), never the sealed content.
    export: async (db, id) => ({ blocked_records: (await listBlockedRecords(db, id)).map(({ payload: _payload, ...r }) => r) }),
    erase: async () => ({}),
  },
];

/** The handlers whose tables exist in this database. */
export async function activeHandlers(db: Db): Promise<PrivacyHandler[]> {
  const active: PrivacyHandler[] = [];
  for (const h of privacyHandlers) if (!h.whenTableExists || (await tableExists(db, h.whenTableExists))) active.push(h);
  return active;
}
