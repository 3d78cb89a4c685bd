import { beforeAll, describe, expect, it } from 'vitest';
import {
  allWeek,
  campaignCustomer,
  marketingTemplateSid,
  seedCampaignTemplates,
} from '../support/campaigns/fixtures';
import { createQueue } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';
import { until } from '../support/until';

// Campaigns through GraphQL and the durable workflow on the stack's worker (Temporal, embedded):
// scheduled start, sending, pause / resume / cancel, a reply entering the queue with the campaign,
// the per-recipient CSV. Quiet hours are opened all week so the hour the suite runs does not matter
// (their rules are tested with a fake clock in campaigns-sending.test.ts).
const t = useTwilioTestApi({
  env: { PUSH_MIN_SPACING_SECONDS: '0', CAMPAIGN_DEFAULT_RATE_PER_SECOND: '20' },
});

let supervisor: string;
let n = 0;

const ops = {
  createSegment:
    'mutation($input: CreateSegmentInput!) { createSegment(input: $input) { __typename ... on SegmentPayload { segment { id } } ... on Error { message } } }',
  createCampaign:
    'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { __typename ... on CampaignPayload { campaign { id status scheduledAt } } ... on Error { message } } }',
  progress:
    'query($first: Int) { campaigns(first: $first) { id name status pauseReason progress { total queued sent delivered failed skipped replied eta } } }',
  pause:
    'mutation($input: CampaignIdInput!) { pauseCampaign(input: $input) { __typename ... on CampaignPayload { campaign { status } } ... on Error { message } } }',
  resume:
    'mutation($input: CampaignIdInput!) { resumeCampaign(input: $input) { __typename ... on CampaignPayload { campaign { status } } ... on Error { message } } }',
  cancel:
    'mutation($input: CampaignIdInput!) { cancelCampaign(input: $input) { __typename ... on CampaignPayload { campaign { status } } ... on Error { message } } }',
  preview:
    'query($input: CampaignPreviewInput!) { campaignPreview(input: $input) { __typename ... on CampaignPreview { recipients { displayName phone text refusal } } ... on Error { message } } }',
};

interface Progress {
  id: string;
  status: string;
  pauseReason: string | null;
  progress: {
    total: number;
    queued: number;
    sent: number;
    delivered: number;
    failed: number;
    skipped: number;
    replied: number;
    eta: string | null;
  };
}

async function campaign(id: string): Promise<Progress> {
  const res = await t.gql<{ campaigns: Progress[] }>(ops.progress, { first: 200 }, supervisor);
  const found = res.data?.campaigns.find((c) => c.id === id);
  if (!found) throw new Error(`campaign ${id} not listed: ${JSON.stringify(res)}`);
  return found;
}

/** A segment of `count` new consented customers (its own tag). */
async function segmentOf(count: number) {
  const tag = `wf-${Date.now().toString(36)}-${n++}`;
  const people = [];
  for (let i = 0; i < count; i++)
    people.push(await campaignCustomer(t.api.services.db, { tags: [tag], name: `Cliente ${i}` }));
  const res = await t.gql<{ createSegment: { segment?: { id: string }; message?: string } }>(
    ops.createSegment,
    { input: { name: `Segmento ${tag}`, filter: { tagsAll: [tag] } } },
    supervisor,
  );
  if (!res.data?.createSegment.segment) throw new Error(`createSegment: ${JSON.stringify(res)}`);
  return { segmentId: res.data.createSegment.segment.id, people };
}

async function create(segmentId: string, extra: Record<string, unknown> = {}) {
  const res = await t.gql<{
    createCampaign: {
      __typename: string;
      campaign?: { id: string; status: string };
      message?: string;
    };
  }>(
    ops.createCampaign,
    {
      input: {
        name: `Campaña ${n++}`,
        segmentId,
        templateSid: marketingTemplateSid,
        variables: [
          { key: '1', source: 'displayName', fallback: 'cliente' },
          { key: '2', source: 'field:offer' },
        ],
        quietHours: allWeek,
        ...extra,
      },
    },
    supervisor,
  );
  if (!res.data?.createCampaign.campaign) throw new Error(`createCampaign: ${JSON.stringify(res)}`);
  return res.data.createCampaign.campaign;
}

const sentTo = (phone: string) =>
  t.twilio.to('/Messages.json').filter((r) => formFields(r).To === `whatsapp:${phone}`);

beforeAll(async () => {
  supervisor = (await t.signIn('supervisor')).token;
  await seedCampaignTemplates(t.api.services.db);
  await createQueue(t, supervisor, { name: 'WhatsApp', channels: ['WHATSAPP'] });
}, 60_000);

describe('campaign workflow', () => {
  it(
    'previews each recipient’s message, starts at its scheduled time and sends each consented recipient exactly once',
    { timeout: 90_000 },
    async () => {
      const { segmentId, people } = await segmentOf(4);
      const preview = await t.gql<{ campaignPreview: { recipients: { text: string | null }[] } }>(
        ops.preview,
        {
          input: {
            segmentId,
            templateSid: marketingTemplateSid,
            variables: [
              { key: '1', source: 'displayName' },
              { key: '2', source: 'field:offer' },
            ],
          },
        },
        supervisor,
      );
      expect(preview.data?.campaignPreview.recipients.map((r) => r.text).sort()).toEqual(
        people
          .map(
            (_, i) =>
              `Hola Cliente ${i}, 20 % en tu próxima compra. Responde BAJA para no recibir más.`,
          )
          .sort(),
      );

      const startAt = new Date(Date.now() + 3000);
      const created = await create(segmentId, { startAt: startAt.toISOString() });
      expect(created.status).toBe('SCHEDULED');
      // Nothing goes before the scheduled start.
      await new Promise((r) => setTimeout(r, 1000));
      expect(people.flatMap((p) => sentTo(p.phone))).toHaveLength(0);
      const done = await until(
        () => campaign(created.id),
        (c) => c.status === 'COMPLETED',
        60_000,
      );
      expect(done.progress).toMatchObject({ total: 4, sent: 4, queued: 0, failed: 0 });
      for (const p of people) {
        const [request, ...more] = sentTo(p.phone);
        expect(more).toHaveLength(0);
        expect(request!.status).toBe(201);
        expect(request!.form.find(([k]) => k === 'From')?.[1]).toBe(whatsAppSender);
      }
      const firstSend = Math.min(
        ...(
          await t.api.services.db
            .selectFrom('campaign_recipients')
            .select('sent_at')
            .where(
              'customer_id',
              'in',
              people.map((p) => p.customerId),
            )
            .execute()
        ).map((r) => r.sent_at!.getTime()),
      );
      expect(firstSend).toBeGreaterThanOrEqual(startAt.getTime());
    },
  );

  it(
    'pauses, resumes and cancels through signals; a reply enters the queue carrying the campaign; results download as CSV',
    { timeout: 120_000 },
    async () => {
      const { segmentId, people } = await segmentOf(8);
      const c = await create(segmentId, { ratePerSecond: 2, startAt: new Date().toISOString() });
      const sent = () => people.filter((p) => sentTo(p.phone).length > 0).length;
      await until(sent, (s) => s >= 2, 30_000);
      const paused = await t.gql<{ pauseCampaign: { campaign?: { status: string } } }>(
        ops.pause,
        { input: { campaignId: c.id } },
        supervisor,
      );
      expect(paused.data?.pauseCampaign.campaign?.status).toBe('PAUSED');
      await new Promise((r) => setTimeout(r, 1500));
      const atPause = sent();
      await new Promise((r) => setTimeout(r, 2500));
      expect(sent()).toBe(atPause);
      expect((await campaign(c.id)).status).toBe('PAUSED');
      // Resuming twice is refused the second time (typed), the first carries on.
      expect(
        (
          await t.gql<{ resumeCampaign: { campaign?: { status: string } } }>(
            ops.resume,
            { input: { campaignId: c.id } },
            supervisor,
          )
        ).data?.resumeCampaign.campaign?.status,
      ).toBe('RUNNING');
      expect(
        (
          await t.gql<{ resumeCampaign: { __typename: string } }>(
            ops.resume,
            { input: { campaignId: c.id } },
            supervisor,
          )
        ).data?.resumeCampaign.__typename,
      ).toBe('CampaignStateError');
      await until(sent, (s) => s > atPause, 30_000);
      expect(
        (
          await t.gql<{ cancelCampaign: { campaign?: { status: string } } }>(
            ops.cancel,
            { input: { campaignId: c.id } },
            supervisor,
          )
        ).data?.cancelCampaign.campaign?.status,
      ).toBe('CANCELLED');
      await new Promise((r) => setTimeout(r, 2000));
      const atCancel = sent();
      await new Promise((r) => setTimeout(r, 2000));
      expect(sent()).toBe(atCancel);
      expect(atCancel).toBeLessThan(people.length);
      for (const p of people) expect(sentTo(p.phone).length).toBeLessThanOrEqual(1);

      // A recipient answers: a WhatsApp interaction in the queue, carrying the campaign.
      const replier = people.find((p) => sentTo(p.phone).length === 1)!;
      const inbound = await postSigned(t.url('/webhooks/twilio/whatsapp'), {
        MessageSid: sid('SM'),
        AccountSid: testAccountSid,
        From: `whatsapp:${replier.phone}`,
        To: whatsAppSender,
        Body: '¿Hasta cuándo vale la oferta?',
        NumMedia: '0',
      });
      expect(inbound.status).toBe(200);
      const row = await until(
        () =>
          t.api.services.db
            .selectFrom('campaign_recipients')
            .selectAll()
            .where('customer_id', '=', replier.customerId)
            .executeTakeFirst(),
        (r) => !!r?.reply_interaction_id,
        10_000,
      );
      const interactionGid = Buffer.from(`Interaction:${row!.reply_interaction_id}`).toString(
        'base64',
      );
      const seen = await t.gql<{
        interaction: {
          channel: string;
          campaign: { campaignId: string; name: string; messageText: string } | null;
        };
      }>(
        'query($id: ID!) { interaction(id: $id) { channel campaign { campaignId name messageText } } }',
        { id: interactionGid },
        supervisor,
      );
      expect(seen.data?.interaction).toMatchObject({
        channel: 'WHATSAPP',
        campaign: { campaignId: c.id, messageText: expect.stringContaining('Hola Cliente') },
      });
      expect((await campaign(c.id)).progress.replied).toBe(1);
      // On the customer's timeline the message is the campaign's, named — not an automatic reply.
      const timeline = await t.gql<{
        customer: {
          timeline: {
            __typename: string;
            direction?: string;
            automaticReply?: string | null;
            campaign?: { campaignId: string; name: string } | null;
          }[];
        };
      }>(
        'query($id: ID!) { customer(id: $id) { timeline { __typename ... on Message { direction automaticReply campaign { campaignId name } } } } }',
        { id: Buffer.from(`Customer:${replier.customerId}`).toString('base64') },
        supervisor,
      );
      const outbound = timeline.data!.customer.timeline.filter((m) => m.direction === 'outbound');
      expect(outbound).toEqual([
        {
          __typename: 'Message',
          direction: 'outbound',
          automaticReply: null,
          campaign: { campaignId: c.id, name: expect.stringMatching(/^Campaña \d+$/) },
        },
      ]);

      // Per-recipient results: supervisors only.
      const csvUrl = t.url(
        `/campaigns/${Buffer.from(c.id, 'base64').toString().split(':')[1]}/results.csv`,
      );
      expect((await fetch(csvUrl)).status).toBe(401);
      const agent = (await t.signIn('agent')).token;
      expect((await fetch(csvUrl, { headers: { authorization: `Bearer ${agent}` } })).status).toBe(
        403,
      );
      const csv = await fetch(csvUrl, { headers: { authorization: `Bearer ${supervisor}` } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (await csv.text()).trim().split('\n');
      expect(lines[0]).toBe(
        'customer_id,name,phone,state,skip_reason,delivery_status,error_code,sent_at,replied_at,link_opens',
      );
      expect(lines).toHaveLength(people.length + 1);
      expect(lines.find((l) => l.startsWith(replier.customerId))).toMatch(/,sent,/);
    },
  );
});
