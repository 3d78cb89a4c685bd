import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  // campaign.progress: each change of a campaign's state (started, paused, resumed, completed,
  // cancelled), with its recipients counted by state — in the transaction that changed it.
  await sql`
    create function webhook_from_campaign() returns trigger
    language plpgsql as $$
    declare
      v_counts jsonb;
    begin
      if not exists (select 1 from webhook_endpoints where enabled and 'campaign.progress' = any(event_types)) then
        return null;
      end if;
      select coalesce(jsonb_object_agg(state, n), '{}'::jsonb) into v_counts
      from (select state, count(*) as n from campaign_recipients where campaign_id = new.id group by state) c;
      perform webhook_enqueue(
        'campaign.progress',
        jsonb_build_object('campaignId', new.id, 'status', new.status, 'previousStatus', old.status, 'pauseReason', new.pause_reason, 'recipients', v_counts),
        jsonb_build_object('actor', jsonb_build_object('type', 'system', 'id', null), 'source', 'campaign', 'sourceId', new.id::text),
        coalesce(new.updated_at, now()));
      return null;
    end $$`.execute(db);
  await sql`
    create trigger campaigns_webhooks after update of status on campaigns for each row
    when (new.status is distinct from old.status) execute function webhook_from_campaign()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists campaigns_webhooks on campaigns`.execute(db);
  await sql`drop function if exists webhook_from_campaign()`.execute(db);
}
