import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { reloadSessionFromStorage, SESSION_STORAGE_KEY } from './composables/useSession';
import { createAppRouter, safeRedirect } from './router';

function signIn() {
  localStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({ user: { id: '1', email: 'a@b.es', name: 'Ana', role: 'AGENT' } }),
  );
  reloadSessionFromStorage();
}

async function visit(path: string) {
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  return router.currentRoute.value;
}

beforeEach(() => {
  localStorage.clear();
  reloadSessionFromStorage();
});

describe('router', () => {
  it('sends visitors without a session from /console to /login', async () => {
    expect((await visit('/console')).fullPath).toBe('/login');
  });

  it('redirects / to the console, which without a session means the login page', async () => {
    expect((await visit('/')).name).toBe('login');
  });

  it('sends visitors without a session from the dashboard to /login, remembering where they were going', async () => {
    const route = await visit('/supervisor');
    expect(route.name).toBe('login');
    expect(route.query.redirect).toBe('/supervisor');
  });

  it('opens the console for a signed-in agent', async () => {
    signIn();
    expect((await visit('/')).fullPath).toBe('/console');
  });

  it('keeps signed-in agents away from the login page', async () => {
    signIn();
    expect((await visit('/login')).name).toBe('console');
  });

  it('ignores redirects that would leave the app', () => {
    expect(safeRedirect('/console')).toBe('/console');
    expect(safeRedirect('//evil.example')).toBe('/console');
    expect(safeRedirect('https://evil.example')).toBe('/console');
    expect(safeRedirect(undefined)).toBe('/console');
  });
});
