import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { hashPassword } from '@cc/api/auth/password';
import { repoRoot } from '@cc/api/system';
import { listConsents, recordConsent } from '@cc/db/repositories/consents';
import { setCustomerAttributes } from '@cc/db/repositories/customer-attributes';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { createUser } from '@cc/db/repositories/users';
import { useTestApi } from '../support/api';
import { launchChromium, screenshotDir, signInAndOpen } from '../support/browser';

// A supervisor in real Chromium (Spanish console) builds a segment: the live count follows the
// criteria (only customers with marketing consent), the segment is saved and listed with its
// count; then a consent CSV is checked (rejected lines with their reasons) and imported, and the
// count grows. A visitor of the shop opts in to marketing in the chat widget (an unticked checkbox
// naming the company). The console and widget are built fresh (what the working tree would ship).
const webDir = join(repoRoot, 'web');
const dist = mkdtempSync(join(tmpdir(), 'cc-segments-'));
await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist } });
await build({ root: webDir, configFile: join(webDir, 'vite.widget.config.ts'), logLevel: 'warn', build: { outDir: join(dist, 'widget') } });

const t = useTestApi({ webDist: dist });
const PASSWORD = 'correct horse battery';
let browser: Browser;
let context: BrowserContext;

async function customer(phone: string, tags: string[], consent: 'marketing' | 'service' | null) {
  const db = t.api.services.db;
  const { customer: c } = await resolveCustomerByIdentity(db, 'whatsapp', phone);
  await setCustomerAttributes(db, c.id, { tags, language: 'es', country: 'ES', timeZone: 'Europe/Madrid' }, new Date());
  if (consent) {
    await recordConsent(db, { customerId: c.id, channel: 'whatsapp', purpose: consent, granted: true, source: 'test', evidence: {}, recordedByUserId: null, messageId: null, interactionId: null }, new Date(Date.now() - 86_400_000));
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  await createUser(t.api.services.db, { email: 'sofia@test.local', name: 'Sofía Martín', role: 'supervisor', passwordHash: await hashPassword(PASSWORD) });
  await customer('+34644000001', ['vip'], 'marketing');
  await customer('+34644000002', ['vip', 'madrid'], 'marketing');
  await customer('+34644000003', ['vip'], 'service');
  await customer('+34644000004', ['newsletter'], 'marketing');
  context = await browser.newContext({ locale: 'es-ES', timezoneId: 'Europe/Madrid', viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('segments in the console', () => {
  it('builds a segment with a live count, saves it, imports consents', async () => {
    const page = await context.newPage();
    await signInAndOpen(page, {
      baseUrl: t.api.url,
      email: 'sofia@test.local',
      password: PASSWORD,
      link: 'Segmentos',
      path: /\/segments/,
    });

    const count = page.locator('[data-test="segment-count"]');
    // Everyone with marketing consent: three (the service-only customer is never counted).
    await expect.poll(() => count.textContent()).toContain('3 clientes coinciden');
    await page.getByLabel('Nombre').fill('VIP primavera');
    await page.getByLabel('Alguna de estas etiquetas').fill('vip');
    await expect.poll(() => count.textContent()).toContain('2 clientes coinciden');
    await page.getByLabel('Países').fill('ES, PT');
    await page.getByLabel('Actividad por canal').selectOption('WHATSAPP');
    await expect.poll(() => count.textContent()).toContain('Ningún cliente coincide');
    await page.getByLabel('Actividad por canal').selectOption('');
    await expect.poll(() => count.textContent()).toContain('2 clientes coinciden');
    await page.screenshot({ path: join(screenshotDir, 'segments-builder.png'), fullPage: true });

    await page.getByRole('button', { name: 'Guardar segmento' }).click();
    const saved = page.locator('[data-test="segment-VIP primavera"]');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('2');

    const csv = join(dist, 'consents.csv');
    writeFileSync(csv, [
      'phone;purpose;consented_at;source;wording;name',
      '+34 644 000 003;marketing;2025-05-01;tienda;Acepto recibir ofertas de Acme por WhatsApp;',
      '644000005;marketing;2025-05-01;tienda;Acepto recibir ofertas de Acme por WhatsApp;',
      '+34 644 000 003;marketing;2025-05-02;tienda;Acepto recibir ofertas de Acme por WhatsApp;',
    ].join('\n'));
    await page.locator('[data-test="consent-file"]').setInputFiles(csv);
    const report = page.locator('[data-test="consent-report"]');
    await report.waitFor();
    await expect.poll(() => report.textContent()).toContain('1 líneas se pueden importar; 2 rechazadas');
    const rejected = await page.locator('[data-test="consent-rejected"] tbody tr').allTextContents();
    expect(rejected[0]).toMatch(/^3.*international format/);
    expect(rejected[1]).toMatch(/^4.*duplicate of line 2/);
    await page.screenshot({ path: join(screenshotDir, 'segments-consent-check.png'), fullPage: true });

    await page.locator('[data-test="consent-import-run"]').click();
    await expect.poll(() => report.textContent()).toContain('1 consentimientos registrados');
    // The newly consented VIP joins the saved segment.
    await page.reload();
    await expect.poll(() => page.locator('[data-test="segment-VIP primavera"]').textContent()).toContain('3');
    await page.screenshot({ path: join(screenshotDir, 'segments-after-import.png'), fullPage: true });
  });

  it('a chat visitor opts in to marketing with the widget’s unticked checkbox naming the company', async () => {
    const sup = (await t.signIn('supervisor', 'setup@test.local')).token;
    const queue = await t.gql<{ createQueue: { queue: { id: string } } }>('mutation($input: CreateQueueInput!) { createQueue(input: $input) { ... on QueuePayload { queue { id } } } }', { input: { name: 'Web', channels: ['WEBCHAT'] } }, sup);
    await t.gql('mutation($input: SaveChatSiteInput!) { saveChatSite(input: $input) { __typename } }', { input: { key: 'demo', name: 'Acme Shoes', queueId: queue.data!.createQueue.queue.id } }, sup);
    const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await visitor.goto(`${t.api.url}/widget-demo?site=demo`);
    const widget = visitor.locator('#cc-chat-widget');
    await widget.locator('.launcher').click();
    const box = widget.locator('.optin');
    await box.waitFor();
    expect(await box.locator('.optin-summary').innerText()).toBe('Offers from Acme Shoes on WhatsApp');
    await box.locator('.optin-summary').click();
    const form = box.locator('form');
    expect(await form.locator('.optin-text').innerText()).toContain('offers and news from Acme Shoes on WhatsApp');
    expect(await form.locator('input[name="agreed"]').isChecked()).toBe(false);
    await form.locator('input[name="phone"]').fill('+34 655 000 001');
    await form.locator('input[name="agreed"]').check();
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('.optin-status').innerText()).toContain('Subscribed: +34655000001');
    await visitor.screenshot({ path: join(screenshotDir, 'widget-marketing-opt-in.png') });
    const identity = await t.api.services.db.selectFrom('customer_identities').select('customer_id').where('value', '=', '+34655000001').executeTakeFirstOrThrow();
    const [consent] = await listConsents(t.api.services.db, identity.customer_id);
    expect(consent).toMatchObject({ purpose: 'marketing', granted: true, source: 'webchat_checkbox' });
    await visitor.context().close();
  });
});
