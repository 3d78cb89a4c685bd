import { sql, type Kysely } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new one.
// An offer carries its interaction's channel, so an agent's load on a channel (open offers) is
// counted from one index instead of joining every open offer to its interaction on each arrival
// (issue 16: most of the matching statement's time with a thousand offers open). The foreign key
// on (interaction_id, channel) keeps the copy equal to the interaction's channel.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table offers add column channel text`.execute(db);
  await sql`update offers o set channel = i.channel from interactions i where i.id = o.interaction_id`.execute(db);
  await sql`alter table offers alter column channel set not null`.execute(db);
  await sql`alter table interactions add constraint interactions_id_channel_key unique (id, channel)`.execute(db);
  await sql`alter table offers drop constraint offers_interaction_id_fkey`.execute(db);
  await sql`
    alter table offers add constraint offers_interaction_channel_fkey
    foreign key (interaction_id, channel) references interactions (id, channel) on delete cascade
  `.execute(db);
  await sql`drop index offers_open_by_agent_idx`.execute(db);
  await sql`create index offers_open_by_agent_channel_idx on offers (agent_id, channel) where outcome is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index offers_open_by_agent_channel_idx`.execute(db);
  await sql`create index offers_open_by_agent_idx on offers (agent_id) where outcome is null`.execute(db);
  await sql`alter table offers drop constraint offers_interaction_channel_fkey`.execute(db);
  await sql`alter table offers add constraint offers_interaction_id_fkey foreign key (interaction_id) references interactions (id) on delete cascade`.execute(db);
  await sql`alter table interactions drop constraint interactions_id_channel_key`.execute(db);
  await sql`alter table offers drop column channel`.execute(db);
}
