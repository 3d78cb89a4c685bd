import { beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '@cc/api/campaigns/service';
import { createTwilioCampaignTransport } from '@cc/api/campaigns/transport';
import { campaignPacing } from '@cc/api/campaigns/wiring';
import { createPushLimiter, type PushLimiter } from '@cc/api/push/limits';
import { newLinkToken } from '@cc/api/push/short-links';
import { listSegmentRecipients } from '@cc/db/repositories/segments';
import { campaignProgress } from '@cc/db/repositories/campaign-recipients';
import {
  createCampaignActivities,
  type CampaignTransport,
} from '@cc/workflows/activities/campaigns';
import {
  allWeek,
  campaignCustomer,
  campaignDraft,
  grantMarketing,
  marketingTemplateSid,
  seedCampaignTemplates,
  utilityTemplateSid,
} from '../support/campaigns/fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';

// The send path of a campaign, one slice at a time, with a fake clock for every time rule (quiet
// hours, frequency cap, consent times). Twilio requests go through the SDK to Prism (the contract).
const t = useTwilioTestApi({
  env: {
    CAMPAIGN_THRESHOLD_MIN_SAMPLE: '3',
    PUSH_DAILY_BUSINESS_INITIATED_LIMIT: '4',
    PUSH_MIN_SPACING_SECONDS: '6',
    PUSH_LINK_DOMAINS: 'tienda.example',
  },
});

const at = (iso: string) => new Date(iso);
let tagCounter = 0;
const newTag = () => `c${Date.now().toString(36)}-${tagCounter++}`;

function fakeClock(start: Date) {
  let now = start.getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, {
    set: (d: Date) => void (now = d.getTime()),
    advance: (ms: number) => void (now += ms),
  });
}

const bigBudget = () =>
  createPushLimiter({ spacingMs: 6000, perSecond: 80, dailyBusinessInitiated: 100_000 });

function activities(
  clock: () => Date,
  opts: { transport?: CampaignTransport; limiter?: PushLimiter } = {},
) {
  return createCampaignActivities({
    db: t.api.services.db,
    clock,
    transport: opts.transport ?? createTwilioCampaignTransport(t.api.services.twilio!.deps),
    pace: campaignPacing(opts.limiter ?? bigBudget(), whatsAppSender),
    listRecipients: listSegmentRecipients,
    linkUrl: (token) => `${t.api.url}/l/${token}`,
    newLinkToken,
    changed: () => {},
    settings: {
      sliceMs: 5000,
      concurrency: 4,
      snapshotPageSize: 2,
      retryLaterMs: 60_000,
      maxAttempts: 3,
    },
  });
}

const draft = campaignDraft;

/** Creates the campaign, marks it running and snapshots it, all at the fake clock's time. */
async function startedCampaign(
  clock: () => Date,
  d: ReturnType<typeof campaignDraft>,
  acts = activities(clock),
) {
  const campaign = await createCampaign({ ...t.api.services.campaigns, clock }, d, null);
  expect(await acts.startCampaign(campaign.id)).toBe('running');
  for (let after: string | null = null, first = true; first || after !== null; first = false)
    after = (await acts.snapshotPage(campaign.id, after)).next;
  return campaign;
}

const recipients = (campaignId: string) =>
  t.api.services.db
    .selectFrom('campaign_recipients')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('customer_id')
    .execute();
/** Sends the slice that finishes the campaign, then reads its recipients (ordered by customer). */
async function sendAll(acts: ReturnType<typeof activities>, campaignId: string) {
  expect(await acts.sendSlice(campaignId)).toEqual({ kind: 'done' });
  return recipients(campaignId);
}
const sentTo = (phone: string) =>
  t.twilio.to('/Messages.json').filter((r) => formFields(r).To === `whatsapp:${phone}`);

// Wednesday 2026-12-09 12:00 in Madrid (11:00 UTC): inside the default quiet hours.
const wednesdayNoon = at('2026-12-09T11:00:00Z');

beforeAll(async () => {
  await seedCampaignTemplates(t.api.services.db);
});

describe('campaign sending', () => {
  it('refuses a template that is not MARKETING, and a placeholder with no source', async () => {
    const tag = newTag();
    await expect(
      createCampaign(
        t.api.services.campaigns,
        draft(tag, { templateSid: utilityTemplateSid }),
        null,
      ),
    ).rejects.toMatchObject({ code: 'CAMPAIGN_TEMPLATE' });
    await expect(
      createCampaign(
        t.api.services.campaigns,
        draft(tag, { variables: [{ key: '1', source: 'displayName', fallback: null }] }),
        null,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_CAMPAIGN' });
    await expect(
      createCampaign(t.api.services.campaigns, draft(tag, { ratePerSecond: 500 }), null),
    ).rejects.toMatchObject({ code: 'INVALID_CAMPAIGN' });
    expect(
      await t.api.services.db
        .selectFrom('campaigns')
        .select('id')
        .where('name', '=', `Rebajas ${tag}`)
        .execute(),
    ).toHaveLength(0);
  });

  it(
    'sends only to consented customers, fills variables with fallbacks, refuses a blank one, and records Twilio statuses with their codes',
    { timeout: 60_000 },
    async () => {
      const tag = newTag();
      const clock = fakeClock(wednesdayNoon);
      const named = await campaignCustomer(t.api.services.db, { tags: [tag], name: 'Lucía' });
      const unnamed = await campaignCustomer(t.api.services.db, { tags: [tag], name: null });
      const noConsent = await campaignCustomer(t.api.services.db, { tags: [tag], consent: null });
      const optedOut = await campaignCustomer(t.api.services.db, { tags: [tag], consent: false });
      const noOffer = await campaignCustomer(t.api.services.db, { tags: [tag], fields: {} });
      const acts = activities(clock);
      const campaign = await startedCampaign(clock, draft(tag), acts);

      const rows = await recipients(campaign.id);
      expect(rows.map((r) => r.customer_id).sort()).toEqual(
        [named.customerId, unnamed.customerId, noOffer.customerId].sort(),
      );
      expect(rows.find((r) => r.customer_id === noOffer.customerId)).toMatchObject({
        state: 'skipped',
        skip_reason: 'empty_variable:2',
      });

      await sendAll(acts, campaign.id);
      const [toNamed] = sentTo(named.phone);
      expect(sentTo(named.phone)).toHaveLength(1);
      expect(toNamed!.status).toBe(201);
      expect(formFields(toNamed!)).toMatchObject({
        From: whatsAppSender,
        ContentSid: marketingTemplateSid,
        ContentVariables: JSON.stringify({ 1: 'Lucía', 2: '20 % en tu próxima compra' }),
      });
      expect(formFields(toNamed!).Body).toBeUndefined();
      expect(JSON.parse(String(formFields(sentTo(unnamed.phone)[0]!).ContentVariables))).toEqual({
        1: 'cliente',
        2: '20 % en tu próxima compra',
      });
      for (const c of [noConsent, optedOut, noOffer]) expect(sentTo(c.phone)).toHaveLength(0);

      // Status callbacks, as Twilio sends them (signed): delivered for one, Meta's marketing cap for the other.
      const callback = (r: typeof toNamed, status: string, errorCode?: string) =>
        postSigned(String(formFields(r!).StatusCallback), {
          MessageSid: (r!.body as { sid: string }).sid,
          AccountSid: testAccountSid,
          MessageStatus: status,
          ...(errorCode ? { ErrorCode: errorCode } : {}),
        });
      expect((await callback(toNamed, 'delivered')).status).toBe(200);
      expect((await callback(sentTo(unnamed.phone)[0], 'failed', '131049')).status).toBe(200);
      const after = await recipients(campaign.id);
      expect(after.find((r) => r.customer_id === named.customerId)).toMatchObject({
        state: 'sent',
        delivery_status: 'delivered',
      });
      expect(after.find((r) => r.customer_id === unnamed.customerId)).toMatchObject({
        state: 'failed',
        error_code: '131049',
      });
      // The message is on the customer's timeline, outside any interaction.
      const message = await t.api.services.db
        .selectFrom('messages')
        .selectAll()
        .where('id', '=', after.find((r) => r.customer_id === named.customerId)!.message_id!)
        .executeTakeFirstOrThrow();
      expect(message).toMatchObject({
        interaction_id: null,
        direction: 'outbound',
        body: 'Hola Lucía, 20 % en tu próxima compra. Responde BAJA para no recibir más.',
        delivery_status: 'delivered',
      });
    },
  );

  it(
    'honours a STOP/BAJA that arrives after the snapshot, before the send',
    { timeout: 60_000 },
    async () => {
      const tag = newTag();
      const clock = fakeClock(wednesdayNoon);
      const stays = await campaignCustomer(t.api.services.db, { tags: [tag] });
      const leaves = await campaignCustomer(t.api.services.db, { tags: [tag] });
      const acts = activities(clock);
      const campaign = await startedCampaign(clock, draft(tag), acts);
      expect(await recipients(campaign.id)).toHaveLength(2);
      clock.advance(60_000);
      await grantMarketing(t.api.services.db, leaves.customerId, false, clock(), 'all');
      await sendAll(acts, campaign.id);
      expect(sentTo(stays.phone)).toHaveLength(1);
      expect(sentTo(leaves.phone)).toHaveLength(0);
      expect(
        (await recipients(campaign.id)).find((r) => r.customer_id === leaves.customerId),
      ).toMatchObject({ state: 'skipped', skip_reason: 'opted_out' });
    },
  );

  it(
    'caps marketing per person across campaigns (default 1 per 7 days; configurable)',
    { timeout: 60_000 },
    async () => {
      const tag = newTag();
      const clock = fakeClock(wednesdayNoon);
      const person = await campaignCustomer(t.api.services.db, { tags: [tag] });
      const acts = activities(clock);
      const first = await startedCampaign(clock, draft(tag), acts);
      await sendAll(acts, first.id);
      expect(sentTo(person.phone)).toHaveLength(1);

      clock.advance(6 * 86_400_000); // Tuesday: 6 days later, inside the cap's window
      const second = await startedCampaign(clock, draft(tag), acts);
      expect((await sendAll(acts, second.id))[0]).toMatchObject({
        state: 'skipped',
        skip_reason: 'frequency_cap',
      });
      const twice = await startedCampaign(
        clock,
        draft(tag, { frequencyCap: { count: 2, days: 7 } }),
        acts,
      );
      expect((await sendAll(acts, twice.id))[0]).toMatchObject({ state: 'sent' });

      clock.advance(8 * 86_400_000); // 14 days after the first, 8 after the second: free again
      const third = await startedCampaign(clock, draft(tag), acts);
      expect((await sendAll(acts, third.id))[0]).toMatchObject({ state: 'sent' });
      expect(sentTo(person.phone)).toHaveLength(3);
    },
  );

  it(
    'keeps quiet hours on each recipient’s own clock: outside, they wait (not skipped) until their 09:00 on a weekday',
    { timeout: 60_000 },
    async () => {
      const tag = newTag();
      // Friday 2026-12-11 20:30 UTC: 21:30 in Madrid (closed), 15:30 in New York (open), Saturday 05:30 in Tokyo.
      const clock = fakeClock(at('2026-12-11T20:30:00Z'));
      const madrid = await campaignCustomer(t.api.services.db, {
        tags: [tag],
        timeZone: 'Europe/Madrid',
      });
      const newYork = await campaignCustomer(t.api.services.db, {
        tags: [tag],
        timeZone: 'America/New_York',
      });
      const tokyo = await campaignCustomer(t.api.services.db, {
        tags: [tag],
        timeZone: 'Asia/Tokyo',
      });
      const acts = activities(clock);
      const campaign = await startedCampaign(clock, draft(tag), acts);

      const slice = await acts.sendSlice(campaign.id);
      expect(sentTo(newYork.phone)).toHaveLength(1);
      expect(sentTo(madrid.phone)).toHaveLength(0);
      expect(sentTo(tokyo.phone)).toHaveLength(0);
      const waiting = await recipients(campaign.id);
      // Monday 09:00 local: Tokyo's is Monday 00:00 UTC, Madrid's Monday 08:00 UTC.
      expect(waiting.find((r) => r.customer_id === tokyo.customerId)).toMatchObject({
        state: 'pending',
        not_before: at('2026-12-14T00:00:00Z'),
      });
      expect(waiting.find((r) => r.customer_id === madrid.customerId)).toMatchObject({
        state: 'pending',
        not_before: at('2026-12-14T08:00:00Z'),
      });
      // The workflow sleeps until the earliest of them.
      expect(slice).toMatchObject({
        kind: 'more',
        pending: 2,
        waitMs: at('2026-12-14T00:00:00Z').getTime() - clock().getTime(),
      });

      clock.set(at('2026-12-14T00:00:00Z'));
      expect(await acts.sendSlice(campaign.id)).toMatchObject({ kind: 'more', pending: 1 });
      expect(sentTo(tokyo.phone)).toHaveLength(1);
      expect(sentTo(madrid.phone)).toHaveLength(0);
      clock.set(at('2026-12-14T08:00:00Z'));
      await sendAll(acts, campaign.id);
      expect(sentTo(madrid.phone)).toHaveLength(1);
    },
  );

  it(
    'pauses itself when the failure rate crosses the threshold, with each refusal’s code recorded',
    { timeout: 60_000 },
    async () => {
      const tag = newTag();
      const clock = fakeClock(wednesdayNoon);
      for (let i = 0; i < 6; i++) await campaignCustomer(t.api.services.db, { tags: [tag] });
      const twilio = createTwilioCampaignTransport(t.api.services.twilio!.deps);
      // Meta refuses every send with 63018 (the tier's limit): recorded per recipient, the campaign stops.
      let calls = 0;
      const refusing: CampaignTransport = {
        send: async (m) =>
          ++calls <= 1
            ? twilio.send(m)
            : { ok: false, refused: true, errorCode: '63016', detail: 'outside the window' },
      };
      const acts = activities(clock, { transport: refusing });
      const campaign = await startedCampaign(clock, draft(tag, { failureThreshold: 0.5 }), acts);
      const slice = await acts.sendSlice(campaign.id);
      expect(slice).toMatchObject({
        kind: 'auto_paused',
        reason: expect.stringContaining('failure rate'),
      });
      const row = await t.api.services.db
        .selectFrom('campaigns')
        .selectAll()
        .where('id', '=', campaign.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        status: 'paused',
        pause_reason: expect.stringContaining('threshold'),
      });
      const rows = await recipients(campaign.id);
      expect(rows.filter((r) => r.state === 'failed').every((r) => r.error_code === '63016')).toBe(
        true,
      );
      expect(rows.filter((r) => r.state === 'failed').length).toBeGreaterThanOrEqual(2);
      // Nothing more is sent while paused.
      expect(await acts.sendSlice(campaign.id)).toEqual({ kind: 'stopped' });
    },
  );

  it(
    'retries a Twilio that cannot be reached instead of counting it refused',
    { timeout: 60_000 },
    async () => {
      const tag = newTag();
      const clock = fakeClock(wednesdayNoon);
      const person = await campaignCustomer(t.api.services.db, { tags: [tag] });
      let down = true;
      const twilio = createTwilioCampaignTransport(t.api.services.twilio!.deps);
      const flaky: CampaignTransport = {
        send: async (m) =>
          down
            ? { ok: false, refused: false, certainlyNotSent: true, detail: 'ECONNREFUSED' }
            : twilio.send(m),
      };
      const acts = activities(clock, {
        transport: flaky,
        limiter: createPushLimiter({ spacingMs: 0, perSecond: 80, dailyBusinessInitiated: 1000 }),
      });
      const campaign = await startedCampaign(clock, draft(tag), acts);
      await expect(acts.sendSlice(campaign.id)).rejects.toMatchObject({
        type: 'CampaignProviderUnreachable',
      });
      expect((await recipients(campaign.id))[0]).toMatchObject({
        state: 'pending',
        message_id: null,
        error_code: null,
      });
      down = false;
      expect((await sendAll(acts, campaign.id))[0]).toMatchObject({ state: 'sent' });
      expect(sentTo(person.phone)).toHaveLength(1);
    },
  );

  it(
    'shares the tier’s 24 h budget of business-initiated conversations with in-call pushes',
    { timeout: 60_000 },
    async () => {
      const tag = newTag();
      const clock = fakeClock(new Date());
      // The stack's tier is 4 conversations a day. The in-call pushes' own pacing opens one…
      await t.api.services.push.pace({
        sender: whatsAppSender,
        to: '+34600000001',
        businessInitiated: true,
      });
      const people = [];
      for (let i = 0; i < 5; i++)
        people.push(await campaignCustomer(t.api.services.db, { tags: [tag] }));
      // …so the campaign, paced by the same limiter (as the composition root wires it), gets three.
      const acts = activities(clock, { limiter: t.api.services.push.limiter });
      // Real time here (the push paced at real time); quiet hours opened all week so the hour of the run does not matter.
      const campaign = await startedCampaign(clock, draft(tag, { quietHours: allWeek }), acts);
      const slice = await acts.sendSlice(campaign.id);
      expect(slice).toMatchObject({ kind: 'more', pending: 2 });
      if (slice.kind === 'more') expect(slice.waitMs).toBeGreaterThan(23 * 3600_000);
      expect(people.filter((p) => sentTo(p.phone).length === 1)).toHaveLength(3);
      // And a push to a new person is now refused for the budget, as the campaign was.
      await expect(
        t.api.services.push.pace({
          sender: whatsAppSender,
          to: '+34600000002',
          businessInitiated: true,
        }),
      ).rejects.toMatchObject({ code: expect.stringMatching(/BUDGET/) });
    },
  );
  it(
    'tracks the campaign link per recipient through the short links (/l/<token>), counted in the progress',
    { timeout: 60_000 },
    async () => {
      const tag = newTag();
      const clock = fakeClock(wednesdayNoon);
      const person = await campaignCustomer(t.api.services.db, { tags: [tag] });
      const acts = activities(clock);
      await expect(
        createCampaign(
          t.api.services.campaigns,
          draft(tag, {
            variables: [
              { key: '1', source: 'displayName', fallback: null },
              { key: '2', source: 'link', fallback: null },
            ],
            linkUrl: 'https://evil.example/x',
          }),
          null,
        ),
      ).rejects.toMatchObject({ code: 'INVALID_CAMPAIGN' });
      const campaign = await startedCampaign(
        clock,
        draft(tag, {
          variables: [
            { key: '1', source: 'displayName', fallback: null },
            { key: '2', source: 'link', fallback: null },
          ],
          linkUrl: 'https://tienda.example/rebajas',
        }),
        acts,
      );
      await sendAll(acts, campaign.id);
      const variables = JSON.parse(
        String(formFields(sentTo(person.phone)[0]!).ContentVariables),
      ) as Record<string, string>;
      expect(variables['2']).toMatch(new RegExp(`^${t.api.url}/l/[A-Za-z0-9_-]{16,64}$`));
      const opened = await fetch(variables['2']!, { redirect: 'manual' });
      expect(opened.status).toBe(302);
      expect(opened.headers.get('location')).toBe('https://tienda.example/rebajas');
      expect((await campaignProgress(t.api.services.db, campaign.id)).linkClicks).toBe(1);
    },
  );
});
