import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshotDir } from '../support/browser';
import { createTestDatabase } from '../support/postgres';
import { startSystem, type StartedSystem } from '../support/start-process';

// The `npm start` entry point, for real: child process, migrations, seeded users, built console,
// then a person signing in with headless Chromium.
let system: StartedSystem;
let browser: Browser;
let dropDb: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase(inject('postgresUrl'));
  dropDb = database.drop;
  // Demo users only on request; the banner says so at every start.
  system = await startSystem({ DATABASE_URL: database.url, PORT: '0', SEED_DEMO_USERS: 'true', SEED_PASSWORD: 'demo-password-1', NODE_ENV: 'production' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (system && system.child.exitCode === null) await system.interrupt();
  await dropDb?.();
});

describe('npm start', () => {
  it('prints the demo credentials and the console URL', () => {
    expect(system.output()).toMatch(/agent\s+agent@demo\.local\s+demo-password-1/);
    expect(system.output()).toContain('DEMO USERS SEEDED');
    // Users exist (the demo ones): no first administrator is made.
    expect(system.output()).not.toContain('FIRST ADMINISTRATOR CREATED');
    expect(system.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the console; a wrong password is refused in place, the right one opens the console with an httpOnly session; logout ends it', async () => {
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // The console runs under a strict Content-Security-Policy: anything it blocks is a bug here.
    const violations: string[] = [];
    page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && violations.push(m.text())));
    const served = await page.goto(`${system.consoleUrl}/console`);
    expect(served?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForURL(/\/login/);

    await page.getByLabel('Correo electrónico').fill('agent@demo.local');
    await page.getByLabel('Contraseña').fill('wrong-password');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/\S/);
    await page.screenshot({ path: join(screenshotDir, 'login-refused.png') });

    await page.getByLabel('Contraseña').fill('demo-password-1');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL(/\/console/);
    await expect.poll(() => page.locator('body').innerText()).toContain('Álex Agente');
    await page.screenshot({ path: join(screenshotDir, 'console.png') });

    // The session is an httpOnly cookie: page script can read neither it nor a token in storage.
    const storage = await page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), cookie: document.cookie }));
    expect(storage.local).not.toMatch(/token|eyJ/);
    expect(storage.session).not.toMatch(/token|eyJ/);
    expect(storage.cookie).not.toContain('cc_session');
    const [sessionCookie] = (await context.cookies()).filter((c) => c.name === 'cc_session');
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(violations).toEqual([]);
    // An injected inline script does not run.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBe(1);

    // A reload keeps the session; the deep link is served by the API's index.html fallback.
    await page.reload();
    await expect.poll(() => page.locator('body').innerText()).toContain('Álex Agente');

    // Logging out ends the session on the server: the cookie is gone and the console asks to sign in.
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(/\/login/);
    expect((await context.cookies()).some((c) => c.name === 'cc_session')).toBe(false);
    await page.goto(`${system.consoleUrl}/console`);
    await page.waitForURL(/\/login/);
    await context.close();
  });

  it('stops cleanly on Ctrl-C', async () => {
    expect(await system.interrupt()).toBe(0);
  });
});

describe('npm start on a fresh database, without demo users', () => {
  let fresh: StartedSystem | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    if (fresh && fresh.child.exitCode === null) await fresh.interrupt();
    await drop?.();
  });

  it('creates the first administrator once and prints its one-time password; no demo accounts; the administrator creates an agent who signs in', async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    drop = database.drop;
    const env = { DATABASE_URL: database.url, PORT: '0', NODE_ENV: 'production' };
    fresh = await startSystem(env);
    const out = fresh.output();
    expect(out).toContain('FIRST ADMINISTRATOR CREATED');
    expect(out).not.toContain('DEMO USERS SEEDED');
    const [, email, password] = out.match(/admin\s+(admin@contact-center\.local)\s+(\S+)/) ?? [];
    const login = async (e: string, p: string) => {
      const res = await fetch(`${fresh!.consoleUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { __typename } }', variables: { input: { email: e, password: p } } }),
      });
      return ((await res.json()) as { data?: { login: { __typename: string } } }).data?.login.__typename;
    };
    expect(await login(email!, password!)).toBe('LoginPayload');
    expect(await login('admin@demo.local', password!)).not.toBe('LoginPayload');

    // The administrator, in the console, creates the first agent (Users view) …
    const adminContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const admin = await adminContext.newPage();
    await admin.goto(`${fresh.consoleUrl}/login`);
    await admin.getByLabel('Email').fill(email!);
    await admin.getByLabel('Password').fill(password!);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL(/\/console/);
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.waitForURL(/\/users/);
    await expect.poll(() => admin.locator('[data-test="user-row"]').count()).toBe(1);
    await admin.screenshot({ path: join(screenshotDir, 'users-empty.png'), fullPage: true });
    const form = admin.locator('[data-test="create-user"]');
    await form.getByLabel('Email').fill('nora.agent@example.com');
    await form.getByLabel('Name').fill('Nora Agent');
    await expect.poll(() => form.getByLabel('General').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Create user' }).click();
    const shown = admin.locator('[data-test="one-time-password-value"]');
    await shown.waitFor();
    const agentPassword = (await shown.innerText()).trim();
    expect(agentPassword.length).toBeGreaterThanOrEqual(12);
    await expect.poll(() => admin.locator('[data-test="one-time-password"]').innerText()).toContain('Shown only once');
    await expect.poll(() => admin.locator('[data-test="user-row"]').count()).toBe(2);
    await admin.screenshot({ path: join(screenshotDir, 'users-created.png'), fullPage: true });

    // … who signs in with the password shown, in a browser of their own, and lands in the console.
    const agentContext = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await agent.goto(`${fresh.consoleUrl}/login`);
    await agent.getByLabel('Correo electrónico').fill('nora.agent@example.com');
    await agent.getByLabel('Contraseña').fill(agentPassword);
    await agent.getByRole('button', { name: 'Iniciar sesión' }).click();
    await agent.waitForURL(/\/console/);
    await expect.poll(() => agent.locator('body').innerText()).toContain('Nora Agent');
    await agent.screenshot({ path: join(screenshotDir, 'new-agent-console.png') });
    // An agent has no Users view.
    expect(await agent.getByRole('link', { name: 'Usuarios' }).count()).toBe(0);
    await agentContext.close();

    // Dismissed, the password is gone; the list shows the agent's first sign-in.
    await admin.getByRole('button', { name: 'I have saved it' }).click();
    expect(await admin.locator('[data-test="one-time-password"]').count()).toBe(0);
    await admin.reload();
    const row = admin.locator('[data-test="user-row"][data-email="nora.agent@example.com"]');
    await expect.poll(() => row.locator('[data-test="user-role"]').inputValue()).toBe('AGENT');
    expect(await row.locator('td').nth(3).innerText()).not.toBe('Never');
    await admin.screenshot({ path: join(screenshotDir, 'users-list.png'), fullPage: true });
    await adminContext.close();
    expect(await fresh.interrupt()).toBe(0);

    // The next start finds a user: nothing is created or printed again.
    fresh = await startSystem(env);
    expect(fresh.output()).not.toContain('FIRST ADMINISTRATOR CREATED');
    expect(await fresh.interrupt()).toBe(0);
  }, 120_000);
});
