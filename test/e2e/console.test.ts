import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hashPassword } from '@cc/api/auth/password';
import { repoRoot } from '@cc/api/system';
import { createUser } from '@cc/db/repositories/users';
import { useTestApi } from '../support/api';
import { launchChromium, screenshotDir } from '../support/browser';
import { createQueue, ops, setPresence } from '../support/routing-fixtures';

// The console for real: the API serving the built web/dist, the routing worker and embedded
// Temporal on a throwaway database, and two people in headless Chromium — an agent (Spanish,
// Madrid time) and a supervisor (English, New York time) — each in their own browser context.
const t = useTestApi({ worker: true, webDist: join(repoRoot, 'web', 'dist') });
const PASSWORD = 'correct horse battery';

let browser: Browser;
const contexts: BrowserContext[] = [];
let supToken: string;
let queueId: string;
let queueRawId: string;
let customerRawId: string;

async function person(role: Parameters<typeof createUser>[1]['role'], email: string, name: string): Promise<{ userId: string; gid: string; token: string }> {
  const user = await createUser(t.api.services.db, { email, name, role, passwordHash: await hashPassword(PASSWORD) });
  const login = await t.gql<{ login: { token: string } }>(
    'mutation($input: LoginInput!) { login(input: $input) { ... on LoginPayload { token user { id } } } }',
    { input: { email, password: PASSWORD } },
  );
  const token = login.data!.login.token;
  const viewer = await t.gql<{ viewer: { id: string } }>('{ viewer { id } }', {}, token);
  return { userId: user.id, gid: viewer.data!.viewer.id, token };
}

async function makeAgent(gid: string): Promise<void> {
  const res = await t.gql<{ saveAgent: { __typename: string; message?: string } }>(
    ops.saveAgent,
    { input: { userId: gid, queueIds: [queueId], skills: [], capacity: [{ channel: 'WHATSAPP', slots: 2 }, { channel: 'VOICE', slots: 1 }] } },
    supToken,
  );
  expect(res.data?.saveAgent.__typename, res.data?.saveAgent.message).toBe('PresencePayload');
}

async function signInThroughTheConsole(page: Page, email: string, labels: { email: string; password: string; submit: string }): Promise<void> {
  await page.goto(`${t.api.url}/login`);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL(/\/console/);
}

/** A customer writes on WhatsApp: stored, routed by the interaction workflow, offered live. */
async function customerWrites(sid: string, body: string | null, extra: { media?: { url: string; contentType: string }[]; location?: { latitude: number; longitude: number; label: string } } = {}) {
  const result = await t.api.services.routing.receiveMessage({
    customerId: customerRawId,
    channel: 'whatsapp',
    queueId: queueRawId,
    context: { pedido: 'PED-2026-0042', pagina: 'https://tienda.example/pedidos/42' },
    message: {
      body,
      provider: 'twilio',
      provider_message_id: sid,
      agent_id: null,
      media: extra.media ? JSON.stringify(extra.media) : null,
      location: extra.location ? JSON.stringify(extra.location) : null,
      delivery_status: 'received',
      error_code: null,
    },
  });
  expect('refused' in result).toBe(false);
  return result;
}

/** The supervisor dashboard's figures for the test queue, as shown. */
async function queueRow(page: Page) {
  const row = page.locator('[data-test="queue-row"][data-queue-name="WhatsApp Ventas"]');
  return {
    waiting: (await row.locator('[data-test="queue-waiting"]').innerText()).trim(),
    answered: (await row.locator('[data-test="queue-answered"]').innerText()).trim(),
    available: (await row.locator('[data-test="queue-available"]').innerText()).trim(),
  };
}

beforeAll(async () => {
  browser = await launchChromium();
  supToken = (await person('supervisor', 'sofia@test.local', 'Sofía Supervisora')).token;
  queueId = await createQueue(t, supToken, { name: 'WhatsApp Ventas', channels: ['WHATSAPP', 'VOICE'], slaTargetSeconds: 30, offerTimeoutSeconds: 120 });
  queueRawId = Buffer.from(queueId, 'base64').toString().split(':')[1]!;
  const ana = await person('agent', 'ana@test.local', 'Ana García');
  await makeAgent(ana.gid);
  // A second agent, away for now: the supervisor brings them in and hands them the conversation.
  const luis = await person('agent', 'luis@test.local', 'Luis Pérez');
  await makeAgent(luis.gid);
  await setPresence(t.gql, luis.token, 'AWAY');

  const identified = await t.gql<{ identifyCustomer: { customer: { id: string } } }>(
    'mutation { identifyCustomer(input: { kind: WHATSAPP, value: "+34 612 345 678" }) { ... on IdentifyCustomerPayload { customer { id } } } }',
    {},
    supToken,
  );
  customerRawId = Buffer.from(identified.data!.identifyCustomer.customer.id, 'base64').toString().split(':')[1]!;
  await t.api.services.db.updateTable('customers').set({ display_name: 'María López' }).where('id', '=', customerRawId).execute();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('agent console and supervisor dashboard', () => {
  let agent: Page;
  let supervisor: Page;
  let interactionId: string;

  it('an agent signs in and goes available; the supervisor watches the queue', async () => {
    const agentContext = await browser.newContext({ locale: 'es-ES', timezoneId: 'Europe/Madrid', viewport: { width: 1366, height: 768 } });
    const supervisorContext = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York', viewport: { width: 1440, height: 900 } });
    contexts.push(agentContext, supervisorContext);
    agent = await agentContext.newPage();
    supervisor = await supervisorContext.newPage();

    await signInThroughTheConsole(agent, 'ana@test.local', { email: 'Correo electrónico', password: 'Contraseña', submit: 'Iniciar sesión' });
    await signInThroughTheConsole(supervisor, 'sofia@test.local', { email: 'Email', password: 'Password', submit: 'Sign in' });
    await supervisor.getByRole('link', { name: 'Dashboard' }).click();
    await supervisor.waitForURL(/\/supervisor/);
    await expect.poll(() => queueRow(supervisor)).toMatchObject({ waiting: '0', available: '0' });

    // The agent's language is the browser's; capacity per channel is shown with the switch.
    await expect.poll(() => agent.locator('[data-test="presence-since"]').innerText()).toContain('Desconectado');
    await expect.poll(() => agent.locator('[data-test="capacity"]').innerText()).toContain('0/2');
    await agent.getByText('Disponible', { exact: true }).click();
    await expect.poll(() => agent.locator('[data-test="presence-since"]').innerText()).toContain('Disponible');
    await expect.poll(() => agent.getByRole('radio', { name: 'Disponible' }).isChecked()).toBe(true);

    // Live on the dashboard, without a reload: one agent available in the queue.
    await expect.poll(() => queueRow(supervisor)).toMatchObject({ waiting: '0', available: '1' });
  });

  it('a WhatsApp message arrives: the offer appears within a second, the dashboard counts it waiting', async () => {
    const offer = agent.locator('[data-test="offer"]');
    expect(await offer.count()).toBe(0);
    const sent = Date.now();
    const received = await customerWrites('SM-e2e-1', 'Hola, necesito ayuda con mi pedido 42');
    await offer.first().waitFor({ state: 'visible', timeout: 1_000 });
    const shownAfterMs = Date.now() - sent;
    expect(shownAfterMs).toBeLessThan(1_000);
    interactionId = Buffer.from(`Interaction:${'interaction' in received ? received.interaction.id : ''}`).toString('base64');

    const card = await offer.first().innerText();
    expect(card).toContain('María López');
    expect(card).toContain('Cola: WhatsApp Ventas');
    expect(card).toMatch(/Esperando 0:0\d/);
    await expect.poll(() => offer.first().locator('[data-test="offer-countdown"]').innerText()).toMatch(/^Caduca en 1:5\d$/);
    await expect.poll(() => queueRow(supervisor)).toMatchObject({ waiting: '1' });
  });

  it('the agent accepts with the keyboard and works in the workspace', async () => {
    await agent.getByRole('button', { name: 'Aceptar WhatsApp de María López' }).press('Enter');
    await agent.locator('[data-test="workspace"]').waitFor();
    expect(await agent.locator('[data-test="offer"]').count()).toBe(0);
    await expect.poll(() => agent.locator('[data-test="interaction-status"]').innerText()).toBe('En conversación');

    // The customer's timeline and card: message, identity, the 24 h window and attached context.
    await expect.poll(() => agent.locator('[data-test="timeline"]').innerText()).toContain('Hola, necesito ayuda con mi pedido 42');
    const card = agent.locator('[data-test="customer-card"]');
    await expect.poll(() => card.innerText()).toContain('+34612345678');
    await expect.poll(() => agent.locator('[data-test="whatsapp-window"]').innerText()).toMatch(/^Abierta durante (23:59:\d\d|24:00:00)$/);
    expect(await agent.locator('[data-test="customer-context"]').innerText()).toContain('PED-2026-0042');
    // Capacity follows: one WhatsApp slot of two in use.
    await expect.poll(() => agent.locator('[data-test="capacity"]').innerText()).toContain('1/2');

    // The dashboard saw the answer live.
    await expect.poll(() => queueRow(supervisor)).toMatchObject({ waiting: '0', answered: '1' });

    // More arrives on the same conversation, live: a photo and a location.
    const pixel = 'data:image/svg+xml;base64,' + Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="100"><rect width="160" height="100" fill="#8ecae6"/><circle cx="50" cy="45" r="22" fill="#ffb703"/><rect x="90" y="30" width="50" height="50" fill="#219ebc"/></svg>').toString('base64');
    await customerWrites('SM-e2e-2', 'Así llegó la caja', { media: [{ url: pixel, contentType: 'image/svg+xml' }] });
    await customerWrites('SM-e2e-3', null, { location: { latitude: 40.4168, longitude: -3.7038, label: 'Puerta del Sol, Madrid' } });
    await expect.poll(() => agent.locator('[data-test="timeline-message"]').count()).toBe(3);
    expect(await agent.locator('[data-test="timeline"] img').count()).toBe(1);
    expect(await agent.locator('[data-test="timeline"]').innerText()).toContain('Puerta del Sol, Madrid');
  });

  it('the composer knows the channel and says in place why it cannot send yet', async () => {
    const composer = agent.locator('[data-test="composer"]');
    await agent.getByLabel('Insertar una respuesta rápida').selectOption('greeting');
    expect(await agent.getByLabel('Responder por WhatsApp').inputValue()).toBe('Hola, gracias por contactar con nosotros. ¿En qué puedo ayudarte?');
    expect(await composer.locator('[data-test="composer-blocked"]').innerText()).toContain('la API no tiene la operación de respuesta');
    expect(await composer.locator('[data-test="composer-send"]').isDisabled()).toBe(true);
    await agent.screenshot({ path: join(screenshotDir, 'agent-workspace.png') });
  });

  it('the supervisor reassigns: refused in place while the target is away, done once they are available', async () => {
    await expect.poll(() => supervisor.locator('[data-test="interaction-row"]').count()).toBe(1);
    await expect.poll(() => supervisor.locator('[data-test="interaction-agent"]').first().innerText()).toBe('Ana García');
    await expect.poll(() => supervisor.locator('[data-test="agent-row"][data-agent-name="Ana García"] [data-test="agent-current"]').innerText()).toContain('María López');

    // Luis is away: the server refuses, and its reason shows next to the form, not in a console log.
    await supervisor.getByRole('button', { name: 'Reassign the interaction with María López' }).click();
    await supervisor.getByLabel('Move to').selectOption({ label: 'Agent: Luis Pérez (Away)' });
    await supervisor.getByRole('button', { name: 'Move', exact: true }).click();
    await expect.poll(() => supervisor.locator('[data-test="reassign-error"]').innerText()).toBe(
      'That agent is not available or has no free slot on this channel; choose another agent or a queue.',
    );
    await supervisor.getByRole('button', { name: 'Cancel' }).click();

    // The supervisor changes Luis's presence from the agent list; the queue figures follow live.
    await supervisor.getByLabel('Set status of Luis Pérez').selectOption('AVAILABLE');
    await expect.poll(() => queueRow(supervisor)).toMatchObject({ available: '2' });
    await supervisor.screenshot({ path: join(screenshotDir, 'supervisor-dashboard.png'), fullPage: true });

    await supervisor.getByRole('button', { name: 'Reassign the interaction with María López' }).click();
    await supervisor.getByLabel('Move to').selectOption({ label: 'Agent: Luis Pérez (Available)' });
    await supervisor.getByRole('button', { name: 'Move', exact: true }).click();
    await expect.poll(() => supervisor.locator('[data-test="reassign-notice"]').innerText()).toBe('Moved.');

    const moved = await t.gql<{ interaction: { status: string } }>('query($id: ID!) { interaction(id: $id) { status } }', { id: interactionId }, supToken);
    expect(moved.data?.interaction.status).toBe('TRANSFERRED');
    // The new interaction is Luis's now, and the dashboard shows it without a reload.
    await expect.poll(() => supervisor.locator('[data-test="interaction-row"]').count()).toBe(1);
    await expect.poll(() => supervisor.locator('[data-test="interaction-row"]').first().innerText()).toMatch(/Offered|In conversation/);
    // Ana's workspace follows live: the interaction left her and her slot is free again.
    await expect.poll(() => agent.locator('[data-test="interaction-status"]').innerText()).toBe('Transferida');
    await expect.poll(() => agent.locator('[data-test="capacity"]').innerText()).toContain('0/2');
    await supervisor.screenshot({ path: join(screenshotDir, 'supervisor-after-reassign.png'), fullPage: true });
  });
});
