import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { useTestApi } from '../support/api';
import { until } from '../support/until';
import { insertCampaign } from '@cc/db/repositories/campaigns';
import { gid } from '../support/authorization/world';
import { createAgent, createQueue, enqueue, newCustomer } from '../support/routing-fixtures';

// Wrap-up codes and historical reports end to end through GraphQL and the CSV routes (issue 19).
const t = useTestApi({ worker: true });
let sup: string;
beforeAll(async () => {
  sup = (await t.signIn('supervisor')).token;
});

const reportQuery = `query($input: ReportInput!) { report(input: $input) {
  __typename
  ... on InvalidReportError { message }
  ... on ReportSuccess { data {
    timeZone
    rows { intervalStart intervalEnd group { key name } figures { offered answered averageHandleSeconds serviceLevelPercent } }
    totals { figures { offered answered fcrEligible } }
    dispositions { code label count dispositionId }
    agentTimeTotals { figures { onContactSeconds } }
    impact { withoutPush { answered } linkOpenRatePercent }
    settings { shortAbandonSeconds fcrWindowHours }
  } }
} }`;

describe('wrap-up codes and historical reports', () => {
  it('lets the agent pick a queue’s wrap-up code, and reports, drills down and exports it', async () => {
    const queueId = await createQueue(t, sup, { name: 'Reports e2e', channels: ['WEBCHAT'], slaTargetSeconds: 60 });
    const saved = await t.gql<{ saveDisposition: { disposition?: { id: string; code: string } } }>(
      `mutation($input: SaveDispositionInput!) { saveDisposition(input: $input) { __typename ... on DispositionPayload { disposition { id code } } ... on Error { message } } }`,
      { input: { queueId, code: 'sale', label: 'Sale' } },
      sup,
    );
    const sale = saved.data!.saveDisposition.disposition!;
    expect(sale.code).toBe('SALE');
    const agent = await createAgent(t, sup, { queueIds: [queueId], capacity: { webchat: 1 } });
    const other = await createAgent(t, sup, { queueIds: [queueId], capacity: { webchat: 1 }, available: false });
    const interactionId = await enqueue(t, sup, { customerId: await newCustomer(t, sup), queueId, channel: 'WEBCHAT' });
    const offer = await until(
      () => t.gql<{ myOffers: { id: string }[] }>('{ myOffers { id } }', {}, agent.token),
      (r) => (r.data?.myOffers.length ?? 0) === 1,
    );
    await t.gql('mutation($id: ID!) { acceptOffer(input: { offerId: $id }) { __typename } }', { id: offer.data!.myOffers[0]!.id }, agent.token);

    const setCode = `mutation($input: SetInteractionDispositionInput!) { setInteractionDisposition(input: $input) { __typename ... on InteractionPayload { interaction { disposition { code } events { type } } } ... on Error { message } } }`;
    type SetResult = { setInteractionDisposition: { __typename: string; interaction?: { disposition: { code: string }; events: { type: string }[] } } };
    // Another agent may not; a code of no queue is refused; the holder's is recorded on the timeline.
    expect((await t.gql<SetResult>(setCode, { input: { interactionId, dispositionId: sale.id } }, other.token)).data!.setInteractionDisposition.__typename).toBe('NotYourInteractionError');
    expect((await t.gql<SetResult>(setCode, { input: { interactionId, dispositionId: 'nope' } }, agent.token)).data!.setInteractionDisposition.__typename).toBe('UnknownDispositionError');
    const set = await t.gql<SetResult>(setCode, { input: { interactionId, dispositionId: sale.id } }, agent.token);
    expect(set.data!.setInteractionDisposition.interaction!.disposition.code).toBe('SALE');
    expect(set.data!.setInteractionDisposition.interaction!.events.map((e) => e.type)).toContain('disposition_set');
    const closed = await t.gql<{ closeInteraction: { __typename: string } }>(
      'mutation($id: ID!) { closeInteraction(input: { interactionId: $id }) { __typename } }',
      { id: interactionId },
      agent.token,
    );
    expect(closed.data!.closeInteraction.__typename).toBe('InteractionPayload');

    const now = Date.now();
    const filter = { from: new Date(now - 3600_000).toISOString(), to: new Date(now + 3600_000).toISOString(), queueIds: [queueId] };
    type ReportResult = { report: { __typename: string; data?: { rows: { group: { name: string }; figures: { answered: number } }[]; totals: { figures: { answered: number; fcrEligible: number } }[]; dispositions: { code: string; count: number }[]; settings: { shortAbandonSeconds: number } } } };
    const report = await t.gql<ReportResult>(reportQuery, { input: { filter, interval: 'FIFTEEN_MINUTES', groupBy: 'QUEUE', timeZone: 'Europe/Madrid' } }, sup);
    const data = report.data!.report.data!;
    expect(data.rows.map((r) => [r.group.name, r.figures.answered])).toEqual([['Reports e2e', 1]]);
    expect(data.totals[0]!.figures).toMatchObject({ answered: 1, fcrEligible: 1 });
    expect(data.dispositions).toEqual([expect.objectContaining({ code: 'SALE', count: 1 })]);
    expect(data.settings.shortAbandonSeconds).toBe(5);

    // A bad zone or a range too long for its interval is a typed error; agents are refused.
    const badZone = await t.gql<ReportResult>(reportQuery, { input: { filter, timeZone: 'Mars/Olympus' } }, sup);
    expect(badZone.data!.report.__typename).toBe('InvalidReportError');
    const tooLong = await t.gql<ReportResult>(reportQuery, { input: { filter: { ...filter, from: '2000-01-01T00:00:00Z' }, interval: 'FIFTEEN_MINUTES' } }, sup);
    expect(tooLong.data!.report.__typename).toBe('InvalidReportError');
    expect((await t.gql(reportQuery, { input: { filter } }, agent.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Drill-down: the interaction behind "answered".
    const drill = await t.gql<{ reportInteractions: { data: { nodes: { id: string }[]; hasNextPage: boolean } } }>(
      `query($filter: ReportFilter!) { reportInteractions(filter: $filter, figure: ANSWERED) { ... on ReportInteractionsSuccess { data { nodes { id } hasNextPage } } } }`,
      { filter },
      sup,
    );
    expect(drill.data!.reportInteractions.data.nodes.map((n) => n.id)).toEqual([interactionId]);

    // An integrator's key with reports:read reads the same report.
    const key = await t.gql<{ createApiKey: { token: string } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { token } } }',
      { input: { name: 'BI', scopes: ['REPORTS_READ'] } },
      (await t.signIn('admin')).token,
    );
    const byKey = await t.gql<ReportResult>(reportQuery, { input: { filter, groupBy: 'QUEUE' } }, key.data!.createApiKey.token);
    expect(byKey.data!.report.data!.totals[0]!.figures.answered).toBe(1);

    // CSV: one row per interaction and the report's rows, for supervisors and report keys only.
    const params = new URLSearchParams({ from: filter.from, to: filter.to, queueId });
    const csv = await fetch(`${t.api.url}/reports/interactions.csv?${params}`, { headers: { authorization: `Bearer ${sup}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([expect.objectContaining({ channel: 'webchat', queue: 'Reports e2e', disposition: 'SALE', status: 'closed', first_contact_resolved: 'true' })]);
    const reportCsv = await fetch(`${t.api.url}/reports/report.csv?${params}&interval=day&groupBy=queue&timeZone=Europe/Madrid`, { headers: { 'x-api-key': key.data!.createApiKey.token } });
    const reportRows = parse(await reportCsv.text(), { columns: true }) as Record<string, string>[];
    expect(reportRows).toEqual([expect.objectContaining({ queue: 'Reports e2e', answered: '1', offered: '1' })]);
    expect((await fetch(`${t.api.url}/reports/interactions.csv?${params}`, { headers: { authorization: `Bearer ${agent.token}` } })).status).toBe(403);
    expect((await fetch(`${t.api.url}/reports/interactions.csv?${params}`)).status).toBe(401);
    expect((await fetch(`${t.api.url}/reports/interactions.csv?from=yesterday&to=${filter.to}`, { headers: { authorization: `Bearer ${sup}` } })).status).toBe(400);
  });

  it('gives each campaign’s sends in the range and what followed them, by the campaign’s global id', async () => {
    const db = t.api.services.db;
    const sentAt = new Date('2025-01-10T10:00:00Z');
    const campaign = await insertCampaign(
      db,
      { name: 'Rebajas', segmentId: null, segmentFilter: {}, templateSid: 'HX00000000000000000000000000000001', variableMapping: {}, linkUrl: null, ratePerSecond: 1, frequencyCapCount: 5, frequencyCapDays: 7, quietHours: {}, defaultTimeZone: 'Europe/Madrid', failureThreshold: 0.5, blockThreshold: 0.5, thresholdMinSample: 10, scheduledAt: null, createdBy: null },
      sentAt,
    );
    for (const delivery of ['read', 'delivered']) {
      const customer = await db.insertInto('customers').values({ display_name: null }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('campaign_recipients').values({ campaign_id: campaign.id, customer_id: customer.id, to_number: '+34600000001', state: 'sent', delivery_status: delivery, sent_at: sentAt, replied_at: delivery === 'read' ? sentAt : null }).execute();
    }
    const ask = (filter: Record<string, unknown>) =>
      t.gql<{ report: { data: { impact: { campaigns: Record<string, unknown>[] } } } }>(
        'query($input: ReportInput!) { report(input: $input) { ... on ReportSuccess { data { impact { campaigns { campaignId name sent delivered read replied optedOut linkClicks recipientsClicked } } } } } }',
        { input: { filter, interval: 'DAY' } },
        sup,
      );
    const range = { from: '2025-01-10T00:00:00Z', to: '2025-01-11T00:00:00Z' };
    expect((await ask(range)).data!.report.data.impact.campaigns).toEqual([
      { campaignId: gid('Campaign', campaign.id), name: 'Rebajas', sent: 2, delivered: 2, read: 1, replied: 1, optedOut: 0, linkClicks: 0, recipientsClicked: 0 },
    ]);
    // Campaigns are WhatsApp: a voice-only report has none.
    expect((await ask({ ...range, channels: ['VOICE'] })).data!.report.data.impact.campaigns).toEqual([]);
  });
});
