import { afterAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { parse } from 'csv-parse/sync';
import { createMailer } from '@cc/channels/email/send';
import { createInteraction, closeInteraction } from '@cc/db/repositories/interactions';
import { createQueue } from '@cc/db/repositories/queues';
import { listReportSchedules } from '@cc/db/repositories/report-schedules';
import { createReportSchedule, createScheduledReportActivities } from '@cc/api/reports/scheduled';
import { InvalidReportError } from '@cc/api/reports/errors';
import { useAppDatabase } from '../support/app-db';

// Scheduled reports: the hourly activity mails each due report once, as CSV, through a real SMTP
// relay on loopback; a refusal is recorded on the schedule.
const ctx = useAppDatabase();
const sink: ParsedMail[] = [];
const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _s, cb) {
    if (address.address.startsWith('refused')) return cb(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
    cb();
  },
  onData(stream, _s, cb) {
    simpleParser(stream).then((m) => (sink.push(m), cb()), cb);
  },
});
await new Promise<void>((ok) => relay.listen(0, '127.0.0.1', ok));
const mailer = createMailer(`smtp://127.0.0.1:${(relay.server.address() as AddressInfo).port}`, { insecureTls: false });
afterAll(async () => {
  mailer.close();
  await new Promise<void>((ok) => relay.close(() => ok()));
});

describe('scheduled reports', () => {
  it('mails yesterday’s report once its local hour has come, once per period, and records a refusal', async () => {
    const queue = await createQueue(ctx.db, { name: 'Scheduled', channels: ['webchat'] });
    const customer = (await ctx.db.insertInto('customers').values({ display_name: null }).returning('id').executeTakeFirstOrThrow()).id;
    // One contact on 1 June (Madrid), answered and closed.
    const created = await createInteraction(ctx.db, { customerId: customer, queueId: queue.id, channel: 'webchat' }, new Date('2026-06-01T08:00:00Z'));
    if (!created.ok) throw new Error(created.reason);
    const user = await ctx.db.insertInto('users').values({ email: 'a@s.test', name: 'A', role: 'agent', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('agents').values({ user_id: user.id, skills: '{}', capacity: '{"webchat":1}' }).execute();
    await ctx.db.updateTable('interactions').set({ status: 'assigned', assigned_agent_id: user.id, assigned_at: new Date('2026-06-01T08:00:10Z') }).where('id', '=', created.interaction.id).execute();
    await closeInteraction(ctx.db, { interactionId: created.interaction.id, actor: { type: 'system', id: null }, now: new Date('2026-06-01T08:02:00Z') });

    expect(() => createReportSchedule(ctx, { name: 'x', recipients: ['not-an-address'], frequency: 'daily', hour: 7, timeZone: 'Europe/Madrid', interval: 'hour', groupBy: 'none', queueIds: null, channels: null, createdBy: null })).toThrow(InvalidReportError);
    await createReportSchedule(ctx, { name: 'Daily queues', recipients: ['boss@cc.test', 'ops@cc.test'], frequency: 'daily', hour: 7, timeZone: 'Europe/Madrid', interval: 'hour', groupBy: 'queue', queueIds: [queue.id], channels: null, createdBy: null });
    await createReportSchedule(ctx, { name: 'Refused', recipients: ['refused@cc.test'], frequency: 'daily', hour: 7, timeZone: 'Europe/Madrid', interval: 'day', groupBy: 'none', queueIds: null, channels: null, createdBy: null });

    let now = new Date('2026-06-02T04:30:00Z'); // 06:30 in Madrid: before the hour
    const acts = createScheduledReportActivities({ db: ctx.db, clock: () => now, mailer, from: { address: 'reports@cc.test', name: 'Reports' } });
    expect(await acts.sendDueReports()).toBe(0);
    now = new Date('2026-06-02T05:10:00Z'); // 07:10 in Madrid
    expect(await acts.sendDueReports()).toBe(1);
    expect(await acts.sendDueReports()).toBe(0); // the same period is not mailed twice

    const mail = sink.find((m) => m.subject === 'Daily queues: 2026-06-01')!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual(['boss@cc.test', 'ops@cc.test']);
    const rows = parse(mail.attachments[0]!.content.toString(), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([expect.objectContaining({ interval_start: '2026-06-01T08:00:00.000Z', queue: 'Scheduled', answered: '1', offered: '1' })]);
    const schedules = await listReportSchedules(ctx.db);
    expect(schedules.find((s) => s.name === 'Daily queues')).toMatchObject({ last_error: null, last_period_end: new Date('2026-06-01T22:00:00Z') });
    expect(schedules.find((s) => s.name === 'Refused')!.last_error).toMatch(/refused it \(550\)/);
  });
});
