import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // An integrator's receiver (Standard Webhooks): where to POST, which event types, the signing secret(s).
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event_types', sql`text[]`, (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    // Why it stopped (the receiver answered 410 Gone, or an admin): shown beside the endpoint.
    .addColumn('disabled_reason', 'text')
    .addColumn('disabled_at', 'timestamptz')
    // `whsec_` + base64; while a rotation's grace lasts the previous secret signs too.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', 'timestamptz')
    .addColumn('created_by_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One event as integrators see it; its id is the `webhook-id` header (the same on every retry and replay).
  // Only written while some enabled endpoint wants its type. Payloads carry ids and states, never
  // message text or contact details (receivers read those through the API, authorised and audited).
  await db.schema
    .createTable('webhook_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    // What caused it: the actor (user, api_key, customer, system) and the record it came from.
    .addColumn('cause', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('webhook_events_created_idx').on('webhook_events').column('created_at').execute();

  // One event owed to one endpoint; a Temporal workflow per delivery (and per manual replay) drives it.
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('webhook_events.id').onDelete('cascade'))
    .addColumn('endpoint_id', 'uuid', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'retrying', 'succeeded', 'failed', 'cancelled')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replays', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_outcome', 'text')
    .addColumn('last_response_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('webhook_deliveries_event_endpoint_key', ['event_id', 'endpoint_id'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_endpoint_idx').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();

  // Every HTTP attempt: what the receiver said (or that it could not be reached), and how long it took.
  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('delivery_id', 'bigint', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('manual', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('succeeded', 'refused', 'gone', 'timeout', 'unreachable')`))
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_attempts_delivery_idx').on('webhook_attempts').columns(['delivery_id', 'id']).execute();

  // The one place an event fans out: the event row, a delivery per enabled endpoint that wants the
  // type, and a workflow start per delivery (the workflow_starts outbox, relayed after commit) — in
  // the caller's transaction. Nothing is written when no endpoint wants the type.
  await sql`
    create function webhook_enqueue(p_type text, p_data jsonb, p_cause jsonb, p_at timestamptz) returns text
    language plpgsql as $$
    declare
      v_id text;
    begin
      if not exists (select 1 from webhook_endpoints where enabled and p_type = any(event_types)) then
        return null;
      end if;
      v_id := 'msg_' || replace(gen_random_uuid()::text, '-', '');
      insert into webhook_events (id, type, data, cause, occurred_at) values (v_id, p_type, p_data, p_cause, p_at);
      with d as (
        insert into webhook_deliveries (event_id, endpoint_id)
        select v_id, e.id from webhook_endpoints e where e.enabled and p_type = any(e.event_types)
        returning id
      )
      insert into workflow_starts (workflow_id, workflow_type, args)
      select 'webhook-delivery-' || d.id, 'webhookDeliveryWorkflow', jsonb_build_array(jsonb_build_object('deliveryId', d.id::text, 'run', 0))
      from d;
      return v_id;
    end $$`.execute(db);

  // The existing timelines are the event sources, so every writer (routing, push, co-browse, the
  // channels) announces without knowing about webhooks, in its own transaction.
  await sql`
    create function webhook_from_interaction_event() returns trigger
    language plpgsql as $$
    declare
      v_type text;
      v_i record;
      v_data jsonb;
    begin
      v_type := case new.type
        when 'enqueued' then 'interaction.created'
        when 'offered' then 'interaction.offered'
        when 'assigned' then 'interaction.assigned'
        when 'closed' then 'interaction.closed'
        when 'abandoned' then 'interaction.abandoned'
        when 'push_status' then 'push.status'
        when 'cobrowse_started' then 'cobrowse.started'
        when 'cobrowse_ended' then 'cobrowse.ended'
      end;
      if v_type is null or not exists (select 1 from webhook_endpoints where enabled and v_type = any(event_types)) then
        return null;
      end if;
      select customer_id, channel, queue_id into v_i from interactions where id = new.interaction_id;
      -- Ids, states and figures only (the timeline's data may hold evidence text or page addresses).
      select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) into v_data from jsonb_each(new.data)
      where key = any(array['offerId', 'agentId', 'expiresAt', 'from', 'waitedSeconds', 'pushId', 'status', 'errorCode',
                            'sessionId', 'reason', 'durationSeconds', 'priority', 'transferredFromId']);
      perform webhook_enqueue(
        v_type,
        v_data || jsonb_build_object('interactionId', new.interaction_id, 'customerId', v_i.customer_id, 'channel', v_i.channel, 'queueId', v_i.queue_id),
        jsonb_build_object('actor', jsonb_build_object('type', new.actor_type, 'id', new.actor_id), 'source', 'interaction_event', 'sourceId', new.id::text, 'sourceType', new.type),
        new.created_at);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger interaction_events_webhooks after insert on interaction_events for each row
    when (new.type in ('enqueued', 'offered', 'assigned', 'closed', 'abandoned', 'push_status', 'cobrowse_started', 'cobrowse_ended'))
    execute function webhook_from_interaction_event()`.execute(db);

  // Messages: received and sent on insert, every delivery status change after.
  await sql`
    create function webhook_from_message() returns trigger
    language plpgsql as $$
    declare
      v_type text;
    begin
      if tg_op = 'INSERT' then
        v_type := case when new.direction = 'inbound' then 'message.received' else 'message.sent' end;
      elsif new.delivery_status is distinct from old.delivery_status then
        v_type := 'message.status';
      else
        return null;
      end if;
      perform webhook_enqueue(
        v_type,
        jsonb_build_object('messageId', new.id, 'interactionId', new.interaction_id, 'customerId', new.customer_id, 'channel', new.channel,
                           'direction', new.direction, 'status', new.delivery_status, 'errorCode', new.error_code, 'agentId', new.agent_id),
        jsonb_build_object('actor', case when new.agent_id is not null then jsonb_build_object('type', 'user', 'id', new.agent_id)
                                         when new.direction = 'inbound' then jsonb_build_object('type', 'customer', 'id', new.customer_id)
                                         else jsonb_build_object('type', 'system', 'id', null) end,
                           'source', 'message', 'sourceId', new.id::text, 'provider', new.provider),
        case when tg_op = 'INSERT' then new.created_at else coalesce(new.updated_at, now()) end);
      return null;
    end $$`.execute(db);
  await sql`create trigger messages_webhooks_insert after insert on messages for each row execute function webhook_from_message()`.execute(db);
  await sql`
    create trigger messages_webhooks_status after update of delivery_status on messages for each row
    when (new.delivery_status is distinct from old.delivery_status) execute function webhook_from_message()`.execute(db);

  // Consents: every recorded grant or withdrawal, whichever path recorded it.
  await sql`
    create function webhook_from_consent() returns trigger
    language plpgsql as $$
    begin
      perform webhook_enqueue(
        case when new.granted then 'consent.recorded' else 'consent.withdrawn' end,
        jsonb_build_object('consentId', new.id, 'customerId', new.customer_id, 'channel', new.channel, 'purpose', new.purpose,
                           'granted', new.granted, 'source', new.source, 'interactionId', new.interaction_id, 'messageId', new.message_id),
        jsonb_build_object('actor', case when new.recorded_by_user_id is not null then jsonb_build_object('type', 'user', 'id', new.recorded_by_user_id)
                                         else jsonb_build_object('type', 'customer', 'id', new.customer_id) end,
                           'source', 'consent', 'sourceId', new.id::text),
        new.created_at);
      return null;
    end $$`.execute(db);
  await sql`create trigger consents_webhooks after insert on consents for each row execute function webhook_from_consent()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists consents_webhooks on consents`.execute(db);
  await sql`drop trigger if exists messages_webhooks_status on messages`.execute(db);
  await sql`drop trigger if exists messages_webhooks_insert on messages`.execute(db);
  await sql`drop trigger if exists interaction_events_webhooks on interaction_events`.execute(db);
  await sql`drop function if exists webhook_from_consent()`.execute(db);
  await sql`drop function if exists webhook_from_message()`.execute(db);
  await sql`drop function if exists webhook_from_interaction_event()`.execute(db);
  await sql`drop function if exists webhook_enqueue(text, jsonb, jsonb, timestamptz)`.execute(db);
  await db.schema.dropTable('webhook_attempts').execute();
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_events').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
}
