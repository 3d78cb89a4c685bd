import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { repoRoot } from '@cc/api/system';
import { launchChromium, screenshotDir, signInAndOpen } from '../support/browser';
import { allWeek, campaignCustomer, seedCampaignTemplates } from '../support/campaigns/fixtures';
import { createQueue, ops } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';
import { until } from '../support/until';

// WhatsApp campaigns in real Chromium (issue 18): a supervisor (Spanish console) builds a segment,
// goes through the campaign wizard (segment → template and variables → preview → schedule now) and
// watches the progress panel reach "all sent" (Twilio played by Prism, contract-checked); a
// recipient answers over the signed webhook and an agent, in a second browser context, accepts the
// offer, sees which campaign the customer is answering, and replies. The console is built fresh.
// The supervisor sets the allowed hours to "any time" (the default is weekdays 09:00–21:00 in the
// recipient's zone) and a cap in the wizard: the outcome must not depend on the hour the suite runs.
const webDir = join(repoRoot, 'web');
const dist = mkdtempSync(join(tmpdir(), 'cc-campaigns-e2e-'));
await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist } });

const t = useTwilioTestApi({ webDist: dist, env: { PUSH_MIN_SPACING_SECONDS: '0' } });
const PASSWORD = 'correct horse battery'; // what t.signIn gives the users it creates
const CAMPAIGN = 'Rebajas de primavera';
const OFFER = '20 % en tu próxima compra';
let browser: Browser;
const contexts: BrowserContext[] = [];
const people: { customerId: string; phone: string; name: string }[] = [];

async function newPage(): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'es-ES', timezoneId: 'Europe/Madrid', viewport: { width: 1440, height: 900 } });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

beforeAll(async () => {
  browser = await launchChromium();
  const db = t.api.services.db;
  const sup = (await t.signIn('supervisor', 'sofia@campaigns.test')).token;
  await seedCampaignTemplates(db);
  const queueId = await createQueue(t, sup, { name: 'WhatsApp', channels: ['WHATSAPP'] });
  const agent = await t.signIn('agent', 'ana@campaigns.test');
  const viewer = await t.gql<{ viewer: { id: string } }>('{ viewer { id } }', {}, agent.token);
  const saved = await t.gql<{ saveAgent: { __typename: string } }>(ops.saveAgent, { input: { userId: viewer.data!.viewer.id, queueIds: [queueId], skills: [], capacity: [{ channel: 'WHATSAPP', slots: 2 }] } }, sup);
  expect(saved.data?.saveAgent.__typename).toBe('PresencePayload');
  // Three consented customers tagged "primavera", one without consent (never counted nor sent to).
  for (const name of ['Lucía Gómez', 'Marta Ruiz', 'Pablo Sanz'])
    people.push({ ...(await campaignCustomer(db, { name, tags: ['primavera'], fields: { offer: OFFER } })), name });
  await campaignCustomer(db, { name: 'Sin Permiso', tags: ['primavera'], consent: null });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

const sentTo = (phone: string) => t.twilio.to('/Messages.json').filter((r) => formFields(r).To === `whatsapp:${phone}`);

describe('WhatsApp campaigns in the console', () => {
  let supervisor: Page;

  it('a supervisor builds a segment, schedules a campaign through the wizard and watches it reach all sent', { timeout: 120_000 }, async () => {
    supervisor = await newPage();
    await signInAndOpen(supervisor, { baseUrl: t.api.url, email: 'sofia@campaigns.test', password: PASSWORD, link: 'Segmentos', path: /\/segments/ });
    const count = supervisor.locator('[data-test="segment-count"]');
    await supervisor.getByLabel('Nombre').fill('Clientes primavera');
    await supervisor.getByLabel('Alguna de estas etiquetas').fill('primavera');
    await expect.poll(() => count.textContent()).toContain('3 clientes coinciden');
    await supervisor.getByRole('button', { name: 'Guardar segmento' }).click();
    await supervisor.locator('[data-test="segment-Clientes primavera"]').waitFor();

    await supervisor.getByRole('link', { name: 'Campañas' }).click();
    await supervisor.waitForURL(/\/campaigns/);
    const wizard = supervisor.locator('[data-test="campaign-wizard"]');
    await wizard.locator('[data-test="campaign-name"]').fill(CAMPAIGN);
    await wizard.locator('[data-test="campaign-segment"]').selectOption({ label: 'Clientes primavera (3 con consentimiento de marketing)' });
    await wizard.locator('[data-test="campaign-next-template"]').click();

    await wizard.locator('[data-test="campaign-template"]').selectOption({ label: 'oferta (es)' });
    expect(await wizard.locator('.campaign-wizard__body').innerText()).toBe('Hola {{1}}, {{2}}. Responde BAJA para no recibir más.');
    await wizard.locator('[data-test="campaign-source-1"]').selectOption('displayName');
    await wizard.locator('[data-test="campaign-fallback-1"]').fill('cliente');
    await wizard.locator('[data-test="campaign-source-2"]').selectOption('field:');
    await wizard.getByPlaceholder('nombre del campo').fill('offer');
    await supervisor.screenshot({ path: join(screenshotDir, 'campaigns-wizard-template.png'), fullPage: true });
    await wizard.locator('[data-test="campaign-next-preview"]').click();

    const preview = wizard.locator('[data-test="campaign-preview"] li');
    await expect.poll(() => preview.count()).toBe(3);
    expect((await preview.allInnerTexts()).sort()).toEqual(people.map((p) => `${p.name}: Hola ${p.name}, ${OFFER}. Responde BAJA para no recibir más.`).sort());
    await supervisor.screenshot({ path: join(screenshotDir, 'campaigns-wizard-preview.png'), fullPage: true });
    await wizard.locator('[data-test="campaign-next-schedule"]').click();

    // Start empty = now; allowed hours "any time" and at most 2 marketing messages per 7 days, set in the wizard.
    await wizard.locator('[data-test="campaign-quiet-hours"] [data-test="queue-always-open"]').check();
    await wizard.locator('[data-test="campaign-cap-count"]').fill('2');
    await wizard.locator('[data-test="campaign-cap-days"]').fill('7');
    await supervisor.screenshot({ path: join(screenshotDir, 'campaigns-wizard-schedule.png'), fullPage: true });
    let asked: Record<string, unknown> | null = null;
    await supervisor.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { query?: string; variables?: { input?: Record<string, unknown> } } | null;
      if (body?.query?.includes('mutation CreateCampaign')) asked = body.variables!.input!;
      await route.fallback();
    });
    await wizard.locator('[data-test="campaign-schedule"]').click();
    await until(() => asked, (a) => a !== null);
    expect(asked).toMatchObject({
      name: CAMPAIGN,
      templateSid: expect.stringMatching(/^HX/),
      variables: [{ key: '1', source: 'displayName', fallback: 'cliente' }, { key: '2', source: 'field:offer', fallback: null }],
      quietHours: allWeek,
      frequencyCapCount: 2,
      frequencyCapDays: 7,
    });

    // Scheduled: the wizard starts over (not left on "Programar" to schedule the same campaign twice).
    await expect.poll(() => wizard.locator('[data-test="campaign-name"]').inputValue()).toBe('');
    const panel = supervisor.locator('[data-test="campaign-progress"]', { hasText: CAMPAIGN });
    await panel.waitFor();
    await expect.poll(() => panel.locator('[data-test="campaign-status"]').innerText(), { timeout: 60_000 }).toBe('completada');
    expect(await panel.locator('[data-test="campaign-total"]').innerText()).toBe('3');
    expect(await panel.locator('[data-test="campaign-sent"]').innerText()).toBe('3');
    expect(await panel.locator('[data-test="campaign-failed"]').innerText()).toBe('0');
    expect(await panel.locator('[data-test="campaign-percent"]').innerText()).toBe('100 %');
    await supervisor.screenshot({ path: join(screenshotDir, 'campaigns-progress-done.png'), fullPage: true });

    // Each consented customer got exactly one message, through the SDK, accepted by the contract mock.
    for (const p of people) {
      const [request, ...more] = sentTo(p.phone);
      expect(more).toHaveLength(0);
      expect(request?.status).toBe(201);
    }
  });

  it('a recipient replies; the agent accepts the offer, sees the campaign in the workspace and answers', { timeout: 90_000 }, async () => {
    const agent = await newPage();
    await signInAndOpen(agent, { baseUrl: t.api.url, email: 'ana@campaigns.test', password: PASSWORD, link: 'Interacciones', path: /\/console/ });
    await agent.getByText('Disponible', { exact: true }).click();
    await expect.poll(() => agent.locator('[data-test="presence-since"]').innerText()).toContain('Disponible');

    const replier = people[1]!;
    const inbound = await postSigned(t.url('/webhooks/twilio/whatsapp'), {
      MessageSid: sid('SM'),
      AccountSid: testAccountSid,
      From: `whatsapp:${replier.phone}`,
      To: whatsAppSender,
      WaId: replier.phone.slice(1),
      ProfileName: replier.name,
      Body: '¿Hasta cuándo vale la oferta?',
      NumMedia: '0',
    });
    expect(inbound.status).toBe(200);

    const accept = agent.getByRole('button', { name: `Aceptar WhatsApp de ${replier.name}` });
    await accept.waitFor({ timeout: 30_000 });
    await agent.screenshot({ path: join(screenshotDir, 'campaigns-agent-offer.png'), fullPage: true });
    await accept.click();
    await agent.locator('[data-test="workspace"]').waitFor();
    const context = agent.locator('[data-test="campaign-context"]');
    await expect.poll(() => context.innerText()).toBe(
      `📣 Respuesta a la campaña de WhatsApp «${CAMPAIGN}». Recibió: Hola ${replier.name}, ${OFFER}. Responde BAJA para no recibir más.`,
    );
    await expect.poll(() => agent.locator('[data-test="timeline"]').innerText()).toContain('¿Hasta cuándo vale la oferta?');

    const answer = 'Hola Marta, la oferta vale hasta el domingo.';
    const text = agent.getByLabel('Responder por WhatsApp');
    await text.fill(answer);
    const before = sentTo(replier.phone).length;
    await text.press('Control+Enter');
    await expect.poll(() => sentTo(replier.phone).length).toBe(before + 1);
    const reply = sentTo(replier.phone).at(-1)!;
    expect(reply.status).toBe(201);
    expect(formFields(reply)).toMatchObject({ Body: answer, From: whatsAppSender });
    await expect.poll(() => agent.locator('[data-test="timeline-message"][data-direction="outbound"]').last().innerText()).toContain(answer);
    await agent.screenshot({ path: join(screenshotDir, 'campaigns-agent-workspace.png'), fullPage: true });

    // The supervisor's panel counts the reply, live.
    const panel = supervisor.locator('[data-test="campaign-progress"]', { hasText: CAMPAIGN });
    await expect.poll(() => panel.locator('[data-test="campaign-replied"]').innerText(), { timeout: 30_000 }).toBe('1');
    await supervisor.screenshot({ path: join(screenshotDir, 'campaigns-progress-replied.png'), fullPage: true });
  });
});
