import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // A WhatsApp marketing campaign: who (the segment's filter, frozen at creation), what (an approved
  // marketing template and how its variables map from customer fields), how fast and when (rate,
  // frequency cap, quiet hours in each recipient's time zone), and where it stands.
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'uuid')
    .addColumn('segment_filter', 'jsonb', (c) => c.notNull())
    .addColumn('template_sid', 'text', (c) => c.notNull())
    .addColumn('variable_mapping', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')`,
        ),
    )
    .addColumn('pause_reason', 'text')
    .addColumn('rate_per_second', 'real', (c) => c.notNull())
    .addColumn('frequency_cap_count', 'integer', (c) => c.notNull())
    .addColumn('frequency_cap_days', 'integer', (c) => c.notNull())
    .addColumn('quiet_hours', 'jsonb', (c) => c.notNull())
    .addColumn('default_time_zone', 'text', (c) => c.notNull())
    .addColumn('failure_threshold', 'real', (c) => c.notNull())
    .addColumn('block_threshold', 'real', (c) => c.notNull())
    .addColumn('threshold_min_sample', 'integer', (c) => c.notNull())
    .addColumn('link_url', 'text')
    .addColumn('scheduled_at', 'timestamptz')
    .addColumn('snapshot_done', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('campaigns_created_idx')
    .on('campaigns')
    .columns(['created_at', 'id'])
    .execute();

  // One row per recipient, written by the snapshot (unique per campaign and customer: a repeated
  // snapshot page adds nothing). `state` is the send's idempotency key: pending → sending (claimed
  // just before the one Twilio request) → sent | failed | skipped | unknown (claimed, cut off,
  // never repeated); `delivery_status` follows Twilio's status callbacks.
  await db.schema
    .createTable('campaign_recipients')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) =>
      c.notNull().references('campaigns.id').onDelete('cascade'),
    )
    .addColumn('customer_id', 'uuid', (c) =>
      c.notNull().references('customers.id').onDelete('cascade'),
    )
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('variables', 'jsonb')
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(sql`state in ('pending', 'sending', 'sent', 'failed', 'skipped', 'unknown')`),
    )
    .addColumn('skip_reason', 'text')
    .addColumn('not_before', 'timestamptz')
    .addColumn('message_id', 'uuid', (c) => c.references('messages.id').onDelete('set null'))
    .addColumn('delivery_status', 'text')
    .addColumn('error_code', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('send_started_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('replied_at', 'timestamptz')
    .addColumn('reply_interaction_id', 'uuid', (c) =>
      c.references('interactions.id').onDelete('set null'),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('campaign_recipients_key')
    .on('campaign_recipients')
    .columns(['campaign_id', 'customer_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('campaign_recipients_due_idx')
    .on('campaign_recipients')
    .columns(['campaign_id', 'state', 'id'])
    .execute();
  await db.schema
    .createIndex('campaign_recipients_customer_sent_idx')
    .on('campaign_recipients')
    .columns(['customer_id', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('campaign_recipients_message_idx')
    .on('campaign_recipients')
    .column('message_id')
    .execute();
  await db.schema
    .createIndex('campaign_recipients_reply_idx')
    .on('campaign_recipients')
    .column('reply_interaction_id')
    .execute();

  // Tracked links of a campaign's messages (/l/<token>, the same path as pushes' links).
  await db.schema
    .createTable('campaign_links')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'uuid', (c) =>
      c.notNull().references('campaigns.id').onDelete('cascade'),
    )
    .addColumn('recipient_id', 'uuid', (c) =>
      c.notNull().references('campaign_recipients.id').onDelete('cascade'),
    )
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('opens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_opened_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('campaign_links_recipient_key')
    .on('campaign_links')
    .column('recipient_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('campaign_links_campaign_idx')
    .on('campaign_links')
    .column('campaign_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_links').execute();
  await db.schema.dropTable('campaign_recipients').execute();
  await db.schema.dropTable('campaigns').execute();
}
