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

/** The API's co-browse live socket as the browser holds it: the test sends its frames. */
class FakeSocket {
  static opened: FakeSocket[] = [];
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
    queueMicrotask(() => this.onopen?.());
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {}
  frame(frame: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}
const socket = () => FakeSocket.opened.at(-1)!;

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

const batch = (seq: number, events: { type: number; timestamp: number }[]) => ({ kind: 'EVENTS', seq, events, url: 'https://shop.example/checkout' });
const ev = (type: number, n = 0) => ({ type, timestamp: 1_700_000_000_000 + n, data: {} });

beforeEach(() => {
  sessions = [];
  answers = {};
  replayed.events = [];
  replayed.baseline = [];
  replayed.destroyed = 0;
  FakeSocket.opened = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
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
    expect(socket().url).toBe(`ws://${window.location.host}/cobrowse/live`);
    expect(socket().sent).toEqual([{ watch: base.id }]);
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
    sessions = [{ ...base, status: 'ACTIVE', currentUrl: 'https://shop.example/checkout' }];
    answers.RequestCobrowseSnapshot = { requestCobrowseSnapshot: true };
    const { wrapper, fake, live } = await mountPanel();
    const push = (frame: Record<string, unknown>) => socket().frame(frame);

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

    // The end: a status frame, and the session read again.
    sessions = [{ ...sessions[0]!, status: 'ENDED', endReason: 'CUSTOMER_STOPPED', endedAt: '2026-01-15T14:05:00Z' }];
    push({ kind: 'STATUS', seq: 6 });
    await flushPromises();
    expect(live()).toBeNull();
    expect(replayed.destroyed).toBe(1);
    expect(wrapper.get('[data-test="cobrowse-ended"]').text()).toContain('The caller stopped sharing.');
    expect(wrapper.emitted('live')?.at(-1)).toEqual([false]);
  });

  it('offers the agent the tools over the live view once the page shows', async () => {
    sessions = [{ ...base, status: 'ACTIVE' }];
    await mountPanel();
    socket().frame(batch(1, [ev(4), ev(2)]));
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
