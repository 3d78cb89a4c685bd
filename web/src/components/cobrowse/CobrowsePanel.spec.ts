import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CobrowseSession } from '../../graphql/cobrowse';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import CobrowsePanel from './CobrowsePanel.vue';

// rrweb's replayer needs a real browser; here it records what it was given.
const replayed = vi.hoisted(() => ({ events: [] as { type: number }[], baseline: [] as number[], destroyed: 0 }));
vi.mock('@rrweb/replay', () => ({
  Replayer: class {
    iframe = document.createElement('iframe');
    on() {}
    startLive(t: number) {
      replayed.baseline.push(t);
    }
    addEvent(e: { type: number }) {
      replayed.events.push(e);
    }
    destroy() {
      replayed.destroyed++;
    }
  },
}));

const interactionId = 'SW50ZXJhY3Rpb246Mg==';
const base: CobrowseSession = {
  id: 'Q29icm93c2VTZXNzaW9uOjE=',
  status: 'PENDING_CONSENT',
  currentUrl: null,
  pagesVisited: [],
  consentedAt: null,
  startedAt: '2026-01-15T14:00:00Z',
  endedAt: null,
  endReason: null,
  agent: { id: 'VXNlcjox', name: 'Ana' },
};
let sessions: CobrowseSession[];
let answers: Record<string, unknown>;

async function mountPanel(props: { readOnly?: boolean } = {}) {
  const target = document.createElement('div');
  target.id = 'stage';
  document.body.append(target);
  const fake = createFakeClient((operation): FakeResponse => {
    const name = operationName(operation);
    if (name === 'InteractionCobrowse') return { data: { interaction: { id: interactionId, cobrowseSessions: sessions } } };
    return { data: (answers[name] as Record<string, unknown>) ?? null };
  });
  const wrapper = mount(CobrowsePanel, {
    props: { interactionId, pageUrl: 'https://shop.example/checkout', stageTarget: '#stage', ...props },
    attachTo: document.body,
    global: { plugins: [createAppI18n('en'), [urql, fake.client]] },
  });
  await flushPromises();
  return { wrapper, fake, live: () => document.querySelector('[data-test="cobrowse-live"]') };
}

const batch = (seq: number, events: { type: number; timestamp: number }[], session: Partial<CobrowseSession> = {}) => ({
  cobrowseEvents: { seq, events, url: 'https://shop.example/checkout', session: { ...base, status: 'ACTIVE', currentUrl: 'https://shop.example/checkout', ...session } },
});
const ev = (type: number, n = 0) => ({ type, timestamp: 1_700_000_000_000 + n, data: {} });

beforeEach(() => {
  sessions = [];
  answers = {};
  replayed.events = [];
  replayed.baseline = [];
  replayed.destroyed = 0;
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('CobrowsePanel', () => {
  it('joins by the code the caller reads out, then waits for their consent', async () => {
    answers.JoinCobrowseByCode = { joinCobrowseByCode: { __typename: 'JoinCobrowseByCodePayload', session: base } };
    const { wrapper, fake, live } = await mountPanel();
    await wrapper.get('[data-test="cobrowse-code"]').setValue('482 913');
    await wrapper.get('[data-test="cobrowse-code-form"]').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'JoinCobrowseByCode')?.variables).toEqual({ input: { interactionId, code: '482913' } });
    expect(wrapper.get('[data-test="cobrowse-waiting"]').text()).toBe('Waiting for the caller to allow sharing…');
    expect(wrapper.emitted('live')?.at(-1)).toEqual([true]);
    expect(live()).not.toBeNull();
    expect(fake.openSubscriptions()).toContain('CobrowseEvents');
  });

  it('shows the server’s reason when a code is refused', async () => {
    answers.JoinCobrowseByCode = { joinCobrowseByCode: { __typename: 'CobrowseCodeInvalidError', message: 'That code is not valid or has expired.' } };
    const { wrapper } = await mountPanel();
    await wrapper.get('[data-test="cobrowse-code"]').setValue('000000');
    await wrapper.get('[data-test="cobrowse-code-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-test="cobrowse-error"]').text()).toBe('That code is not valid or has expired.');
  });

  it('sends the invitation link for the page from the contact’s context', async () => {
    answers.InviteToCobrowse = { inviteToCobrowse: { __typename: 'InviteToCobrowsePayload', session: { ...base, status: 'INVITED' } } };
    const { wrapper, fake } = await mountPanel();
    await wrapper.get('[data-test="cobrowse-mode-link"]').trigger('click');
    expect((wrapper.get('[data-test="cobrowse-link-form"] input[type="url"]').element as HTMLInputElement).value).toBe('https://shop.example/checkout');
    await wrapper.get('[data-test="cobrowse-link-form"]').trigger('submit');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'InviteToCobrowse')?.variables).toEqual({ input: { interactionId, via: 'WHATSAPP', pageUrl: 'https://shop.example/checkout' } });
    expect(wrapper.get('[data-test="cobrowse-waiting"]').text()).toBe('Link sent. Waiting for the caller to open it…');
  });

  it('replays from the full snapshot on, asks for a new one after a gap, and closes with the reason', async () => {
    sessions = [{ ...base, status: 'ACTIVE' }];
    answers.RequestCobrowseSnapshot = { requestCobrowseSnapshot: true };
    const { wrapper, fake, live } = await mountPanel();
    const push = (data: ReturnType<typeof batch>) => fake.push('CobrowseEvents', data);

    push(batch(3, [ev(3)]));
    await flushPromises();
    expect(replayed.events).toEqual([]);
    expect(fake.operations.filter((o) => operationName(o) === 'RequestCobrowseSnapshot')).toHaveLength(1);

    push(batch(4, [ev(4, 1), ev(2, 2), ev(3, 3)]));
    await flushPromises();
    expect(replayed.events.map((e) => e.type)).toEqual([4, 2, 3]);
    expect(replayed.baseline).toEqual([1_700_000_000_001 - 1000]);
    expect(document.querySelector('[data-test="cobrowse-url"]')?.textContent).toBe('https://shop.example/checkout');

    push(batch(6, [ev(3, 5)]));
    await flushPromises();
    expect(replayed.events).toHaveLength(3);

    push(batch(6, [], { status: 'ENDED', endReason: 'CUSTOMER_STOPPED', endedAt: '2026-01-15T14:05:00Z' }));
    await flushPromises();
    expect(live()).toBeNull();
    expect(replayed.destroyed).toBe(1);
    expect(wrapper.get('[data-test="cobrowse-ended"]').text()).toContain('The caller stopped sharing.');
    expect(wrapper.emitted('live')?.at(-1)).toEqual([false]);
  });

  it('offers the agent the tools over the live view once the page shows', async () => {
    sessions = [{ ...base, status: 'ACTIVE' }];
    const { fake } = await mountPanel();
    fake.push('CobrowseEvents', batch(1, [ev(4), ev(2)]));
    await flushPromises();
    expect(document.querySelector('[data-test="cobrowse-catcher"]')?.classList).toContain('cobrowse-live__catcher--tools');
    expect(document.querySelector('[data-test="cobrowse-tool-highlight"]')).not.toBeNull();
    expect(document.querySelector('[data-test="cobrowse-end-live"]')).not.toBeNull();
  });

  it('supervisors watch without tools or an end button', async () => {
    sessions = [{ ...base, status: 'ACTIVE' }];
    const { wrapper } = await mountPanel({ readOnly: true });
    expect(wrapper.find('[data-test="cobrowse-end"]').exists()).toBe(false);
    expect(document.querySelector('[data-test="cobrowse-tool-highlight"]')).toBeNull();
    expect(document.querySelector('[data-test="cobrowse-end-live"]')).toBeNull();
    expect(wrapper.text()).toContain('Watching (read only)');
  });
});
