import { sql } from 'kysely';
import type { Db } from '../database';

/** What became of one campaign's messages sent in a report's range. */
export interface CampaignReportRow {
  campaignId: string;
  name: string;
  /** Messages the provider accepted in the range (the cohort every other figure counts within). */
  sent: number;
  /** Delivered to the phone (read ones included). */
  delivered: number;
  read: number;
  /** Recipients who wrote back to it. */
  replied: number;
  /** Recipients who withdrew marketing consent on WhatsApp (STOP/BAJA) after their message. */
  optedOut: number;
  /** Opens of the message's tracked link, repeats included. */
  linkClicks: number;
  /** Recipients who opened their link at least once. */
  recipientsClicked: number;
}

/**
 * Campaign figures over a range: per campaign, the messages sent in [from, to) and what followed
 * each (delivery, read, reply, opt-out, link opens) whenever it happened, so a range's figures stay
 * those of its sends. Campaigns are not routed through queues or agents: only the range applies.
 */
export async function reportCampaigns(db: Db, range: { from: Date; to: Date }): Promise<CampaignReportRow[]> {
  const { rows } = await sql<{
    campaign_id: string;
    name: string;
    sent: number;
    delivered: number;
    read: number;
    replied: number;
    opted_out: number;
    link_clicks: number;
    recipients_clicked: number;
  }>`
    select c.id as campaign_id, c.name,
           count(*)::int as sent,
           (count(*) filter (where r.delivery_status in ('delivered', 'read')))::int as delivered,
           (count(*) filter (where r.delivery_status = 'read'))::int as read,
           (count(*) filter (where r.replied_at is not null))::int as replied,
           (count(*) filter (where exists (
              select 1 from consents k
               where k.customer_id = r.customer_id and k.channel = 'whatsapp' and k.purpose in ('marketing', 'all')
                 and not k.granted and k.created_at > r.sent_at)))::int as opted_out,
           coalesce(sum(l.opens), 0)::int as link_clicks,
           (count(*) filter (where l.opens > 0))::int as recipients_clicked
      from campaign_recipients r
      join campaigns c on c.id = r.campaign_id
      left join campaign_links l on l.recipient_id = r.id
     where r.sent_at >= ${range.from} and r.sent_at < ${range.to}
     group by c.id, c.name
     order by min(r.sent_at), c.id`.execute(db);
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    name: r.name,
    sent: r.sent,
    delivered: r.delivered,
    read: r.read,
    replied: r.replied,
    optedOut: r.opted_out,
    linkClicks: r.link_clicks,
    recipientsClicked: r.recipients_clicked,
  }));
}
