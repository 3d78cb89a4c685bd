import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
//
// Historical reports (issue 19). Every ended interaction gets one row of facts
// (interaction_outcomes), written by a trigger in the transaction that ends it, whichever code path
// ends it; the facts add into 15-minute rollups (report_rollups, report_disposition_rollups,
// report_agent_activity) in the same transaction. Reports read the rollups and build hours, days and
// weeks from 15-minute buckets. p90 wait comes from a wait histogram (h00..h15, bounds below) and
// first-contact resolution is kept exact by taking a contact out of "resolved" when the same
// customer comes back within the window. report_rebuild() recomputes everything from the raw tables
// (back-fill, or after the settings changed).

/** Upper bounds (seconds) of the wait histogram's buckets; the last bucket is open (≥ 3600 s). */
const waitBounds = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600];
const hist = waitBounds.map((_, i) => `h${String(i).padStart(2, '0')}`).concat(`h${waitBounds.length}`);

/** Each additive rollup column and its value for one outcome row `o` (short abandons count nowhere but their own column). */
const measures: [string, string][] = [
  ['offered', '(not o.short_abandon)::int'],
  ['answered', 'o.answered::int'],
  ['abandoned', '(o.abandoned and not o.short_abandon)::int'],
  ['short_abandoned', 'o.short_abandon::int'],
  ['unanswered_closed', '(not o.answered and not o.abandoned)::int'],
  ['answered_in_sla', 'o.in_sla::int'],
  ['abandoned_after_sla', 'o.abandoned_after_sla::int'],
  ['answer_wait_ms', 'case when o.answered then o.wait_ms else 0 end'],
  ['wait_count', '(o.counts_wait)::int'],
  ['wait_ms', 'case when o.counts_wait then o.wait_ms else 0 end'],
  ['talk_ms', 'o.talk_ms'],
  ['hold_ms', 'o.hold_ms'],
  ['wrap_ms', 'o.wrap_ms'],
  ['transfers', 'o.transferred::int'],
  ['transfers_in', 'o.transferred_in::int'],
  ['fcr_eligible', 'o.fcr_eligible::int'],
  ['fcr_resolved', '(o.fcr_eligible and o.repeat_contact_id is null)::int'],
  ...hist.map((h, i): [string, string] => [h, `(o.counts_wait and width_bucket(o.wait_ms / 1000.0, ${bounds()}) = ${i})::int`]),
];

function bounds(): string {
  return `array[${waitBounds.join(',')}]::numeric[]`;
}

const keys = 'by_agent, hourly, bucket_start, queue_id, channel, agent_id, with_push, with_cobrowse';
/** Each outcome adds into a 15-minute row and an hourly (UTC hour) row: long ranges in whole-hour zones read the hourly ones. */
const hourOf = (col: string) => `date_bin('1 hour', ${col}, timestamptz '2000-01-01 00:00:00+00')`;
const measureNames = [...measures.map(([c]) => c), 'overflows_out'];

export async function up(db: Kysely<any>): Promise<void> {
  // Dispositions (wrap-up codes), configured per queue; an interaction keeps the one its agent chose.
  await db.schema
    .createTable('dispositions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('queue_id', 'uuid', (c) => c.notNull().references('queues.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('dispositions_queue_code_key', ['queue_id', 'code'])
    .execute();
  await db.schema.alterTable('interactions').addColumn('disposition_id', 'uuid', (c) => c.references('dispositions.id')).execute();

  // One row: the thresholds the facts are computed with (applied to interactions ending after a change; report_rebuild() re-applies them).
  await sql`create table report_settings (
    id boolean primary key default true check (id),
    short_abandon_seconds integer not null default 5 check (short_abandon_seconds between 0 and 600),
    fcr_window_hours integer not null default 72 check (fcr_window_hours between 1 and 2160),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`insert into report_settings default values`.execute(db);

  await sql`create table interaction_outcomes (
    interaction_id uuid primary key references interactions(id) on delete cascade,
    bucket_start timestamptz not null,
    queue_id uuid not null,
    channel text not null,
    agent_id uuid,
    customer_id uuid not null,
    status text not null,
    enqueued_at timestamptz not null,
    answered_at timestamptz,
    ended_at timestamptz not null,
    wait_ms bigint,
    answered boolean not null,
    abandoned boolean not null,
    short_abandon boolean not null,
    counts_wait boolean not null,
    sla_seconds integer not null,
    in_sla boolean not null,
    abandoned_after_sla boolean not null,
    talk_ms bigint not null,
    hold_ms bigint not null,
    wrap_ms bigint not null,
    transferred boolean not null,
    transferred_in boolean not null,
    fcr_eligible boolean not null,
    repeat_contact_id uuid,
    disposition_id uuid,
    with_push boolean not null,
    with_cobrowse boolean not null
  )`.execute(db);
  await sql`create index interaction_outcomes_bucket_idx on interaction_outcomes (bucket_start, queue_id)`.execute(db);
  await sql`create index interaction_outcomes_customer_idx on interaction_outcomes (customer_id, ended_at) where fcr_eligible and repeat_contact_id is null`.execute(db);
  await sql`create index interaction_outcomes_agent_idx on interaction_outcomes (agent_id, ended_at) where answered`.execute(db);

  const cols = measureNames.map((c) => `${c} ${c === 'answer_wait_ms' || c.endsWith('_ms') ? 'bigint' : 'integer'} not null default 0`).join(',\n    ');
  await sql
    .raw(
      `create table report_rollups (
    by_agent boolean not null,
    hourly boolean not null,
    bucket_start timestamptz not null,
    queue_id uuid not null,
    channel text not null,
    agent_id uuid,
    with_push boolean not null,
    with_cobrowse boolean not null,
    ${cols}
  )`,
    )
    .execute(db);
  await sql.raw(`create unique index report_rollups_key on report_rollups (${keys}) nulls not distinct`).execute(db);
  await sql`create table report_disposition_rollups (
    by_agent boolean not null,
    bucket_start timestamptz not null,
    queue_id uuid not null,
    channel text not null,
    agent_id uuid,
    disposition_id uuid not null,
    count integer not null default 0
  )`.execute(db);
  await sql`create unique index report_disposition_rollups_key on report_disposition_rollups (by_agent, bucket_start, queue_id, channel, agent_id, disposition_id) nulls not distinct`.execute(db);
  // Per agent and 15 minutes: on-contact time (at least one interaction held, concurrent ones once)
  // and handle time (every interaction's own time, concurrent ones each).
  await sql`create table report_agent_activity (
    bucket_start timestamptz not null,
    agent_id uuid not null,
    busy_ms bigint not null default 0,
    handle_ms bigint not null default 0,
    primary key (bucket_start, agent_id)
  )`.execute(db);

  // The facts of one ended interaction.
  await sql
    .raw(
      `create function report_outcome(i interactions) returns interaction_outcomes language plpgsql stable as $$
declare
  o interaction_outcomes;
  s report_settings;
  -- A report must never block the write that ends a contact: a row ended without its timestamp
  -- (written by hand, or by an older code path) counts as ending now.
  ended timestamptz := coalesce(i.abandoned_at, i.closed_at, now());
  talk_end timestamptz;
begin
  select * into s from report_settings;
  o.interaction_id := i.id;
  o.bucket_start := date_bin('15 minutes', i.enqueued_at, timestamptz '2000-01-01 00:00:00+00');
  o.queue_id := i.queue_id;
  o.channel := i.channel;
  o.customer_id := i.customer_id;
  o.status := i.status;
  o.enqueued_at := i.enqueued_at;
  o.ended_at := ended;
  -- A call hung up before the agent was connected was assigned but never answered.
  o.abandoned := i.status = 'abandoned';
  o.answered := i.assigned_at is not null and not o.abandoned;
  o.answered_at := case when o.answered then i.assigned_at end;
  o.agent_id := case when o.answered then i.assigned_agent_id end;
  o.wait_ms := case when o.answered then floor(extract(epoch from i.assigned_at - i.enqueued_at) * 1000)
                    when o.abandoned then floor(extract(epoch from i.abandoned_at - i.enqueued_at) * 1000) end;
  o.short_abandon := o.abandoned and o.wait_ms < s.short_abandon_seconds * 1000;
  o.counts_wait := o.wait_ms is not null and not o.short_abandon;
  select sla_target_seconds into o.sla_seconds from queues where id = i.queue_id;
  o.in_sla := o.answered and o.wait_ms <= o.sla_seconds * 1000;
  o.abandoned_after_sla := o.abandoned and not o.short_abandon and o.wait_ms > o.sla_seconds * 1000;
  o.hold_ms := 0; o.talk_ms := 0; o.wrap_ms := 0;
  if o.answered then
    select coalesce(sum(floor(extract(epoch from least(coalesce(r.at, ended), ended) - h.created_at) * 1000)), 0)::bigint into o.hold_ms
      from interaction_events h
      left join lateral (select r.created_at as at from interaction_events r
                          where r.interaction_id = h.interaction_id and r.type = 'call_resumed' and r.id > h.id order by r.id limit 1) r on true
     where h.interaction_id = i.id and h.type = 'call_held';
    talk_end := coalesce(i.wrap_up_at, ended);
    o.talk_ms := greatest(floor(extract(epoch from talk_end - i.assigned_at) * 1000)::bigint - o.hold_ms, 0);
    o.wrap_ms := case when i.wrap_up_at is not null then floor(extract(epoch from ended - i.wrap_up_at) * 1000)::bigint else 0 end;
  end if;
  o.transferred := i.status = 'transferred';
  o.transferred_in := i.transferred_from_id is not null;
  -- The end of a contact: answered and closed (a transfer's last leg is the one that closes).
  o.fcr_eligible := o.answered and i.status = 'closed';
  if o.fcr_eligible then
    select n.id into o.repeat_contact_id from interactions n
     where n.customer_id = i.customer_id and n.transferred_from_id is null and n.id <> i.id
       and n.enqueued_at > i.enqueued_at and n.enqueued_at <= ended + make_interval(hours => s.fcr_window_hours)
     order by n.enqueued_at limit 1;
  end if;
  o.disposition_id := i.disposition_id;
  o.with_push := exists (select 1 from pushes p where p.interaction_id = i.id);
  o.with_cobrowse := exists (select 1 from cobrowse_sessions c where c.interaction_id = i.id and c.consented_at is not null);
  return o;
end $$`,
    )
    .execute(db);

  // Adds one outcome into the rollups (sign -1 takes it out).
  const add = measures.map(([, e]) => `(${e}) * sign`).join(', ');
  const set = measures.map(([c]) => `${c} = report_rollups.${c} + excluded.${c}`).join(', ');
  await sql
    .raw(
      `create function report_rollup_add(o interaction_outcomes, sign integer) returns void language plpgsql as $$
begin
  insert into report_rollups (${keys}, ${measures.map(([c]) => c).join(', ')})
  select b, h, case when h then ${hourOf('o.bucket_start')} else o.bucket_start end, o.queue_id, o.channel, case when b then o.agent_id end, o.with_push, o.with_cobrowse, ${add}
    from unnest(case when o.agent_id is null then array[false] else array[false, true] end) b, unnest(array[false, true]) h
  on conflict (${keys}) do update set ${set};
  if o.disposition_id is not null then
    insert into report_disposition_rollups (by_agent, bucket_start, queue_id, channel, agent_id, disposition_id, count)
    select b, o.bucket_start, o.queue_id, o.channel, case when b then o.agent_id end, o.disposition_id, sign
      from unnest(case when o.agent_id is null then array[false] else array[false, true] end) b
    on conflict (by_agent, bucket_start, queue_id, channel, agent_id, disposition_id) do update set count = report_disposition_rollups.count + excluded.count;
  end if;
end $$`,
    )
    .execute(db);

  // Spreads [from, to) of one agent over 15-minute buckets, as busy (on-contact) or handle time.
  await sql`create function report_agent_time(agent uuid, span tstzrange, busy boolean) returns void language sql as $$
    insert into report_agent_activity (bucket_start, agent_id, busy_ms, handle_ms)
    select b, agent, case when busy then ms else 0 end, case when busy then 0 else ms end
      from (select b, floor(extract(epoch from least(upper(span), b + interval '15 minutes') - greatest(lower(span), b)) * 1000)::bigint ms
              from generate_series(date_bin('15 minutes', lower(span), timestamptz '2000-01-01 00:00:00+00'), upper(span) - interval '1 microsecond', interval '15 minutes') b) x
     where ms > 0
    on conflict (bucket_start, agent_id) do update
      set busy_ms = report_agent_activity.busy_ms + excluded.busy_ms, handle_ms = report_agent_activity.handle_ms + excluded.handle_ms
  $$`.execute(db);

  // An outcome written: into the rollups, and the agent's time (only the part no other interaction of theirs already covered is new on-contact time).
  await sql`create function report_outcome_written() returns trigger language plpgsql as $$
declare
  covered tstzmultirange;
  fresh tstzrange;
begin
  if current_setting('report.rebuilding', true) = 'on' then return null; end if;
  if tg_op = 'INSERT' then
    perform report_rollup_add(new, 1);
    if new.answered and new.ended_at > new.answered_at then
      -- Concurrent ends of one agent's interactions take turns, so each sees the other's span.
      perform pg_advisory_xact_lock(hashtext('report_agent_time'), hashtext(new.agent_id::text));
      perform report_agent_time(new.agent_id, tstzrange(new.answered_at, new.ended_at), false);
      select range_agg(tstzrange(answered_at, ended_at)) into covered from interaction_outcomes
       where agent_id = new.agent_id and answered and interaction_id <> new.interaction_id
         and ended_at > new.answered_at and answered_at < new.ended_at;
      for fresh in select unnest(tstzmultirange(tstzrange(new.answered_at, new.ended_at)) - coalesce(covered, '{}'::tstzmultirange)) loop
        perform report_agent_time(new.agent_id, fresh, true);
      end loop;
    end if;
  elsif (old.repeat_contact_id is distinct from new.repeat_contact_id) or (old.disposition_id is distinct from new.disposition_id) then
    perform report_rollup_add(old, -1);
    perform report_rollup_add(new, 1);
  end if;
  return null;
end $$`.execute(db);
  await sql`create trigger interaction_outcomes_rollup after insert or update on interaction_outcomes
    for each row execute function report_outcome_written()`.execute(db);

  // Interactions: an end writes its outcome; a new contact takes earlier ones of the customer out of
  // "resolved"; a disposition chosen later follows; an overflow counts against the queue it left.
  await sql`create function report_interaction_changed() returns trigger language plpgsql as $$
declare
  ends constant text[] := array['closed', 'abandoned', 'transferred'];
begin
  if tg_op = 'INSERT' and new.transferred_from_id is null then
    update interaction_outcomes o set repeat_contact_id = new.id
     where o.customer_id = new.customer_id and o.fcr_eligible and o.repeat_contact_id is null
       and o.ended_at >= new.enqueued_at - make_interval(hours => (select fcr_window_hours from report_settings))
       and o.interaction_id <> new.id;
  end if;
  if new.status = any(ends) and (tg_op = 'INSERT' or not old.status = any(ends)) then
    insert into interaction_outcomes select * from report_outcome(new) on conflict (interaction_id) do nothing;
  elsif tg_op = 'UPDATE' and old.disposition_id is distinct from new.disposition_id then
    update interaction_outcomes set disposition_id = new.disposition_id where interaction_id = new.id;
  end if;
  if tg_op = 'UPDATE' and old.queue_id <> new.queue_id and new.status = 'queued' then
    insert into report_rollups (by_agent, hourly, bucket_start, queue_id, channel, agent_id, with_push, with_cobrowse, overflows_out)
    select false, h, date_bin(case when h then interval '1 hour' else interval '15 minutes' end, old.enqueued_at, timestamptz '2000-01-01 00:00:00+00'), old.queue_id, old.channel, null, false, false, 1
      from unnest(array[false, true]) h
    on conflict (${sql.raw(keys)}) do update set overflows_out = report_rollups.overflows_out + 1;
  end if;
  return null;
end $$`.execute(db);
  await sql`create trigger interactions_report after insert or update of status, disposition_id, queue_id on interactions
    for each row execute function report_interaction_changed()`.execute(db);

  // Recomputes every outcome and rollup from the raw tables, set-based (back-fill; settings changed).
  const sums = measures.map(([, e]) => `sum(${e})`).join(', ');
  await sql
    .raw(
      `create function report_rebuild() returns void language plpgsql as $$
begin
  perform set_config('report.rebuilding', 'on', true);
  truncate interaction_outcomes, report_rollups, report_disposition_rollups, report_agent_activity;
  insert into interaction_outcomes select o.* from interactions i cross join lateral report_outcome(i) o where i.status in ('closed', 'abandoned', 'transferred');
  insert into report_rollups (${keys}, ${measures.map(([c]) => c).join(', ')})
  select b, h, case when h then ${hourOf('o.bucket_start')} else o.bucket_start end, o.queue_id, o.channel, case when b then o.agent_id end, o.with_push, o.with_cobrowse, ${sums}
    from interaction_outcomes o
    cross join lateral unnest(case when o.agent_id is null then array[false] else array[false, true] end) b
    cross join unnest(array[false, true]) h
   group by 1, 2, 3, 4, 5, 6, 7, 8;
  insert into report_rollups (${keys}, overflows_out)
  select false, h, date_bin(case when h then interval '1 hour' else interval '15 minutes' end, i.enqueued_at, timestamptz '2000-01-01 00:00:00+00'), (e.data->>'fromQueueId')::uuid, i.channel, null, false, false, count(*)
    from interaction_events e join interactions i on i.id = e.interaction_id cross join unnest(array[false, true]) h
   where e.type = 'overflowed' group by 2, 3, 4, 5
  on conflict (${keys}) do update set overflows_out = report_rollups.overflows_out + excluded.overflows_out;
  insert into report_disposition_rollups (by_agent, bucket_start, queue_id, channel, agent_id, disposition_id, count)
  select b, o.bucket_start, o.queue_id, o.channel, case when b then o.agent_id end, o.disposition_id, count(*)
    from interaction_outcomes o
    cross join lateral unnest(case when o.agent_id is null then array[false] else array[false, true] end) b
   where o.disposition_id is not null group by 1, 2, 3, 4, 5, 6;
  -- Agent time set-based: every span's handle time, and the union of each agent's spans as busy time, per 15 minutes.
  insert into report_agent_activity (bucket_start, agent_id, busy_ms, handle_ms)
  select b, agent_id, coalesce(sum(ms) filter (where busy), 0), coalesce(sum(ms) filter (where not busy), 0)
    from (select agent_id, busy, b, floor(extract(epoch from least(upper(span), b + interval '15 minutes') - greatest(lower(span), b)) * 1000)::bigint ms
            from (select agent_id, false busy, tstzrange(answered_at, ended_at) span from interaction_outcomes where answered and ended_at > answered_at
                  union all
                  select agent_id, true, unnest(range_agg(tstzrange(answered_at, ended_at))) from interaction_outcomes where answered and ended_at > answered_at group by agent_id) spans
            cross join lateral generate_series(date_bin('15 minutes', lower(span), timestamptz '2000-01-01 00:00:00+00'), upper(span) - interval '1 microsecond', interval '15 minutes') b) x
   where ms > 0
   group by 1, 2;
  perform set_config('report.rebuilding', 'off', true);
end $$`,
    )
    .execute(db);
  await sql`select report_rebuild()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger interactions_report on interactions`.execute(db);
  await sql`drop trigger interaction_outcomes_rollup on interaction_outcomes`.execute(db);
  await sql`drop function report_interaction_changed, report_rebuild, report_outcome_written, report_agent_time, report_rollup_add, report_outcome`.execute(db);
  await sql`drop table report_agent_activity, report_disposition_rollups, report_rollups, interaction_outcomes, report_settings`.execute(db);
  await db.schema.alterTable('interactions').dropColumn('disposition_id').execute();
  await db.schema.dropTable('dispositions').execute();
}
