import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '@cc/core/channels';
import type { SegmentFilter } from '@cc/core/segment-filter';
import { recordConsent } from '@cc/db/repositories/consents';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { setCustomerAttributes, type CustomerAttributeChanges } from '@cc/db/repositories/customer-attributes';
import { countSegmentRecipients, listSegmentRecipients } from '@cc/db/repositories/segments';
import type { ConsentPurpose } from '@cc/db/tables/consents';
import { useAppDatabase } from '../support/app-db';

// Segment evaluation against PostgreSQL: consent per purpose (newest record wins, STOP withdraws
// every purpose), each attribute filter, last contact and channel activity on a fixed "now".
const app = useAppDatabase();
const now = new Date('2026-06-15T10:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
let queueId: string;
let n = 0;

async function customer(opts: { attrs?: CustomerAttributeChanges; consents?: [ConsentPurpose, boolean, Date][]; kind?: 'whatsapp' | 'phone'; contacts?: [Channel, Date][] } = {}) {
  n += 1;
  const { customer } = await resolveCustomerByIdentity(app.db, opts.kind ?? 'whatsapp', `+346000${String(n).padStart(5, '0')}`);
  if (opts.attrs) await setCustomerAttributes(app.db, customer.id, opts.attrs, now);
  for (const [purpose, granted, at] of opts.consents ?? [['marketing', true, daysAgo(30)]]) {
    await recordConsent(app.db, { customerId: customer.id, channel: 'whatsapp', purpose, granted, source: 'test', evidence: {}, recordedByUserId: null, messageId: null, interactionId: null }, at);
  }
  for (const [channel, at] of opts.contacts ?? []) {
    await app.db
      .insertInto('interactions')
      .values({ channel, customer_id: customer.id, queue_id: queueId, priority: 0, status: 'closed', context: '{}', enqueued_at: at, created_at: at, closed_at: at })
      .execute();
  }
  return customer.id;
}

/** Who a filter selects, listed; the live count (a set-based query of its own) must agree every time. */
const ids = async (filter: SegmentFilter) => {
  const listed = (await listSegmentRecipients(app.db, filter, { afterCustomerId: null, limit: 1000, now })).map((r) => r.customerId);
  expect(await countSegmentRecipients(app.db, filter, { now })).toBe(listed.length);
  return listed;
};

beforeAll(async () => {
  const q = await sql<{ id: string }>`insert into queues (name, channels) values ('Segments', array['voice','whatsapp','email','webchat']) returning id`.execute(app.db);
  queueId = q.rows[0]!.id;
});

describe('consent per purpose', () => {
  it('selects only customers whose newest marketing-or-all record is a grant', async () => {
    const granted = await customer();
    const serviceOnly = await customer({ consents: [['service', true, daysAgo(10)]] });
    const none = await customer({ consents: [] });
    const stopped = await customer({ consents: [['marketing', true, daysAgo(30)], ['all', false, daysAgo(2)]] });
    const reOptedIn = await customer({ consents: [['marketing', true, daysAgo(30)], ['all', false, daysAgo(20)], ['marketing', true, daysAgo(1)]] });
    const withdrawn = await customer({ consents: [['marketing', true, daysAgo(30)], ['marketing', false, daysAgo(3)]] });
    // Recorded out of order: the record's time decides, not the insertion order.
    const lateImport = await customer({ consents: [['all', false, daysAgo(5)], ['marketing', true, daysAgo(40)]] });
    const selected = await ids({ tagsAny: undefined });
    expect(selected).toContain(granted);
    expect(selected).toContain(reOptedIn);
    for (const id of [serviceOnly, none, stopped, withdrawn, lateImport]) expect(selected).not.toContain(id);

    const service = await ids({ consent: { channel: 'whatsapp', purpose: 'service' } });
    expect(service).toContain(serviceOnly);
    expect(service).not.toContain(granted);
    expect(service).not.toContain(stopped);
  });

  it('leaves out customers with no WhatsApp or phone number, and prefers the WhatsApp number', async () => {
    const phoneOnly = await customer({ kind: 'phone' });
    const [row] = await listSegmentRecipients(app.db, {}, { afterCustomerId: null, limit: 1000, now }).then((rs) => rs.filter((r) => r.customerId === phoneOnly));
    expect(row?.phoneE164).toMatch(/^\+346000\d{5}$/);
    const { customer: emailOnly } = await resolveCustomerByIdentity(app.db, 'email', 'nobody@segments.test');
    await recordConsent(app.db, { customerId: emailOnly.id, channel: 'whatsapp', purpose: 'marketing', granted: true, source: 'test', evidence: {}, recordedByUserId: null, messageId: null, interactionId: null }, daysAgo(1));
    expect(await ids({})).not.toContain(emailOnly.id);
  });
});

describe('attribute filters', () => {
  let vipEs: string, vipNewEn: string, plainFr: string;
  beforeAll(async () => {
    vipEs = await customer({ attrs: { tags: ['vip', 'madrid'], language: 'es', country: 'ES', timeZone: 'Europe/Madrid', fields: { plan: 'gold', visits: 3 } } });
    vipNewEn = await customer({ attrs: { tags: ['vip', 'new'], language: 'en', country: 'GB', timeZone: 'Europe/London', fields: { plan: 'silver', churned: false } } });
    plainFr = await customer({ attrs: { tags: [], language: 'fr', country: 'FR', timeZone: 'Europe/Paris', fields: { plan: 'gold' } } });
  });

  it('tags any / all', async () => {
    expect(await ids({ tagsAny: ['madrid', 'new'] })).toEqual([vipEs, vipNewEn].sort());
    expect(await ids({ tagsAll: ['vip', 'new'] })).toEqual([vipNewEn]);
  });

  it('language, country and time zone', async () => {
    expect(await ids({ languages: ['es', 'fr'] })).toEqual([vipEs, plainFr].sort());
    expect(await ids({ countries: ['GB'] })).toEqual([vipNewEn]);
    expect(await ids({ timeZones: ['Europe/Paris'] })).toEqual([plainFr]);
  });

  it('custom fields equal to strings, numbers and booleans', async () => {
    expect(await ids({ fieldEquals: [{ key: 'plan', equals: 'gold' }] })).toEqual([vipEs, plainFr].sort());
    expect(await ids({ fieldEquals: [{ key: 'plan', equals: 'gold' }, { key: 'visits', equals: 3 }] })).toEqual([vipEs]);
    expect(await ids({ fieldEquals: [{ key: 'visits', equals: '3' }] })).toEqual([]);
    expect(await ids({ fieldEquals: [{ key: 'churned', equals: false }] })).toEqual([vipNewEn]);
  });

  it('criteria are ANDed and the count agrees with the list', async () => {
    const filter: SegmentFilter = { tagsAny: ['vip'], languages: ['es', 'en'], countries: ['ES'] };
    expect(await ids(filter)).toEqual([vipEs]);
    expect(await countSegmentRecipients(app.db, filter, { now })).toBe(1);
  });
});

describe('contact history', () => {
  let recentWa: string, oldVoice: string, never: string;
  beforeAll(async () => {
    recentWa = await customer({ attrs: { tags: ['history'] }, contacts: [['whatsapp', daysAgo(3)], ['voice', daysAgo(60)]] });
    oldVoice = await customer({ attrs: { tags: ['history'] }, contacts: [['voice', daysAgo(45)]] });
    never = await customer({ attrs: { tags: ['history'] } });
  });
  const history = (f: SegmentFilter) => ids({ tagsAll: ['history'], ...f });

  it('last contact after / before', async () => {
    expect(await history({ lastContactAfter: daysAgo(10).toISOString() })).toEqual([recentWa]);
    expect(await history({ lastContactBefore: daysAgo(10).toISOString() })).toEqual([oldVoice, never].sort());
    expect(await history({ lastContactAfter: daysAgo(50).toISOString(), lastContactBefore: daysAgo(10).toISOString() })).toEqual([oldVoice]);
  });

  it('had / had not a conversation on a channel in the last N days', async () => {
    expect(await history({ channelActivity: { channel: 'whatsapp', withinDays: 7, had: true } })).toEqual([recentWa]);
    expect(await history({ channelActivity: { channel: 'whatsapp', withinDays: 2, had: true } })).toEqual([]);
    expect(await history({ channelActivity: { channel: 'voice', withinDays: 50, had: false } })).toEqual([recentWa, never].sort());
  });
});

describe('paging', () => {
  it('walks every selected customer once, in customer id order', async () => {
    const all = await ids({});
    expect(all).toEqual([...all].sort());
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await listSegmentRecipients(app.db, {}, { afterCustomerId: after, limit: 3, now });
      if (page.length === 0) break;
      walked.push(...page.map((r) => r.customerId));
      after = page.at(-1)!.customerId;
    }
    expect(walked).toEqual(all);
    expect(await countSegmentRecipients(app.db, {}, { now })).toBe(all.length);
  });
});
