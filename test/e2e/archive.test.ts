import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { hashPassword } from '@cc/api/auth/password';
import { repoRoot } from '@cc/api/system';
import { createUser } from '@cc/db/repositories/users';
import { useTestApi } from '../support/api';
import { launchChromium, screenshotDir } from '../support/browser';
import { buildWorld } from '../support/authorization/world';

// A supervisor in real Chromium (Spanish console) searches the conversation archive without
// accents, sees the match highlighted (and a customer's markup shown as text), and opens the
// interaction's printable transcript. The console is built fresh from the working tree.
const webDir = join(repoRoot, 'web');
const dist = mkdtempSync(join(tmpdir(), 'cc-archive-web-'));
await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist } });

const t = useTestApi({ webDist: dist });
const PASSWORD = 'correct horse battery';
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  const db = t.api.services.db;
  const sup = await createUser(db, { email: 'sup@archive.local', name: 'Supervisora', role: 'supervisor', passwordHash: await hashPassword(PASSWORD) });
  await db.insertInto('agents').values({ user_id: sup.id, skills: '{}', capacity: '{"whatsapp":3}' }).execute();
  const queue = await db.insertInto('queues').values({ name: 'Archivo', channels: ['whatsapp', 'email', 'webchat', 'voice'] } as never).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('queues').values({ name: 'Otra cola', channels: ['whatsapp'] } as never).execute();
  const world = await buildWorld(db, { queueId: queue.id, agentId: sup.id });
  await db.updateTable('customers').set({ display_name: 'Lucía Prueba' }).where('id', '=', world.customerId).execute();
  await db
    .insertInto('messages')
    .values({ interaction_id: world.interactions.whatsapp, customer_id: world.customerId, direction: 'inbound', channel: 'whatsapp', agent_id: null, body: 'Tengo un problema con la facturación <script>alert(1)</script> de noviembre', media: null, location: null, provider: null, provider_message_id: null, delivery_status: null, error_code: null, context: '{}' })
    .execute();
  context = await browser.newContext({ locale: 'es-ES', timezoneId: 'Europe/Madrid', viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('conversation archive in the console', () => {
  it('searches without accents, highlights the match, opens the transcript', { timeout: 120_000 }, async () => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await page.goto(`${t.api.url}/login`);
    await page.getByLabel('Correo electrónico').fill('sup@archive.local');
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL(/\/(console|supervisor)/);
    await page.getByRole('link', { name: 'Archivo' }).click();
    await page.waitForURL(/\/archive/);

    await page.locator('[data-test="archive-query"]').fill('facturacion');
    await page.locator('[data-test="archive-submit"]').click();
    const hits = page.locator('[data-test="archive-hits"] li');
    await expect.poll(() => hits.count()).toBe(1);
    await expect.poll(() => hits.first().locator('mark').textContent()).toBe('facturación');
    expect(await hits.first().textContent()).toContain('Lucía Prueba');
    await page.screenshot({ path: join(screenshotDir, 'archive-search.png'), fullPage: true });

    // Narrowed to the hit's customer (the search runs again), then a queue that has none of it.
    await page.locator('[data-test="archive-only-customer"]').click();
    await expect.poll(() => page.locator('[data-test="archive-customer"]').textContent()).toContain('Lucía Prueba');
    await expect.poll(() => hits.count()).toBe(1);
    await page.locator('[data-test="archive-queue"]').selectOption({ label: 'Otra cola' });
    await page.locator('[data-test="archive-submit"]').click();
    await expect.poll(() => page.locator('[data-test="archive-empty"]').count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'archive-filters.png'), fullPage: true });
    await page.locator('[data-test="archive-queue"]').selectOption({ label: 'Archivo' });
    await page.locator('[data-test="archive-submit"]').click();
    await expect.poll(() => hits.count()).toBe(1);

    const [transcript] = await Promise.all([context.waitForEvent('page'), page.locator('[data-test="archive-open-transcript"]').click()]);
    await transcript.waitForLoadState();
    await expect.poll(() => transcript.locator('h1').textContent()).toContain('Transcripción');
    const text = await transcript.locator('body').textContent();
    expect(text).toContain('<script>alert(1)</script>');
    expect(await transcript.locator('script').count()).toBe(0);
    await transcript.screenshot({ path: join(screenshotDir, 'archive-transcript.png'), fullPage: true });
    await transcript.emulateMedia({ media: 'print' });
    await transcript.screenshot({ path: join(screenshotDir, 'archive-transcript-print.png'), fullPage: true });
    expect(dialogs).toEqual([]);
  });
});
