import { randomInt } from 'node:crypto';
import { recordConsent } from '@cc/db/repositories/consents';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { replaceTemplates } from '@cc/db/repositories/whatsapp-templates';
import type { Db } from '@cc/db/database';
import type { CampaignDraft } from '@cc/api/campaigns/service';

export const marketingTemplateSid = `HX${'4d'.repeat(16)}`;
export const utilityTemplateSid = `HX${'5e'.repeat(16)}`;

/** An approved MARKETING template "Hola {{1}}, {{2}}" and an approved UTILITY one (campaigns refuse it). */
export async function seedCampaignTemplates(db: Db, now = new Date()): Promise<void> {
  await replaceTemplates(
    db,
    [
      {
        contentSid: marketingTemplateSid,
        friendlyName: 'oferta',
        language: 'es',
        body: 'Hola {{1}}, {{2}}. Responde BAJA para no recibir más.',
        variables: { 1: 'Ana', 2: 'oferta' },
        types: {},
        approvalStatus: 'approved',
        category: 'MARKETING',
      },
      {
        contentSid: utilityTemplateSid,
        friendlyName: 'aviso',
        language: 'es',
        body: 'Su pedido {{1}}',
        variables: { 1: '1' },
        types: {},
        approvalStatus: 'approved',
        category: 'UTILITY',
      },
    ],
    now,
  );
}

export function newPhone(): string {
  return `+346${String(randomInt(10_000_000, 99_999_999))}`;
}

/** A WhatsApp customer with attributes and, unless `consent: null`, a marketing consent recorded at `consentAt`. */
export async function campaignCustomer(
  db: Db,
  opts: {
    name?: string | null;
    timeZone?: string | null;
    tags?: string[];
    fields?: Record<string, unknown>;
    consent?: boolean | null;
    consentAt?: Date;
    phone?: string;
  } = {},
): Promise<{ customerId: string; phone: string }> {
  const phone = opts.phone ?? newPhone();
  const { customer } = await resolveCustomerByIdentity(db, 'whatsapp', phone, { label: null });
  await db
    .updateTable('customers')
    .set({
      display_name: opts.name === undefined ? 'Ana' : opts.name,
      time_zone: opts.timeZone ?? 'Europe/Madrid',
      tags: opts.tags ?? ['campaign-test'],
      fields: JSON.stringify(opts.fields ?? { offer: '20 % en tu próxima compra' }),
    })
    .where('id', '=', customer.id)
    .execute();
  if (opts.consent !== null)
    await grantMarketing(
      db,
      customer.id,
      opts.consent ?? true,
      opts.consentAt ?? new Date(Date.UTC(2026, 0, 1)),
    );
  return { customerId: customer.id, phone };
}

export async function grantMarketing(
  db: Db,
  customerId: string,
  granted: boolean,
  at: Date,
  purpose: 'marketing' | 'all' = 'marketing',
): Promise<void> {
  await recordConsent(
    db,
    {
      customerId,
      channel: 'whatsapp',
      purpose,
      granted,
      source: granted ? 'csv_import' : 'whatsapp_keyword',
      evidence: { wording: granted ? 'Sí, quiero ofertas por WhatsApp' : 'BAJA' },
      recordedByUserId: null,
      messageId: null,
      interactionId: null,
    },
    at,
  );
}

/** Quiet hours open all week: for tests and benches whose outcome must not depend on the hour they run. */
export const allWeek = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
    d,
    [{ open: '00:00', close: '24:00' }],
  ]),
);

/** A campaign to the customers tagged `tag`: the marketing template, name and offer variables. */
export function campaignDraft(tag: string, overrides: Partial<CampaignDraft> = {}): CampaignDraft {
  return {
    name: `Rebajas ${tag}`,
    segmentId: null,
    filter: { tagsAll: [tag] },
    templateSid: marketingTemplateSid,
    variables: [
      { key: '1', source: 'displayName', fallback: 'cliente' },
      { key: '2', source: 'field:offer', fallback: null },
    ],
    linkUrl: null,
    ratePerSecond: 50,
    frequencyCap: null,
    quietHours: null,
    defaultTimeZone: null,
    failureThreshold: null,
    blockThreshold: null,
    startAt: null,
    ...overrides,
  };
}
