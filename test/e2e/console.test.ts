import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hashPassword } from '@cc/api/auth/password';
import { repoRoot } from '@cc/api/system';
import { createUser } from '@cc/db/repositories/users';
import { launchChromium, screenshotDir } from '../support/browser';
import { createQueue, ops, setPresence } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';

// The console for real: the API serving the built web/dist, the routing worker and embedded
// Temporal on a throwaway database, Twilio's side played by signed webhooks and a Prism mock of
// its REST contract, and two people in headless Chromium — an agent (Spanish, Madrid time) and a
// supervisor (English, New York time) — each in their own browser context.
const t = useTwilioTestApi({ webDist: join(repoRoot, 'web', 'dist'), env: { PUSH_LINK_DOMAINS: 'tienda.example', PUSH_MIN_SPACING_SECONDS: '0' } });
const PASSWORD = 'correct horse battery';
const CUSTOMER = '+34612345678';

let browser: Browser;
const contexts: BrowserContext[] = [];
let supToken: string;
let queueId: string;
let anaToken: string;

/** A small real PNG (sky, sun, box) so the timeline's image preview has something to show. */
function png(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sun = (x - 45) ** 2 + (y - 40) ** 2 < 400;
      const box = x > 90 && x < 140 && y > 30 && y < 80;
      const [r, g, b] = sun ? [255, 183, 3] : box ? [33, 158, 188] : [142, 202, 230];
      raw.set([r, g, b], y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

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

/** The customer writes on WhatsApp: Twilio's signed webhook, as Twilio sends it. */
async function customerWrites(fields: Record<string, string>): Promise<void> {
  const params = { MessageSid: sid('SM'), AccountSid: testAccountSid, From: `whatsapp:${CUSTOMER}`, To: whatsAppSender, WaId: CUSTOMER.slice(1), ProfileName: 'María López', NumMedia: '0', ...fields };
  const res = await postSigned(t.url('/webhooks/twilio/whatsapp'), params);
  expect(res.status, res.text).toBe(200);
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
  t.media.serve({ ME1: { contentType: 'image/png', data: png(160, 100) } });
  supToken = (await person('supervisor', 'sofia@test.local', 'Sofía Supervisora')).token;
  queueId = await createQueue(t, supToken, { name: 'WhatsApp Ventas', channels: ['WHATSAPP', 'VOICE'], slaTargetSeconds: 30, offerTimeoutSeconds: 120 });
  const ana = await person('agent', 'ana@test.local', 'Ana García');
  anaToken = ana.token;
  await makeAgent(ana.gid);
  // A second agent, away for now: the supervisor brings them in and hands them the conversation.
  const luis = await person('agent', 'luis@test.local', 'Luis Pérez');
  await makeAgent(luis.gid);
  await setPresence(t.gql, luis.token, 'AWAY');
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
    // Fail fast with the locator in the message instead of at the test timeout.
    agent.setDefaultTimeout(10_000);
    supervisor.setDefaultTimeout(10_000);

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

  // How fast the offer shows is measured in the routing benchmark, not asserted here: this test
  // checks that it arrives pushed (no reload) with the right content.
  it('a WhatsApp message arrives: the offer appears without a reload, the dashboard counts it waiting', async () => {
    const offer = agent.locator('[data-test="offer"]');
    expect(await offer.count()).toBe(0);
    await customerWrites({ Body: 'Hola, necesito ayuda con mi pedido 42' });
    await offer.first().waitFor({ state: 'visible', timeout: 30_000 });

    const card = await offer.first().innerText();
    expect(card).toContain('María López');
    expect(card).toContain('Cola: WhatsApp Ventas');
    expect(card).toMatch(/Esperando 0:[0-5]\d/);
    // The countdown runs from the queue's 120 s offer timeout.
    const countdown = offer.first().locator('[data-test="offer-countdown"]');
    const first = await countdown.innerText();
    expect(first).toMatch(/^Caduca en (2:00|1:[0-5]\d)$/);
    // It counts down (from the queue's 120 s), whatever the machine's load.
    await expect.poll(() => countdown.innerText(), { timeout: 30_000 }).not.toBe(first);
    expect(await countdown.innerText()).toMatch(/^Caduca en 1:[0-5]\d$/);
    await expect.poll(() => queueRow(supervisor)).toMatchObject({ waiting: '1' });
  });

  it('the agent accepts with the keyboard and works in the workspace', async () => {
    await agent.getByRole('button', { name: 'Aceptar WhatsApp de María López' }).press('Enter');
    await agent.locator('[data-test="workspace"]').waitFor();
    interactionId = (await agent.locator('[data-test="workspace"]').getAttribute('data-interaction-id'))!;
    expect(await agent.locator('[data-test="offer"]').count()).toBe(0);
    await expect.poll(() => agent.locator('[data-test="interaction-status"]').innerText()).toBe('En conversación');

    // The customer's timeline and card: message, identity, the 24 h window and attached context.
    await expect.poll(() => agent.locator('[data-test="timeline"]').innerText()).toContain('Hola, necesito ayuda con mi pedido 42');
    const card = agent.locator('[data-test="customer-card"]');
    await expect.poll(() => card.innerText()).toContain('+34612345678');
    // The window as the server computes it (24 h from the customer's last message), counting down.
    await expect.poll(() => agent.locator('[data-test="whatsapp-window"]').innerText()).toMatch(/^Abierta durante (23:59:\d\d|24:00:00)$/);
    expect(await agent.locator('[data-test="consent"]').innerText()).toMatch(/Mensajes de servicio\s+Sin preguntar/);
    expect(await agent.locator('[data-test="opt-out"]').count()).toBe(0);
    // Capacity follows: one WhatsApp slot of two in use.
    await expect.poll(() => agent.locator('[data-test="capacity"]').innerText()).toContain('1/2');

    // The dashboard saw the answer live.
    await expect.poll(() => queueRow(supervisor)).toMatchObject({ waiting: '0', answered: '1' });

    // More arrives on the same conversation, live: a photo and a location.
    await customerWrites({ Body: 'Así llegó la caja', NumMedia: '1', MediaUrl0: t.media.url('ME1'), MediaContentType0: 'image/png' });
    await customerWrites({ Latitude: '40.4168', Longitude: '-3.7038', Address: 'Puerta del Sol, Madrid', Label: 'Mi casa' });
    await expect.poll(() => agent.locator('[data-test="timeline-message"]').count()).toBe(3);
    // The photo is previewed from the project's own media store (the browser really loaded it).
    const image = agent.locator('[data-test="timeline"] img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
    expect(await agent.locator('[data-test="timeline"]').innerText()).toContain('Mi casa');
  });

  it('the agent replies from the keyboard; the message shows delivered after Twilio’s status callback', async () => {
    await agent.getByLabel('Insertar una respuesta rápida').selectOption('greeting');
    const text = agent.getByLabel('Responder por WhatsApp');
    expect(await text.inputValue()).toBe('Hola, gracias por contactar con nosotros. ¿En qué puedo ayudarte?');
    await text.fill('Hola María, ya veo el pedido 42. Le envío la guía de devolución.');
    const before = t.twilio.sent.length;
    await text.press('Control+Enter');

    // Out through the twilio SDK to the contract mock, exactly once; the composer empties.
    await expect.poll(() => t.twilio.sent.length).toBe(before + 1);
    const request = t.twilio.sent[before]!;
    expect(request).toMatchObject({ method: 'POST', status: 201 });
    const fields = formFields(request);
    expect(fields).toMatchObject({ To: `whatsapp:${CUSTOMER}`, Body: 'Hola María, ya veo el pedido 42. Le envío la guía de devolución.' });
    await expect.poll(() => text.inputValue()).toBe('');

    const outbound = agent.locator('[data-test="timeline-message"][data-direction="outbound"]');
    await expect.poll(() => outbound.count()).toBe(1);
    expect(await outbound.innerText()).toContain('WhatsApp de Ana García');
    const status = outbound.locator('[data-test="delivery-status"]');
    expect(await status.getAttribute('data-status')).not.toBe('delivered');

    // Twilio calls back, signed: sent, then delivered — the tick moves live, no reload.
    const messageId = new URL(fields.StatusCallback as string).searchParams.get('messageId')!;
    const row = await t.api.services.db.selectFrom('messages').select('provider_message_id').where('id', '=', messageId).executeTakeFirstOrThrow();
    for (const MessageStatus of ['sent', 'delivered']) {
      const res = await postSigned(fields.StatusCallback as string, { MessageSid: row.provider_message_id!, AccountSid: testAccountSid, MessageStatus });
      expect(res.status, res.text).toBe(200);
    }
    await expect.poll(() => status.getAttribute('data-status')).toBe('delivered');
    expect(await status.innerText()).toContain('Entregado');
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
    // The agent list follows too: the conversation's slot moved from Ana to Luis.
    await expect.poll(() => supervisor.locator('[data-test="agent-row"][data-agent-name="Luis Pérez"]').innerText()).toContain('WhatsApp 1/2');
    await expect.poll(() => supervisor.locator('[data-test="agent-row"][data-agent-name="Ana García"]').innerText()).toContain('WhatsApp 0/2');
    await supervisor.screenshot({ path: join(screenshotDir, 'supervisor-after-reassign.png'), fullPage: true });
  });

  it('on a call, the agent records consent and pushes a link over WhatsApp; the open shows live', async () => {
    // A call handed over by a CTI integration, from the same customer's number.
    const customer = await t.api.services.db.selectFrom('customer_identities').select('customer_id').where('value', '=', CUSTOMER).executeTakeFirstOrThrow();
    const enqueued = await t.gql<{ enqueueInteraction: { __typename: string; interaction?: { id: string } } }>(ops.enqueue, {
      input: { customerId: Buffer.from(`Customer:${customer.customer_id}`).toString('base64'), queueId, channel: 'VOICE', context: { from: CUSTOMER, motivo: 'Devolución' } },
    }, supToken);
    expect(enqueued.data?.enqueueInteraction.__typename).toBe('InteractionPayload');

    await agent.getByRole('button', { name: 'Aceptar Llamada de María López' }).click();
    await expect.poll(() => agent.locator('[data-test="workspace"]').getAttribute('data-interaction-id')).toBe(enqueued.data!.enqueueInteraction.interaction!.id);
    await expect.poll(() => agent.locator('[data-test="softphone"]').innerText()).toContain('Colgar');
    // On a call the composer only takes private notes, kept on the timeline.
    const composer = agent.locator('[data-test="composer"]');
    expect(await composer.getByRole('button', { name: 'Enviar' }).count()).toBe(0);
    await composer.locator('[data-test="composer-text"]').fill('Llama por la devolución del pedido A-42');
    await composer.getByRole('button', { name: 'Guardar nota' }).click();
    await expect.poll(() => agent.locator('[data-test="timeline"]').innerText()).toContain('Llama por la devolución del pedido A-42');

    // Meanwhile the supervisor adds the returns form to the library of approved documents.
    const library = supervisor.locator('[data-test="document-library"]');
    await library.getByLabel('Title').fill('Formulario de devolución');
    await library.getByLabel('File (image, PDF, audio or video)').setInputFiles({ name: 'devolucion.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x20)]) });
    await library.getByRole('button', { name: 'Add to the library' }).click();
    await expect.poll(() => library.locator('[data-test="library-document"]').innerText()).toContain('Formulario de devolución');

    const panel = agent.locator('[data-test="push-panel"]');
    const policy = panel.locator('[data-test="push-policy"]');
    await expect.poll(() => policy.innerText()).toContain('A +34612345678');
    expect(await policy.innerText()).toContain('Consentimiento: sin preguntar');
    expect(await policy.innerText()).toMatch(/Ventana abierta durante 23:5\d:\d\d/);

    await panel.getByRole('button', { name: 'Registrar consentimiento verbal' }).click();
    await expect.poll(() => policy.innerText()).toContain('Consentimiento: dado');

    // A link outside the allow-list is refused, and the server's reason shows in the panel.
    await panel.getByLabel('Título').fill('Guía');
    await panel.getByLabel('Enlace (https://…)').fill('https://evil.example/devoluciones');
    await panel.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect.poll(() => panel.locator('[data-test="push-error"]').innerText()).toMatch(/evil\.example/);
    expect(await panel.locator('[data-test="push-item"]').count()).toBe(0);

    await panel.getByLabel('Título').fill('Guía de devolución');
    await panel.getByLabel('Enlace (https://…)').fill('https://tienda.example/devoluciones');
    await panel.getByRole('button', { name: 'Enviar', exact: true }).click();
    const item = panel.locator('[data-test="push-item"]');
    await expect.poll(() => item.count()).toBe(1);
    expect(await panel.locator('[data-test="push-opened"]').innerText()).toBe('Sin abrir todavía');

    // The customer taps the short link on their phone: the console shows it opened, live.
    const pushes = await t.gql<{ interaction: { pushes: { links: { shortUrl: string }[] }[] } }>(
      'query($id: ID!) { interaction(id: $id) { pushes { links { shortUrl } } } }', { id: enqueued.data!.enqueueInteraction.interaction!.id }, anaToken);
    const shortUrl = pushes.data!.interaction.pushes[0]!.links[0]!.shortUrl;
    const opened = await fetch(shortUrl, { redirect: 'manual', headers: { 'user-agent': 'WhatsApp/2.24 Android' } });
    expect(opened.headers.get('location')).toBe('https://tienda.example/devoluciones');
    await expect.poll(() => panel.locator('[data-test="push-opened"]').innerText()).toBe('Enlace abierto (1)');
    await expect.poll(() => agent.locator('[data-test="timeline"]').innerText()).toContain('Se abrió el enlace enviado');

    // Then the form from the library: picked, not uploaded, and on its way like the link.
    await panel.getByLabel('Archivo', { exact: true }).check();
    await panel.getByLabel('Documento de la biblioteca').selectOption({ label: 'Formulario de devolución · 3 kB' });
    await panel.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect.poll(() => item.count()).toBe(2);
    expect(t.twilio.to('/Messages.json').at(-1)!.form.some(([k, v]) => k === 'MediaUrl' && v.includes('/media/'))).toBe(true);
    await agent.locator('[data-test="softphone"]').scrollIntoViewIfNeeded();
    await agent.screenshot({ path: join(screenshotDir, 'agent-voice-workspace.png') });

    // The supervisor's push figures (a 24 h aggregate, read when the dashboard loads).
    await supervisor.reload();
    const figures = supervisor.locator('[data-test="push-figures"]');
    await expect.poll(() => figures.innerText()).toMatch(/Pushes\s+2\b/);
    expect(await figures.innerText()).toMatch(/Link opened\s+100%/);
    expect(await figures.innerText()).toMatch(/Link not allowed\s+1/);
  });

  it('the supervisor edits the queue: its settings form, saved, and the table follows', async () => {
    await supervisor.getByRole('button', { name: 'Edit queue WhatsApp Ventas' }).click();
    const form = supervisor.locator('[data-test="queue-settings-form"]');
    await form.getByLabel('SLA target (seconds)').fill('45');
    // Business hours and skills are part of the form (the queue stays always open here).
    expect(await form.locator('[data-test="queue-hours"]').isVisible()).toBe(true);
    await form.scrollIntoViewIfNeeded();
    await supervisor.screenshot({ path: join(screenshotDir, 'supervisor-queue-settings.png'), fullPage: true });
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => supervisor.locator('[data-test="queue-settings-saved"]').innerText()).toBe('Queue WhatsApp Ventas saved.');
    await expect.poll(() => supervisor.locator('[data-test="queue-row"]').first().innerText()).toContain('45 sec');
  });
});
