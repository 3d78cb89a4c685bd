import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { hashPassword } from '@cc/api/auth/password';
import { repoRoot } from '@cc/api/system';
import { createUser } from '@cc/db/repositories/users';
import { useTestApi } from '../support/api';
import { launchChromium, screenshotDir } from '../support/browser';
import { createQueue, enqueue, newCustomer, ops, setPresence } from '../support/routing-fixtures';

// Voice co-browsing in real Chromium, two people: the caller on the demo shop page (the chat
// widget, then cobrowse.js) and the agent who has their call in the console. The caller shares by
// a code read over the phone and allows it; the agent sees the page live — typed values only as
// asterisks, nowhere in the replayed DOM — sees it change, highlights an element the caller then
// sees, and the view closes when the caller stops. The console and both scripts are built fresh
// (this file tests what the working tree would ship).
const webDir = join(repoRoot, 'web');
const dist = mkdtempSync(join(tmpdir(), 'cc-cobrowse-'));
await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist } });
await build({ root: webDir, configFile: join(webDir, 'vite.widget.config.ts'), logLevel: 'warn', build: { outDir: join(dist, 'widget') } });
await build({ root: webDir, configFile: join(webDir, 'vite.cobrowse.config.ts'), logLevel: 'warn', build: { outDir: join(dist, 'widget'), emptyOutDir: false } });

const t = useTestApi({ worker: true, webDist: dist });
const PASSWORD = 'correct horse battery';
const SECRET_NAME = 'Zuleika Secretname';
const SECRET_PASSWORD = 'hunter2-Secret!';
const SECRET_CARD = '4111 1111 1111 1111';
/**
 * Parts of the card that betray it and nothing else. Not its first four digits alone: ids, hashes
 * and rrweb's millisecond timestamps contain "4111" by chance (a CI run failed on a session id).
 */
const cardFragments = ['4111 1111', '4111111111111111'];

let browser: Browser;
const contexts: BrowserContext[] = [];
let supToken: string;
let queueId: string;

beforeAll(async () => {
  browser = await launchChromium();
  supToken = (await t.signIn('supervisor')).token;
  queueId = await createQueue(t, supToken, { name: 'Customer service', channels: ['VOICE', 'WEBCHAT'] });
  const site = await t.gql<{ saveChatSite: { __typename: string; message?: string } }>(
    'mutation($input: SaveChatSiteInput!) { saveChatSite(input: $input) { __typename ... on Error { message } } }',
    { input: { key: 'demo', name: 'Demo shop', queueId, allowedOrigins: [t.api.url] } },
    supToken,
  );
  expect(site.data?.saveChatSite.__typename, site.data?.saveChatSite.message).toBe('ChatSitePayload');
  // Ana, who takes calls in that queue.
  await createUser(t.api.services.db, { email: 'ana@test.local', name: 'Ana García', role: 'agent', passwordHash: await hashPassword(PASSWORD) });
  const login = await t.gql<{ login: { token: string } }>('mutation($input: LoginInput!) { login(input: $input) { ... on LoginPayload { token } } }', { input: { email: 'ana@test.local', password: PASSWORD } });
  const anaToken = login.data!.login.token;
  const viewer = await t.gql<{ viewer: { id: string } }>('{ viewer { id } }', {}, anaToken);
  const saved = await t.gql<{ saveAgent: { __typename: string } }>(ops.saveAgent, { input: { userId: viewer.data!.viewer.id, queueIds: [queueId], skills: [], capacity: [{ channel: 'VOICE', slots: 1 }] } }, supToken);
  expect(saved.data?.saveAgent.__typename).toBe('PresencePayload');
  await setPresence(t.gql, anaToken, 'AVAILABLE');
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

/** What the agent's replay shows: its document's markup and every form value in it. */
async function replayed(agent: Page): Promise<{ html: string; values: Record<string, string>; text: string; ownUiShown: number }> {
  return agent.locator('[data-test="cobrowse-stage"]').evaluate((stage) => {
    const doc = stage.querySelector('iframe')?.contentDocument;
    if (!doc?.body) return { html: '', values: {}, text: '', ownUiShown: 0 };
    const values: Record<string, string> = {};
    for (const el of doc.querySelectorAll<HTMLInputElement>('input, textarea, select')) values[el.name || el.id || el.tagName] = el.value;
    // The chat widget and the co-browse overlay are blocked; their stand-ins must not show.
    const ownUiShown = [...doc.querySelectorAll('.cc-own-ui')].filter((el) => doc.defaultView!.getComputedStyle(el).display !== 'none').length;
    return { html: doc.documentElement.outerHTML, values, text: doc.body.innerText, ownUiShown };
  });
}

describe('voice co-browsing', () => {
  let batchesOverSocket = 0;
  /** The batches as they left the caller's browser for the API. */
  const received: string[] = [];
  let customer: Page;
  let agent: Page;

  it('the caller shares the page by a code; the agent on the call enters it; the caller allows it', async () => {
    const agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const customerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    contexts.push(agentContext, customerContext);
    agent = await agentContext.newPage();
    customer = await customerContext.newPage();
    // The widget's batches travel over the API's co-browse socket (HTTP is its fallback).
    customer.on('websocket', (socket) =>
      socket.on('framesent', (frame) => {
        if (!socket.url().endsWith('/cobrowse/live') || !String(frame.payload).startsWith('{"seq":')) return;
        batchesOverSocket++;
        received.push(String(frame.payload));
      }),
    );
    agent.setDefaultTimeout(15_000);
    customer.setDefaultTimeout(15_000);

    // Ana signs in; a call reaches her (handed over by the CTI, as in console.test.ts) and she takes it.
    await agent.goto(`${t.api.url}/login`);
    await agent.getByLabel('Email').fill('ana@test.local');
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.waitForURL(/\/console/);
    const interactionId = await enqueue(t, supToken, { customerId: await newCustomer(t, supToken), queueId, channel: 'VOICE' });
    await agent.locator('[data-test="offer"]').first().getByRole('button', { name: /^Accept/ }).click();
    await expect.poll(() => agent.locator('[data-test="workspace"]').getAttribute('data-interaction-id')).toBe(interactionId);

    // The caller, on the shop's checkout page, types their name before anything is shared.
    await customer.goto(`${t.api.url}/widget-demo?site=demo`);
    await customer.locator('input[name="fullName"]').fill(SECRET_NAME);
    await customer.locator('#cc-chat-widget .launcher').click();
    await customer.locator('#cc-chat-widget').getByRole('button', { name: 'Share this page with the agent' }).click();
    const card = customer.locator('#cc-cobrowse .card');
    await expect.poll(() => card.locator('h2').innerText()).toBe('Read this code to the agent');
    const code = (await card.locator('.code').innerText()).replace(/\s/g, '');
    expect(code).toMatch(/^\d{6}$/);
    await customer.screenshot({ path: join(screenshotDir, 'cobrowse-customer-code.png') });

    // Ana enters the code the caller reads out.
    const panel = agent.locator('[data-test="cobrowse-panel"]');
    await panel.locator('[data-test="cobrowse-code"]').fill(code);
    await panel.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => panel.locator('[data-test="cobrowse-waiting"]').innerText()).toBe('Waiting for the caller to allow sharing…');

    // The caller is asked, in words naming who and which team, and allows it.
    await expect.poll(() => card.locator('h2').innerText()).toBe('Ana García, Customer service, wants to see this page.');
    await customer.screenshot({ path: join(screenshotDir, 'cobrowse-customer-consent.png') });
    await card.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => customer.locator('#cc-cobrowse .bar').innerText()).toContain('You are sharing this page with Ana García');
    expect(await customer.locator('#cc-cobrowse .bar').getByRole('button', { name: 'Stop sharing' }).isVisible()).toBe(true);

    // The consent is on the record with the wording shown.
    const consent = await t.api.services.db.selectFrom('cobrowse_sessions').select(['consent_evidence', 'status']).executeTakeFirstOrThrow();
    expect(consent.status).toBe('active');
    expect(JSON.stringify(consent.consent_evidence)).toContain('Ana García, Customer service, wants to see this page.');
  });

  it('the agent sees the page live, typed values only as asterisks, and its changes', async () => {
    await expect.poll(async () => (await replayed(agent)).text, { timeout: 20_000 }).toContain('Demo shop');
    expect(await agent.locator('[data-test="cobrowse-url"]').innerText()).toContain('/widget-demo?site=demo');
    expect(batchesOverSocket).toBeGreaterThan(0);

    // Typed while shared: the password and a card number.
    await customer.locator('input[name="password"]').fill(SECRET_PASSWORD);
    await customer.locator('input[name="cardNumber"]').fill(SECRET_CARD);
    await customer.locator('input[name="giftMessage"]').fill('Happy birthday');
    await customer.locator('textarea[name="deliveryNotes"]').fill('Ring twice');
    // Values go when a field is left (rrweb's input sampling 'last': the change event), not per key.
    await customer.locator('textarea[name="deliveryNotes"]').press('Tab');
    await expect.poll(async () => (await replayed(agent)).values, { timeout: 20_000 }).toMatchObject({
      fullName: '*'.repeat(SECRET_NAME.length),
      password: '********',
      // Opted in by the page's markup too, and never shared.
      cardNumber: '********',
      // Opted in by the page (data-cc-unmask on the field, on an ancestor): shown as typed.
      giftMessage: 'Happy birthday',
      deliveryNotes: 'Ring twice',
    });
    const seen = await replayed(agent);
    for (const secret of [SECRET_NAME, 'Zuleika', SECRET_PASSWORD, 'hunter2', SECRET_CARD, ...cardFragments, 'ES91 2100']) {
      expect(seen.html).not.toContain(secret);
      expect(JSON.stringify(seen.values)).not.toContain(secret);
    }
    expect(seen.ownUiShown).toBe(0);
    expect(seen.html).toContain('cc-own-ui');
    // The data-cc-mask paragraph is there, as asterisks.
    expect(seen.text).toMatch(/\*{7} \*{7} \*{5} \*{5}/);
    // Nor did any of it reach the server.
    const stored = JSON.stringify(await t.api.services.db.selectFrom('cobrowse_sessions').selectAll().execute());
    for (const secret of ['Zuleika', 'hunter2', ...cardFragments]) expect(stored).not.toContain(secret);
    // What the API received from the caller's browser: opted-in values as typed, no secret.
    const sent = received.join('\n');
    for (const secret of ['Zuleika', 'hunter2', ...cardFragments]) expect(sent).not.toContain(secret);
    expect(sent).toContain('Happy birthday');

    // The page changes: the agent's view follows.
    await customer.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'slot';
      p.textContent = 'Delivery slot: Tuesday 10:00–12:00';
      document.body.append(p);
    });
    await expect.poll(async () => (await replayed(agent)).text, { timeout: 20_000 }).toContain('Delivery slot: Tuesday 10:00–12:00');
  });

  it('the agent highlights an element; the caller sees it outlined', async () => {
    // Click where the replay shows the shop's heading.
    const point = await agent.locator('[data-test="cobrowse-stage"]').evaluate((stage) => {
      const frame = stage.querySelector('iframe')!;
      const h1 = frame.contentDocument!.querySelector('h1')!.getBoundingClientRect();
      const box = frame.getBoundingClientRect();
      const scale = box.width / frame.offsetWidth;
      return { x: box.left + (h1.left + 20) * scale, y: box.top + (h1.top + h1.height / 2) * scale };
    });
    await agent.mouse.click(point.x, point.y);
    const highlight = customer.locator('#cc-cobrowse .highlight');
    await expect.poll(() => highlight.isVisible()).toBe(true);
    const [outline, heading] = await Promise.all([highlight.boundingBox(), customer.locator('h1').boundingBox()]);
    expect(outline!.x).toBeLessThanOrEqual(heading!.x);
    expect(outline!.y).toBeLessThanOrEqual(heading!.y);
    expect(outline!.x + outline!.width).toBeGreaterThanOrEqual(heading!.x + heading!.width);
    expect(outline!.y + outline!.height).toBeGreaterThanOrEqual(heading!.y + heading!.height);
    await agent.screenshot({ path: join(screenshotDir, 'cobrowse-agent-live.png') });
    await customer.screenshot({ path: join(screenshotDir, 'cobrowse-customer-shared.png') });
  });

  it('the caller stops sharing; the agent’s view closes and says why', async () => {
    await customer.locator('#cc-cobrowse .bar').getByRole('button', { name: 'Stop sharing' }).click();
    await expect.poll(() => customer.locator('#cc-cobrowse .bar').isVisible()).toBe(false);
    const panel = agent.locator('[data-test="cobrowse-panel"]');
    await expect.poll(() => panel.locator('[data-test="cobrowse-ended"]').innerText()).toContain('The caller stopped sharing.');
    expect(await agent.locator('[data-test="cobrowse-live"]').count()).toBe(0);
    // The conversation column is back.
    expect(await agent.locator('[data-test="timeline"]').isVisible()).toBe(true);
    await agent.screenshot({ path: join(screenshotDir, 'cobrowse-agent-ended.png') });
  });
});
