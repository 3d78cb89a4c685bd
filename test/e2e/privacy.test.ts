import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { hashPassword } from '@cc/api/auth/password';
import { repoRoot } from '@cc/api/system';
import { resolveCustomerByIdentity } from '@cc/db/repositories/customers';
import { createUser } from '@cc/db/repositories/users';
import { useTestApi } from '../support/api';
import { launchChromium, screenshotDir } from '../support/browser';

// An administrator in real Chromium (Spanish console) handles a data-protection request: finds the
// customer by phone, exports their data (progress, then the 48 h link, which downloads the zip),
// erases them after typing their id; sets a retention period and runs a dry run; searches the
// audit log and downloads it as CSV. The console is built fresh from the working tree.
const webDir = join(repoRoot, 'web');
const dist = mkdtempSync(join(tmpdir(), 'cc-privacy-web-'));
const exportsDir = mkdtempSync(join(tmpdir(), 'cc-privacy-exports-'));
await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist } });

const t = useTestApi({ webDist: dist, worker: true, exportsDir });
const PASSWORD = 'correct horse battery';
let browser: Browser;
let context: BrowserContext;
let customerId: string;

beforeAll(async () => {
  browser = await launchChromium();
  const db = t.api.services.db;
  await createUser(db, { email: 'dpo@test.local', name: 'Delegada', role: 'admin', passwordHash: await hashPassword(PASSWORD) });
  customerId = (await resolveCustomerByIdentity(db, 'whatsapp', '+34655000111')).customer.id;
  await db.updateTable('customers').set({ display_name: 'Lucía Prueba' }).where('id', '=', customerId).execute();
  context = await browser.newContext({ locale: 'es-ES', timezoneId: 'Europe/Madrid', viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(exportsDir, { recursive: true, force: true });
});

describe('data protection in the console', () => {
  it('finds, exports, erases; sets retention with a dry run; searches the audit log and downloads CSV', { timeout: 120_000 }, async () => {
    const page = await context.newPage();
    await page.goto(`${t.api.url}/login`);
    await page.getByLabel('Correo electrónico').fill('dpo@test.local');
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL(/\/console/);
    await page.getByRole('link', { name: 'Protección de datos' }).click();
    await page.waitForURL(/\/privacy/);

    await page.locator('[data-test="privacy-value"]').fill('655 000 111');
    await page.locator('[data-test="privacy-find"]').click();
    const subject = page.locator('[data-test="privacy-subject"]');
    await expect.poll(() => subject.textContent()).toContain('Lucía Prueba');

    await page.locator('[data-test="privacy-export"]').click();
    const link = page.locator('[data-test="privacy-export-link"]');
    await link.waitFor({ timeout: 30_000 });
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/\/exports\/[0-9a-f-]{36}\?exp=\d+&sig=[0-9a-f]{64}$/);
    const zip = await fetch(new URL(href, t.api.url));
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    await page.screenshot({ path: join(screenshotDir, 'privacy-export.png'), fullPage: true });

    const id = (await subject.locator('code').first().textContent())!.trim();
    await page.locator('[data-test="privacy-reason"]').fill('Solicitud de supresión de 1 de diciembre');
    await expect.poll(() => page.locator('[data-test="privacy-erase"]').isDisabled()).toBe(true);
    await page.locator('[data-test="privacy-confirm"]').fill(id);
    await page.locator('[data-test="privacy-erase"]').click();
    await expect.poll(() => page.locator('[data-test="privacy-message"]').textContent()).toContain('Suprimido');
    await expect.poll(() => page.locator('[data-test="privacy-erased-at"]').textContent()).not.toContain('No');
    const erased = await t.api.services.db.selectFrom('customer_identities').select('id').where('customer_id', '=', customerId).execute();
    expect(erased).toEqual([]);

    const retention = page.locator('[data-test="privacy-retention"]');
    await retention.locator('[data-test="retention-row"]').first().locator('[data-test="retention-days"]').fill('30');
    await retention.locator('[data-test="retention-save"]').first().click();
    await expect.poll(() => page.locator('[data-test="retention-message"]').textContent()).toContain('Plazo de conservación guardado');
    await retention.locator('[data-test="retention-dry-run"]').click();
    await expect.poll(() => retention.locator('[data-test="retention-runs"]').textContent()).toContain('Simulación');
    const settings = await t.api.services.db.selectFrom('retention_settings').selectAll().execute();
    expect(settings.map((s) => [s.data_class, s.days])).toEqual([['recordings', 30]]);

    const audit = page.locator('[data-test="privacy-audit"]');
    await audit.locator('[data-test="audit-action"]').fill('customer.');
    await audit.locator('[data-test="audit-search"]').click();
    await expect.poll(async () => (await audit.locator('[data-test="audit-row"]').allTextContents()).join('\n')).toContain('customer.erased');
    const [download] = await Promise.all([page.waitForEvent('download'), audit.locator('[data-test="audit-csv"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('created_at,action,actor_type,actor_id,subject_type,subject_id,data');
    expect(csv).toContain('customer.export_requested');
    await page.screenshot({ path: join(screenshotDir, 'privacy-audit.png'), fullPage: true });
  });
});
