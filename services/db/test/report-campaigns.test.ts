import { describe, expect, it } from 'vitest';
import { insertCampaign, type NewCampaign } from '../src/repositories/campaigns';
import { recordConsent } from '../src/repositories/consents';
import { reportCampaigns } from '../src/repositories/report-campaigns';
import { makeCustomer } from './routing-fixtures';
import { useAppDatabase } from '../../../test/support/app-db';

// Campaign figures of the reports' impact section, on a hand-built history: who was sent what and
// when, and what each recipient did afterwards.
const ctx = useAppDatabase();
const day = (d: number, h = 10) => new Date(Date.UTC(2026, 2, d, h));

const campaign = (name: string): NewCampaign => ({
  name,
  segmentId: null,
  segmentFilter: {},
  templateSid: 'HX00000000000000000000000000000000',
  variableMapping: {},
  linkUrl: 'https://example.com/offer',
  ratePerSecond: 1,
  frequencyCapCount: 5,
  frequencyCapDays: 7,
  quietHours: {},
  defaultTimeZone: 'Europe/Madrid',
  failureThreshold: 0.5,
  blockThreshold: 0.5,
  thresholdMinSample: 10,
  scheduledAt: null,
  createdBy: null,
});

interface Fate {
  sentAt: Date | null;
  state?: 'sent' | 'failed' | 'skipped';
  delivery?: 'sent' | 'delivered' | 'read' | 'failed' | null;
  repliedAt?: Date;
  linkOpens?: number;
  /** Withdraws marketing consent at this time. */
  stopAt?: Date;
}

async function recipient(campaignId: string, fate: Fate): Promise<void> {
  const customerId = await makeCustomer(ctx.db);
  const r = await ctx.db
    .insertInto('campaign_recipients')
    .values({
      campaign_id: campaignId,
      customer_id: customerId,
      to_number: '+34600000000',
      state: fate.state ?? 'sent',
      delivery_status: fate.delivery ?? null,
      sent_at: fate.sentAt,
      replied_at: fate.repliedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (fate.linkOpens !== undefined) {
    await ctx.db.insertInto('campaign_links').values({ token: `t-${r.id}`, campaign_id: campaignId, recipient_id: r.id, url: 'https://example.com/offer', opens: fate.linkOpens }).execute();
  }
  if (fate.stopAt) {
    await recordConsent(ctx.db, { customerId, channel: 'whatsapp', purpose: 'marketing', granted: false, source: 'keyword', evidence: {}, recordedByUserId: null, messageId: null, interactionId: null }, fate.stopAt);
  }
}

describe('campaign figures in reports', () => {
  it('counts each campaign’s sends in the range and what followed them, whenever it happened', async () => {
    const spring = await insertCampaign(ctx.db, campaign('Spring sale'), day(1));
    const summer = await insertCampaign(ctx.db, campaign('Summer sale'), day(1));
    // Spring: five sent on the 10th (in range), one sent on the 5th and one never sent (out).
    await recipient(spring.id, { sentAt: day(10), delivery: 'read', repliedAt: day(10, 11), linkOpens: 3 });
    await recipient(spring.id, { sentAt: day(10), delivery: 'delivered', linkOpens: 0, stopAt: day(12) }); // STOP two days later: counts
    await recipient(spring.id, { sentAt: day(10), delivery: 'read', linkOpens: 1, repliedAt: day(20) }); // reply after the range: still this send's
    await recipient(spring.id, { sentAt: day(10), delivery: 'sent' });
    await recipient(spring.id, { sentAt: day(10, 12), delivery: 'failed', state: 'failed' }); // provider accepted, then failed
    await recipient(spring.id, { sentAt: day(5), delivery: 'read', repliedAt: day(10) }); // sent before the range
    await recipient(spring.id, { sentAt: null, state: 'skipped', stopAt: day(10) }); // never sent
    // An opt-out that came before the message is not one this campaign caused.
    await recipient(summer.id, { sentAt: day(11), delivery: 'delivered', stopAt: day(9) });

    const rows = await reportCampaigns(ctx.db, { from: day(10, 0), to: day(12, 0) });
    expect(rows).toEqual([
      { campaignId: spring.id, name: 'Spring sale', sent: 5, delivered: 3, read: 2, replied: 2, optedOut: 1, linkClicks: 4, recipientsClicked: 2 },
      { campaignId: summer.id, name: 'Summer sale', sent: 1, delivered: 1, read: 0, replied: 0, optedOut: 0, linkClicks: 0, recipientsClicked: 0 },
    ]);
    // The range's end is exclusive: nothing sent from the 12th on.
    expect(await reportCampaigns(ctx.db, { from: day(12, 0), to: day(13, 0) })).toEqual([]);
    // The earlier send is counted in its own range.
    expect((await reportCampaigns(ctx.db, { from: day(5, 0), to: day(6, 0) }))[0]).toMatchObject({ name: 'Spring sale', sent: 1, read: 1, replied: 1 });
  });
});
