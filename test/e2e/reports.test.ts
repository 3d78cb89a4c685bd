import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { build } from 'vite';
import { hashPassword } from '@cc/api/auth/password';
import { repoRoot } from '@cc/api/system';
import { saveDisposition, setInteractionDisposition } from '@cc/db/repositories/dispositions';
import { abandonInteraction, closeInteraction, createInteraction } from '@cc/db/repositories/interactions';
import { createQueue } from '@cc/db/repositories/queues';
import { createUser } from '@cc/db/repositories/users';
import { useTestApi } from '../support/api';
import { launchChromium, screenshotDir, signInAndOpen } from '../support/browser';

// A supervisor in real Chromium (Spanish console) opens Reports: filters to one queue and one day,
// sees the chart, clicks the "answered" bar to list the interactions behind it, and exports the
// interactions CSV through the download button. The console is built fresh.
const webDir = join(repoRoot, 'web');
const dist = mkdtempSync(join(tmpdir(), 'cc-reports-'));
await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist } });

const t = useTestApi({ webDist: dist });
const PASSWORD = 'correct horse battery';
let browser: Browser;
let context: BrowserContext;
let salesId: string;
let dataDay: string;

const madridDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(at);
const madridHour = (at: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', hour: '2-digit', hourCycle: 'h23' }).format(at));
/** 12:00 in Madrid on the latest day where that is at least 30 minutes ago (the data's own day). */
function pastMadridNoon(now: Date): number {
  for (let back = 0; ; back += 1) {
    const [y, m, d] = madridDay(new Date(now.getTime() - back * 86_400_000)).split('-').map(Number) as [number, number, number];
    const guess = Date.UTC(y, m - 1, d, 12);
    const noon = guess - (madridHour(new Date(guess)) - 12) * 3_600_000;
    if (noon <= now.getTime() - 30 * 60_000) return noon;
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  const db = t.api.services.db;
  await createUser(db, { email: 'sofia@test.local', name: 'Sofía Martín', role: 'supervisor', passwordHash: await hashPassword(PASSWORD) });
  const agent = await createUser(db, { email: 'ana@test.local', name: 'Ana Ruiz', role: 'agent', passwordHash: 'x' });
  await db.insertInto('agents').values({ user_id: agent.id, skills: '{}', capacity: '{"webchat":3}' }).execute();
  const sales = await createQueue(db, { name: 'Ventas', channels: ['webchat'] });
  const support = await createQueue(db, { name: 'Soporte', channels: ['webchat'] });
  salesId = sales.id;
  const sale = await saveDisposition(db, { queueId: sales.id, code: 'VENTA', label: 'Venta', active: true });
  if (!sale.ok) throw new Error('disposition');
  // Noon of the newest Madrid day whose noon is past (today, or yesterday before 12:30): three answered
  // in Ventas (two with a code), one abandoned there, one answered in Soporte. Never "a few minutes
  // ago": near midnight that lands on another day than the one the test filters to.
  const base = pastMadridNoon(new Date());
  dataDay = madridDay(new Date(base));
  const handled = async (queueId: string, i: number, code: boolean) => {
    const c = await db.insertInto('customers').values({ display_name: null }).returning('id').executeTakeFirstOrThrow();
    const r = await createInteraction(db, { customerId: c.id, queueId, channel: 'webchat' }, new Date(base + i * 60_000));
    if (!r.ok) throw new Error(r.reason);
    await db.updateTable('interactions').set({ status: 'assigned', assigned_agent_id: agent.id, assigned_at: new Date(base + i * 60_000 + 8_000) }).where('id', '=', r.interaction.id).execute();
    if (code) await setInteractionDisposition(db, { interactionId: r.interaction.id, dispositionId: sale.disposition.id, agentId: agent.id, now: new Date(base + i * 60_000 + 60_000) });
    await closeInteraction(db, { interactionId: r.interaction.id, actor: { type: 'system', id: null }, now: new Date(base + i * 60_000 + 90_000) });
  };
  await handled(sales.id, 0, true);
  await handled(sales.id, 1, true);
  await handled(sales.id, 2, false);
  await handled(support.id, 3, false);
  const c = await db.insertInto('customers').values({ display_name: null }).returning('id').executeTakeFirstOrThrow();
  const gone = await createInteraction(db, { customerId: c.id, queueId: sales.id, channel: 'webchat' }, new Date(base + 5 * 60_000));
  if (!gone.ok) throw new Error(gone.reason);
  await abandonInteraction(db, { interactionId: gone.interaction.id, now: new Date(base + 5 * 60_000 + 40_000) });
  context = await browser.newContext({ locale: 'es-ES', timezoneId: 'Europe/Madrid', viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('reports in the console', () => {
  it('filters, shows the chart, drills down from a bar and exports the CSV', async () => {
    const page = await context.newPage();
    await signInAndOpen(page, {
      baseUrl: t.api.url,
      email: 'sofia@test.local',
      password: PASSWORD,
      link: 'Informes',
      path: /\/reports/,
    });

    // The last seven days by hour: every queue together.
    const totals = page.locator('[data-test="reports-totals"] tbody tr');
    await expect.poll(() => totals.first().textContent()).toMatch(/^5\s*4\s*1/);
    await page.locator('[data-test="reports-chart"]').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'reports-week.png'), fullPage: true });

    // Filter: Ventas, the data's day only, by day.
    await page.locator('[data-test="reports-from"]').fill(dataDay);
    await page.locator('[data-test="reports-to"]').fill(dataDay);
    await page.locator('[data-test="reports-interval"]').selectOption('DAY');
    await page.locator('[data-test="reports-queue"]').selectOption({ label: 'Ventas' });
    await page.getByRole('button', { name: 'Mostrar' }).click();
    await expect.poll(() => totals.first().textContent()).toMatch(/^4\s*3\s*1/);
    expect(await page.locator('[data-test="reports-dispositions"]').textContent()).toContain('VENTA — Venta: 2');

    // One day, two bars (answered, abandoned): the answered one is the taller, left of centre.
    const chart = page.locator('[data-test="reports-chart"]');
    await chart.waitFor();
    // The chart library loads on demand and draws after: click until the bar answers (state, not a pause).
    const rows = page.locator('[data-test="reports-drilldown-row"]');
    await expect
      .poll(async () => {
        const box = (await chart.boundingBox())!;
        await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
        return rows.count();
      })
      .toBe(3);
    expect(await page.locator('[data-test="reports-drilldown"]').textContent()).toContain('Ana Ruiz');
    await page.screenshot({ path: join(screenshotDir, 'reports-drilldown.png'), fullPage: true });

    // The interactions CSV of the same filter, downloaded with the console's session.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="reports-csv-interactions"]').click()]);
    const file = await download.path();
    const csv = parse(readFileSync(file!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(4);
    expect(new Set(csv.map((r) => r.queue))).toEqual(new Set(['Ventas']));
    expect(csv.filter((r) => r.disposition === 'VENTA')).toHaveLength(2);
    expect(salesId).toBeTruthy();
  });
});
