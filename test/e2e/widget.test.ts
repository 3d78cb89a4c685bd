import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { repoRoot } from '@cc/api/system';
import { useTestApi } from '../support/api';
import { launchChromium, screenshotDir } from '../support/browser';
import { createQueue, type Agent } from '../support/routing-fixtures';

// The chat widget in real Chromium: a demo shop page embeds it with one script tag; a proactive
// rule opens it; the visitor chats with an agent signed in to the console; a reload keeps it all.
// The console as `npm test` builds it (turbo runs @cc/web#build first), copied so a concurrent
// rebuild cannot pull it away mid-test; the widget is built fresh beside it.
const webDir = join(repoRoot, 'web');
const dist = mkdtempSync(join(tmpdir(), 'cc-widget-'));
if (!existsSync(join(webDir, 'dist', 'index.html'))) await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist } });
else cpSync(join(webDir, 'dist'), dist, { recursive: true, filter: (src) => !src.includes(`${join('dist', 'widget')}`) });
await build({ root: webDir, configFile: join(webDir, 'vite.widget.config.ts'), logLevel: 'warn', build: { outDir: join(dist, 'widget') } });

const t = useTestApi({ worker: true, webDist: dist });
let browser: Browser;
const contexts: BrowserContext[] = [];
let agent: Agent;
let agentEmail: string;

beforeAll(async () => {
  browser = await launchChromium();
  const sup = (await t.signIn('supervisor')).token;
  const queueId = await createQueue(t, sup, { name: 'Web', channels: ['WEBCHAT'] });
  agentEmail = 'chat-agent@test.local';
  const signed = await t.signIn('agent', agentEmail);
  agent = await createAgentFor(signed, sup, queueId);
  const site = await t.gql<{ saveChatSite: { __typename: string } }>(
    'mutation($input: SaveChatSiteInput!) { saveChatSite(input: $input) { __typename } }',
    { input: { key: 'demo', name: 'Demo shop', queueId, triggers: [{ urlPattern: '*/widget-demo*', minSecondsOnPage: 3, message: 'Hi! Need help with your order?' }] } },
    sup,
  );
  expect(site.data?.saveChatSite.__typename).toBe('ChatSitePayload');
});

/** An agent whose email we know (to sign in through the console), serving the queue, available. */
async function createAgentFor(signed: { token: string; userId: string }, sup: string, queueId: string): Promise<Agent> {
  const viewer = await t.gql<{ viewer: { id: string } }>('{ viewer { id } }', {}, signed.token);
  const saved = await t.gql<{ saveAgent: { __typename: string } }>(
    'mutation($input: AgentSettingsInput!) { saveAgent(input: $input) { __typename } }',
    { input: { userId: viewer.data!.viewer.id, queueIds: [queueId], skills: [], capacity: [{ channel: 'WEBCHAT', slots: 3 }] } },
    sup,
  );
  expect(saved.data?.saveAgent.__typename).toBe('PresencePayload');
  await t.gql('mutation { setPresence(input: { status: AVAILABLE }) { __typename } }', {}, signed.token);
  return { token: signed.token, userId: signed.userId, gid: viewer.data!.viewer.id };
}

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

const widget = (page: Page) => page.locator('#cc-chat-widget');

describe('chat widget', () => {
  let visitor: Page;
  let console_: Page;
  let interactionId: string;

  it('a proactive rule opens the widget after the configured time on the demo page, unaffected by the page’s styles', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(ctx);
    visitor = await ctx.newPage();
    const loaded = Date.now();
    await visitor.goto(`${t.api.url}/widget-demo?site=demo`);
    await widget(visitor).locator('.launcher').waitFor();
    expect(await widget(visitor).locator('.panel').isVisible()).toBe(false);
    await widget(visitor).locator('.msg.proactive').waitFor({ timeout: 60_000 });
    const openedAfter = Date.now() - loaded;
    expect(openedAfter).toBeGreaterThanOrEqual(2_900);
    // Not before the rule's 3 s on the page; the upper bound only catches a rule that never fires.
    expect(openedAfter).toBeLessThan(60_000);
    expect(await widget(visitor).locator('.msg.proactive').innerText()).toContain('Hi! Need help with your order?');
    // The shop's `* { font-family: Georgia !important }` and dashed borders do not reach inside.
    const style = await widget(visitor).locator('.launcher').evaluate((el) => ({ font: getComputedStyle(el).fontFamily, border: getComputedStyle(el).borderTopStyle }));
    expect(style.font).not.toContain('Georgia');
    expect(style.border).not.toBe('dashed');
    await visitor.screenshot({ path: join(screenshotDir, 'widget-proactive.png') });
  });

  it('the visitor chats with an agent signed in to the console; both see each other live', async () => {
    const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
    contexts.push(ctx);
    console_ = await ctx.newPage();
    await console_.goto(`${t.api.url}/login`);
    await console_.getByLabel('Email').fill(agentEmail);
    await console_.getByLabel('Password').fill('correct horse battery');
    await console_.getByRole('button', { name: 'Sign in' }).click();
    await console_.waitForURL(/\/console/);

    const hostile = 'Where is my order? <img src=x onerror="document.title=\'pwned\'"><b>bold</b>';
    await widget(visitor).locator('textarea[aria-label="Message"]').fill(hostile);
    await widget(visitor).locator('textarea[aria-label="Message"]').press('Enter');

    const offer = console_.locator('[data-test="offer"]');
    await offer.first().waitFor({ timeout: 10_000 });
    await offer.first().getByRole('button', { name: /^Accept/ }).click();
    const workspace = console_.locator('[data-test="workspace"]');
    await workspace.waitFor();
    interactionId = (await workspace.getAttribute('data-interaction-id'))!;
    await expect.poll(() => widget(visitor).locator('.status').innerText()).toBe('agent joined the chat.');
    const timeline = console_.locator('[data-test="timeline"]');
    // Shown as text in the console: the markup is visible as characters and never runs.
    await expect.poll(() => timeline.innerText()).toContain('<b>bold</b>');
    expect(await timeline.locator('img[src="x"]').count()).toBe(0);
    expect(await console_.title()).not.toBe('pwned');

    // What the page told us reached the agent: URL, title and the shop's cart.
    const seen = await t.gql<{ interaction: { context: { webchat: Record<string, unknown> } } }>('query($id: ID!) { interaction(id: $id) { context } }', { id: interactionId }, agent.token);
    expect(seen.data!.interaction.context.webchat).toMatchObject({ pageTitle: 'Demo shop – checkout', siteContext: { orderId: 'DEMO-1001' }, proactiveMessage: 'Hi! Need help with your order?' });
    expect(String(seen.data!.interaction.context.webchat.pageUrl)).toContain('/widget-demo?site=demo');

    // The agent types in the console's composer: the widget shows it typing, then the answer.
    const composer = console_.getByPlaceholder('Write a reply…');
    await composer.fill('It ships tomorrow!');
    await expect.poll(() => widget(visitor).locator('.status').innerText()).toBe('Agent is typing…');
    await composer.press('Control+Enter');
    await expect.poll(() => widget(visitor).locator('.msg.agent').last().innerText()).toContain('It ships tomorrow!');
    await expect.poll(() => timeline.innerText()).toContain('It ships tomorrow!');
    expect(await visitor.title()).not.toBe('pwned');
    await visitor.screenshot({ path: join(screenshotDir, 'widget-chat.png') });
    await console_.screenshot({ path: join(screenshotDir, 'widget-console.png') });
  });

  it('a message written offline is sent when the connection is back; nothing said meanwhile is lost', async () => {
    const ctx = visitor.context();
    await ctx.setOffline(true);
    await widget(visitor).locator('textarea[aria-label="Message"]').fill('Are you still there?');
    await widget(visitor).locator('textarea[aria-label="Message"]').press('Enter');
    await widget(visitor).locator('.msg.visitor.pending').waitFor();
    await t.gql('mutation($input: SendChatMessageInput!) { sendChatMessage(input: $input) { __typename } }', { input: { interactionId, body: 'Still here.' } }, agent.token);
    await new Promise((r) => setTimeout(r, 1000));
    await ctx.setOffline(false);
    await expect.poll(() => widget(visitor).locator('.msg.pending').count(), { timeout: 15_000 }).toBe(0);
    // Shown live in the order this page saw them (the proactive greeting first).
    await expect.poll(() => widget(visitor).locator('.msg').allInnerTexts(), { timeout: 15_000 }).toEqual([
      expect.stringContaining('Need help with your order?'),
      expect.stringContaining('<b>bold</b>'),
      expect.stringContaining('It ships tomorrow!'),
      'Are you still there?',
      expect.stringContaining('Still here.'),
    ]);
    await expect.poll(() => console_.locator('[data-test="timeline"]').innerText()).toContain('Are you still there?');
  });

  it('a reload keeps the conversation, and the chat goes on', async () => {
    await visitor.reload();
    // As stored: the agent's answer reached the server before the message written offline.
    await expect.poll(() => widget(visitor).locator('.msg').allInnerTexts(), { timeout: 10_000 }).toEqual([
      expect.stringContaining('<b>bold</b>'),
      expect.stringContaining('It ships tomorrow!'),
      expect.stringContaining('Still here.'),
      'Are you still there?',
    ]);
    expect(await widget(visitor).locator('.panel').isVisible()).toBe(true);
    await widget(visitor).locator('textarea[aria-label="Message"]').fill('Great, thanks!');
    await widget(visitor).locator('button.send').click();
    await expect.poll(() => console_.locator('[data-test="timeline"]').innerText()).toContain('Great, thanks!');
    // Stored once, though the live stream and the mutation both reported it.
    await expect.poll(() => widget(visitor).locator('.msg.visitor').count()).toBe(3);
    const rows = await t.api.services.db.selectFrom('messages').select('body').where('channel', '=', 'webchat').execute();
    expect(rows.map((r) => r.body)).toEqual([expect.stringContaining('<b>bold</b>'), 'It ships tomorrow!', 'Still here.', 'Are you still there?', 'Great, thanks!']);
  });
});
