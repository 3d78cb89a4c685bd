import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per in-call push: what the agent sent, to whom, how (free-form or template) and how far
  // it got. The WhatsApp message itself is a `messages` row on the call's interaction (timeline).
  await db.schema
    .createTable('pushes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('interaction_id', 'uuid', (c) => c.notNull().references('interactions.id').onDelete('cascade'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('link', 'media', 'location', 'template')`))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('free_form', 'template')`))
    .addColumn('template_sid', 'text')
    .addColumn('template_variables', 'jsonb')
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    // Set when a send is attempted: a retried send that finds it set never sends twice.
    .addColumn('send_started_at', 'timestamptz')
    .addColumn('fallback', 'text', (c) => c.check(sql`fallback in ('sms_offered', 'sms_sent')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('pushes_interaction_idx').on('pushes').columns(['interaction_id', 'created_at']).execute();
  await db.schema.createIndex('pushes_message_key').on('pushes').column('message_id').unique().execute();

  // Tracked short links (/l/<token>): the token is the capability; each open is kept.
  await db.schema
    .createTable('push_links')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('push_id', 'uuid', (c) => c.notNull().references('pushes.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('push_links_push_idx').on('push_links').column('push_id').execute();
  await db.schema
    .createTable('push_link_opens')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull().references('push_links.token').onDelete('cascade'))
    .addColumn('user_agent', 'text')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('push_link_opens_token_idx').on('push_link_opens').columns(['token', 'opened_at']).execute();

  // WhatsApp templates as synced from Twilio's Content API, with their approval status.
  await db.schema
    .createTable('whatsapp_templates')
    .addColumn('content_sid', 'text', (c) => c.primaryKey())
    .addColumn('friendly_name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('variables', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('types', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('approval_status', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('whatsapp_templates').execute();
  await db.schema.dropTable('push_link_opens').execute();
  await db.schema.dropTable('push_links').execute();
  await db.schema.dropTable('pushes').execute();
}
