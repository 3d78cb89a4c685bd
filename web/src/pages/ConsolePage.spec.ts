import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '../App.vue';
import { hasSession, reloadSessionFromStorage, SESSION_STORAGE_KEY } from '../composables/useSession';
import type { User } from '../graphql/operations';
import { createAppI18n } from '../i18n';
import { createAppRouter } from '../router';
import { createFakeClient } from '../test/fakeClient';

const stored: User = { id: 'VXNlcjox', email: 'ana@example.com', name: 'Ana García', role: 'AGENT' };

async function openConsole(viewer: User | null) {
  const fake = createFakeClient(() => ({ data: { viewer } }));
  const router = createAppRouter(createMemoryHistory());
  const wrapper = mount(App, {
    global: { plugins: [createAppI18n('es'), [urql, fake.client], router] },
  });
  await router.push('/console');
  await flushPromises();
  return { wrapper, router, operations: fake.operations };
}

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: 'jwt', user: stored }));
  reloadSessionFromStorage();
});

describe('ConsolePage', () => {
  it('shows the header, the nav and the empty placeholder for a signed-in agent', async () => {
    const { wrapper, operations } = await openConsole({ ...stored, role: 'SUPERVISOR' });

    expect(wrapper.find('header').text()).toContain('Ana García');
    // The role comes from the API's viewer, not just from what was stored at login.
    expect(wrapper.get('[data-test="user-role"]').text()).toBe('Supervisor');
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Secciones de la consola');
    expect(wrapper.get('main').text()).toContain('Sin interacciones todavía');
    expect(operations.map((o) => o.kind)).toEqual(['query']);
  });

  it('returns to the login page when the agent logs out', async () => {
    const { wrapper, router } = await openConsole(stored);

    const logout = wrapper.findAll('button').find((b) => b.text() === 'Cerrar sesión');
    await logout?.trigger('click');
    await flushPromises();

    expect(hasSession()).toBe(false);
    // The login page is a lazily loaded chunk, so navigation settles after a dynamic import.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
  });

  it('drops a session the API no longer recognises (viewer is null)', async () => {
    const { router } = await openConsole(null);
    expect(hasSession()).toBe(false);
    // The login page is a lazily loaded chunk, so navigation settles after a dynamic import.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
  });
});

