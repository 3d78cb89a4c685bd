import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { hashPassword } from '@cc/api/auth/password';
import { repoRoot } from '@cc/api/system';
import { createUser } from '@cc/db/repositories/users';
import { launchChromium, screenshotDir } from '../support/browser';
import { createQueue } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';
import { until } from '../support/until';

// The company's WhatsApp presence in Chromium (issue 21): an administrator edits the business
// profile (sent to Twilio's Senders API, checked by Prism) and a queue's automatic replies in the
// console; a customer's first WhatsApp message gets the greeting; the chat widget shows the profile
// and, with no agent available, "Continue on WhatsApp" into the queue. The console and widget are
// built fresh into a temporary folder (web/dist may predate these pages).
const webDir = join(repoRoot, 'web');
const dist = mkdtempSync(join(tmpdir(), 'cc-whatsapp-e2e-'));
await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist } });
await build({ root: webDir, configFile: join(webDir, 'vite.widget.config.ts'), logLevel: 'warn', build: { outDir: join(dist, 'widget') } });

const senderSid = `XE${'cd'.repeat(16)}`;
const t = useTwilioTestApi({ senders: true, webDist: dist, env: { PUSH_LINK_DOMAINS: 'shop.example' }, twilioEnv: { TWILIO_WHATSAPP_SENDER_SID: senderSid } });
const PASSWORD = 'a long enough password 42';
let browser: Browser;
const contexts: BrowserContext[] = [];
let queueId: string;

beforeAll(async () => {
  browser = await launchChromium();
  await createUser(t.api.services.db, { email: 'admin@test.local', name: 'Alba Admin', role: 'admin', passwordHash: await hashPassword(PASSWORD) });
  const admin = (await t.signIn('admin')).token;
  // One queue for the web chat and WhatsApp, with nobody staffing it: the widget offers WhatsApp.
  queueId = await createQueue(t, admin, { name: 'Atención al cliente', channels: ['WEBCHAT', 'WHATSAPP'] });
  const site = await t.gql<{ saveChatSite: { __typename: string } }>(
    'mutation($input: SaveChatSiteInput!) { saveChatSite(input: $input) { __typename } }',
    { input: { key: 'shop', name: 'Shop', queueId } },
    admin,
  );
  expect(site.data?.saveChatSite.__typename).toBe('ChatSitePayload');
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

async function newPage(locale = 'en-GB'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 1000 }, locale });
  contexts.push(ctx);
  return ctx.newPage();
}

describe('WhatsApp presence', () => {
  let console_: Page;

  it('an administrator reads the sender, edits the business profile and it goes to Twilio (contract-checked)', async () => {
    console_ = await newPage();
    await console_.goto(`${t.api.url}/login`);
    await console_.getByLabel('Email').fill('admin@test.local');
    await console_.getByLabel('Password').fill(PASSWORD);
    await console_.getByRole('button', { name: 'Sign in' }).click();
    await console_.waitForURL(/\/console/);
    await console_.getByRole('link', { name: 'WhatsApp' }).click();
    await console_.waitForURL(/\/whatsapp/);

    await console_.locator('[data-test="refresh-sender"]').click();
    await console_.locator('[data-test="profile-message"]').filter({ hasText: 'Read from Twilio.' }).waitFor();
    const status = (await console_.locator('[data-test="sender-status"]').innerText()).trim();
    expect(status).not.toBe('Not read yet');

    await console_.locator('[data-test="profile-name"]').fill('Acme Seguros');
    await console_.locator('[data-test="profile-about"]').fill('Te atendemos de lunes a viernes, 9–18');
    await console_.locator('[data-test="profile-description"]').fill('Seguros de hogar y coche desde 1990.');
    await console_.locator('[data-test="profile-email"]').fill('hola@shop.example');
    await console_.locator('[data-test="profile-website"]').fill('https://shop.example');
    // What Twilio returned had a second website: the administrator removes it.
    await console_.getByLabel('Second website').fill('');
    await console_.getByLabel('Second e-mail address').fill('');
    await console_.getByLabel('Category').selectOption('Finance and Banking');
    const before = t.twilio.sent.length;
    await console_.locator('[data-test="save-profile"]').click();
    await console_.locator('[data-test="profile-message"]').filter({ hasText: 'Sent to Twilio' }).waitFor();
    const post = t.twilio.sent.slice(before).find((r) => r.method === 'POST' && r.path === `/v2/Channels/Senders/${senderSid}`);
    expect(post?.status).toBe(202);
    expect(post?.json).toMatchObject({ profile: { name: 'Acme Seguros', about: 'Te atendemos de lunes a viernes, 9–18', vertical: 'Finance and Banking', emails: [{ email: 'hola@shop.example', label: 'Email' }], websites: [{ website: 'https://shop.example', label: 'Website' }] } });
    expect((post?.json as { profile: { websites: unknown[]; emails: unknown[] } }).profile.websites).toHaveLength(1);
    expect((post?.json as { profile: { websites: unknown[]; emails: unknown[] } }).profile.emails).toHaveLength(1);
    await console_.screenshot({ path: join(screenshotDir, 'whatsapp-profile.png'), fullPage: true });
  });

  it('the administrator sets the queue’s greeting and a keyword answer; a customer’s first message gets the greeting', async () => {
    await console_.locator('[data-test="auto-replies-enabled"]').check();
    await console_.locator('[data-test="text-GREETING-ES"]').fill('¡Hola! Soy el asistente de {name}. En un momento te atiende una persona.');
    await console_.locator('[data-test="text-GREETING-EN"]').fill('Hi! This is {name}. A person will be with you shortly.');
    await console_.locator('[data-test="add-keyword"]').click();
    await console_.locator('[data-test="keyword-pattern"]').fill('horario');
    await console_.locator('[data-test="keyword-body"]').fill('Abrimos de lunes a viernes, de 9 a 18.');
    await console_.locator('[data-test="save-auto-replies"]').click();
    await console_.locator('[data-test="auto-replies-message"]').filter({ hasText: 'Automatic replies saved.' }).waitFor();
    await console_.locator('[data-test="wa-qr"]').waitFor();
    const link = await console_.locator('[data-test="wa-link"]').getAttribute('href');
    expect(link).toMatch(/^https:\/\/wa\.me\/34910000000\?text=.*%23Q-[0-9A-F]{6}$/);
    expect(await console_.locator('[data-test="download-png"]').getAttribute('download')).toMatch(/\.png$/);
    await console_.screenshot({ path: join(screenshotDir, 'whatsapp-auto-replies.png'), fullPage: true });

    // The customer scans the QR: WhatsApp opens with the prefilled text, they send it.
    const text = new URL(link!).searchParams.get('text')!;
    const params = { MessageSid: sid('SM'), AccountSid: testAccountSid, From: 'whatsapp:+34612000111', To: whatsAppSender, WaId: '34612000111', ProfileName: 'Lucía', NumMedia: '0', Body: text };
    expect((await postSigned(t.url('/webhooks/twilio/whatsapp'), params)).status).toBe(200);
    const greeting = await until(
      () => t.twilio.to('/Messages.json').find((r) => formFields(r).To === 'whatsapp:+34612000111'),
      (r) => !!r,
    );
    expect(formFields(greeting!).Body).toBe('¡Hola! Soy el asistente de Acme Seguros. En un momento te atiende una persona.');
    expect(greeting!.status).toBe(201);
  });

  it('the widget shows the business profile and, with no agent available, “Continue on WhatsApp”', async () => {
    const visitor = await newPage('es-ES');
    await visitor.goto(`${t.api.url}/widget-demo?site=shop`);
    const widget = visitor.locator('#cc-chat-widget');
    await widget.locator('.launcher').click();
    const profile = widget.locator('[data-part="profile"]');
    await profile.locator('.name').waitFor();
    expect(await profile.locator('.name').innerText()).toBe('Acme Seguros');
    expect(await profile.locator('.about').innerText()).toBe('Te atendemos de lunes a viernes, 9–18');
    expect(await profile.locator('.hours').innerText()).toBe('Atendiendo ahora');
    const cont = widget.locator('[data-part="whatsapp"]');
    await cont.waitFor({ state: 'visible' });
    expect(await cont.innerText()).toBe('Continuar en WhatsApp');
    const href = (await cont.getAttribute('href'))!;
    const ref = (await t.api.services.db.selectFrom('queues').select('whatsapp_ref').where('id', '=', Buffer.from(queueId, 'base64').toString().split(':')[1]!).executeTakeFirstOrThrow()).whatsapp_ref;
    expect(new URL(href).searchParams.get('text')).toBe(`Hola, quiero hablar con vosotros #Q-${ref}`);
    await visitor.screenshot({ path: join(screenshotDir, 'whatsapp-widget.png') });
  });
});
