import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '../App.vue';
import { hasSession, reloadSessionFromStorage, SESSION_STORAGE_KEY } from '../composables/useSession';
import type { AgentProfile } from '../graphql/agents';
import type { Offer } from '../graphql/offers';
import type { User } from '../graphql/session';
import { createAppI18n } from '../i18n';
import { createAppRouter } from '../router';
import { createFakeClient, operationName, type FakeResponse } from '../test/fakeClient';
import { agentProfile, customerDetail, interactionDetail, offer } from '../test/fixtures';
// Loaded with the file, not inside the first test: the router imports pages lazily, and on a busy
// machine transforming the page tree on first use can outlast a test's time limit.
import './ConsolePage.vue';

const stored: User = { id: 'VXNlcjox', email: 'ana@example.com', name: 'Ana García', role: 'AGENT' };

interface Backend {
  viewer: User | null;
  agent: AgentProfile | null;
  offers: Offer[];
  accept?: Record<string, unknown>;
  loggedOut?: boolean;
}

async function openConsole(backend: Backend, path = '/console') {
  const fake = createFakeClient((operation): FakeResponse => {
    const viewer = backend.viewer && { ...backend.viewer, agent: backend.agent };
    switch (operationName(operation)) {
      case 'Viewer':
        return { data: { viewer: backend.viewer } };
      case 'AgentViewer':
        return { data: { viewer } };
      case 'MyOffers':
        return { data: { myOffers: backend.offers } };
      case 'MyInteractions':
        return { data: { interactions: { edges: [] } } };
      case 'SetPresence':
        backend.agent = agentProfile((operation.variables as { status: AgentProfile['presence']['status'] }).status);
        return { data: { setPresence: { __typename: 'PresencePayload', agent: backend.agent } } };
      case 'Logout':
        backend.loggedOut = true;
        return { data: { logout: { signedOut: true } } };
      case 'AcceptOffer':
        return { data: { acceptOffer: backend.accept } };
      case 'Interaction':
        return { data: { interaction: interactionDetail() } };
      case 'Customer':
        return { data: { customer: customerDetail() } };
      default:
        return { data: null };
    }
  });
  const router = createAppRouter(createMemoryHistory());
  const wrapper = mount(App, {
    global: { plugins: [createAppI18n('es'), [urql, fake.client], router] },
    attachTo: document.body,
  });
  await router.push(path);
  await flushPromises();
  await vi.waitFor(() => expect(wrapper.find('.console-page').exists()).toBe(true));
  await flushPromises();
  return { wrapper, router, fake };
}

beforeEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ user: stored }));
  reloadSessionFromStorage();
});

describe('ConsolePage', () => {
  it('shows presence, capacity per channel, no offers and the empty workspace for an offline agent', async () => {
    const { wrapper, fake } = await openConsole({ viewer: { ...stored, role: 'SUPERVISOR' }, agent: agentProfile(), offers: [] });

    expect(wrapper.find('header').text()).toContain('Ana García');
    // The role comes from the API's viewer, not just from what was stored at login.
    expect(wrapper.get('[data-test="user-role"]').text()).toBe('Supervisor');
    expect(wrapper.get('[data-test="presence-since"]').text()).toContain('Desconectado');
    expect(wrapper.get('[data-test="capacity"]').text()).toContain('0/2');
    expect(wrapper.get('[data-test="offers"]').text()).toContain('Ponte disponible para recibir ofertas.');
    expect(wrapper.get('main').text()).toContain('Sin interacciones todavía');
    // Live: offers arrive on a subscription, not by polling.
    expect(fake.openSubscriptions()).toContain('Offers');
  });

  it('goes available from the presence switch', async () => {
    const { wrapper, fake } = await openConsole({ viewer: stored, agent: agentProfile(), offers: [] });
    await wrapper.get('[data-test="presence-AVAILABLE"]').setValue(true);
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'SetPresence')?.variables).toEqual({ status: 'AVAILABLE' });
    expect(wrapper.get('[data-test="presence-since"]').text()).toContain('Disponible');
  });

  it('shows an offer pushed on the subscription, accepts it and opens its workspace', async () => {
    const backend: Backend = { viewer: stored, agent: agentProfile('AVAILABLE'), offers: [] };
    backend.accept = { __typename: 'InteractionPayload', interaction: { id: 'SW50ZXJhY3Rpb246MQ==', status: 'ASSIGNED' } };
    const { wrapper, fake, router } = await openConsole(backend);
    expect(wrapper.findAll('[data-test="offer"]')).toHaveLength(0);

    expect(fake.push('Offers', { offers: offer() })).toBe(1);
    await flushPromises();
    const card = wrapper.get('[data-test="offer"]');
    expect(card.text()).toContain('María López');
    expect(card.text()).toContain('Cola: Ventas');
    expect(card.get('[data-test="offer-countdown"]').text()).toMatch(/^Caduca en 0:2\d$/);

    await card.get('[data-test="offer-accept"]').trigger('click');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'AcceptOffer')?.variables).toEqual({ offerId: offer().id });
    expect(router.currentRoute.value.query.interaction).toBe('SW50ZXJhY3Rpb246MQ==');
    await vi.waitFor(() => expect(wrapper.find('[data-test="workspace"]').exists()).toBe(true));
    expect(wrapper.findAll('[data-test="offer"]')).toHaveLength(0);
  });

  it('shows the server’s refusal on the offer itself when accepting fails', async () => {
    const backend: Backend = { viewer: stored, agent: agentProfile('AVAILABLE'), offers: [offer()] };
    backend.accept = { __typename: 'OfferAlreadyDecidedError', message: 'Esta oferta ya se decidió.' };
    const { wrapper, router } = await openConsole(backend);

    await wrapper.get('[data-test="offer-accept"]').trigger('click');
    await flushPromises();
    const error = wrapper.get('[data-test="offer-error"]');
    expect(error.attributes('role')).toBe('alert');
    expect(error.text()).toContain('Esta oferta ya se decidió.');
    expect(router.currentRoute.value.query.interaction).toBeUndefined();
  });

  it('removes an offer when the subscription reports it expired or withdrawn', async () => {
    const { wrapper, fake } = await openConsole({ viewer: stored, agent: agentProfile('AVAILABLE'), offers: [offer()] });
    expect(wrapper.findAll('[data-test="offer"]')).toHaveLength(1);
    fake.push('Offers', { offers: { ...offer(), outcome: 'CANCELLED' } });
    await flushPromises();
    expect(wrapper.findAll('[data-test="offer"]')).toHaveLength(0);
  });

  it('tells a user without an agent profile that they cannot take interactions', async () => {
    const { wrapper } = await openConsole({ viewer: stored, agent: null, offers: [] });
    expect(wrapper.get('[data-test="not-agent"]').text()).toContain('no está preparada para atender interacciones');
  });

  it('ends the session on the API and returns to the login page when the agent logs out', async () => {
    const backend: Backend = { viewer: stored, agent: agentProfile(), offers: [] };
    const { wrapper, router } = await openConsole(backend);

    const logout = wrapper.findAll('button').find((b) => b.text() === 'Cerrar sesión');
    await logout?.trigger('click');
    await flushPromises();

    expect(backend.loggedOut).toBe(true);
    expect(hasSession()).toBe(false);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
  });

  it('drops a session the API no longer recognises (viewer is null)', async () => {
    const fake = createFakeClient(() => ({ data: { viewer: null } }));
    const router = createAppRouter(createMemoryHistory());
    mount(App, { global: { plugins: [createAppI18n('es'), [urql, fake.client], router] } });
    await router.push('/console');
    await flushPromises();
    expect(hasSession()).toBe(false);
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
  });
});
