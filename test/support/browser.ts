import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; the project never downloads a browser of its own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Gitignored folder where e2e runs leave their screenshots for people to look at. */
export const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Signs in through the console's Spanish login form, then opens `link` from the navigation. */
export async function signInAndOpen(
  page: Page,
  o: { baseUrl: string; email: string; password: string; link: string; path: RegExp },
): Promise<void> {
  await page.goto(`${o.baseUrl}/login`);
  await page.getByLabel('Correo electrónico').fill(o.email);
  await page.getByLabel('Contraseña').fill(o.password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.waitForURL(/\/console/);
  await page.getByRole('link', { name: o.link }).click();
  await page.waitForURL(o.path);
}
