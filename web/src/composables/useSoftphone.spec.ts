import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createAppI18n } from '../i18n';
import { createFakeClient } from '../test/fakeClient';
import { createSoftphone, type Softphone } from './useSoftphone';

// A stand-in for the Voice SDK's Device and Call: just their events.
type Handler = (...args: unknown[]) => void;
class Emitter {
  handlers = new Map<string, Handler[]>();
  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}
const devices: FakeDevice[] = [];
class FakeDevice extends Emitter {
  constructor() {
    super();
    devices.push(this);
  }
  async register() {
    this.emit('registered');
  }
  destroy() {}
}
class FakeCall extends Emitter {
  parameters = { From: '+34612345678' };
  customParameters: Map<string, string>;
  accept = vi.fn(() => this.emit('accept'));
  constructor(params: Record<string, string> = {}) {
    super();
    this.customParameters = new Map(Object.entries(params));
  }
}
vi.mock('@twilio/voice-sdk', () => ({ Device: FakeDevice }));

async function connected(): Promise<Softphone> {
  let softphone!: Softphone;
  const fake = createFakeClient(() => ({ data: { createVoiceAccessToken: { __typename: 'VoiceAccessToken', token: 'jwt', identity: 'agent_1', expiresAt: '2026-01-01T00:00:00Z' } } }));
  const Host = defineComponent({
    setup() {
      softphone = createSoftphone();
      return () => h('div');
    },
  });
  mount(Host, { global: { plugins: [createAppI18n('en'), [urql, fake.client]] } });
  await softphone.connect();
  await flushPromises();
  expect(softphone.state.value).toBe('ready');
  return softphone;
}

describe('resuming a held call on the softphone', () => {
  it('answers by itself the re-dialled leg of the interaction being resumed, once', async () => {
    const softphone = await connected();
    const device = devices.at(-1)!;
    softphone.expectResume('I1');
    const resumed = new FakeCall({ interactionId: 'I1' });
    device.emit('incoming', resumed);
    expect(resumed.accept).toHaveBeenCalledOnce();
    expect(softphone.inCall.value).toBe(true);
    expect(softphone.ringing.value).toBe(false);

    // A later call for it (or any other) rings as usual.
    resumed.emit('disconnect');
    const again = new FakeCall({ interactionId: 'I1' });
    device.emit('incoming', again);
    expect(again.accept).not.toHaveBeenCalled();
    expect(softphone.ringing.value).toBe(true);
  });

  it('lets another interaction’s call ring', async () => {
    const softphone = await connected();
    softphone.expectResume('I1');
    const other = new FakeCall({ interactionId: 'I2' });
    devices.at(-1)!.emit('incoming', other);
    expect(other.accept).not.toHaveBeenCalled();
    expect(softphone.ringing.value).toBe(true);
  });
});
