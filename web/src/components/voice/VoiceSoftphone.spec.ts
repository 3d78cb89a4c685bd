import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { computed, defineComponent, h, ref } from 'vue';
import { provideSoftphone, SoftphoneKey, type Softphone } from '../../composables/useSoftphone';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName } from '../../test/fakeClient';
import VoiceSoftphone from './VoiceSoftphone.vue';
import VoiceSoftphoneStatus from './VoiceSoftphoneStatus.vue';

function fakeSoftphone(overrides: Partial<Record<'ringing' | 'inCall' | 'muted', boolean>> = {}) {
  return {
    state: ref('ready'),
    message: ref(null),
    muted: ref(overrides.muted ?? false),
    ringing: computed(() => overrides.ringing ?? false),
    inCall: computed(() => overrides.inCall ?? false),
    caller: computed(() => '+34612345678'),
    resume: vi.fn(),
    connect: vi.fn(),
    disconnect: vi.fn(),
    answer: vi.fn(),
    reject: vi.fn(),
    hangUp: vi.fn(),
    toggleMute: vi.fn(),
  } as unknown as Softphone & Record<'answer' | 'hangUp' | 'toggleMute', ReturnType<typeof vi.fn>>;
}

function mountPanel(softphone: Softphone) {
  return mount(VoiceSoftphone, { global: { plugins: [createAppI18n('en')], provide: { [SoftphoneKey as symbol]: softphone } } });
}

describe('VoiceSoftphone', () => {
  it('answers a ringing call', async () => {
    const softphone = fakeSoftphone({ ringing: true });
    const panel = mountPanel(softphone);
    expect(panel.get('[data-test="softphone-state"]').text()).toBe('Incoming call from +34612345678');
    await panel.get('[data-test="softphone-answer"]').trigger('click');
    expect(softphone.answer).toHaveBeenCalledOnce();
  });

  it('mutes, hangs up and asks to transfer during a call; hold says why it is unavailable', async () => {
    const softphone = fakeSoftphone({ inCall: true, muted: true });
    const panel = mountPanel(softphone);
    const mute = panel.get('[data-test="softphone-mute"]');
    expect(mute.text()).toBe('Unmute');
    expect(mute.attributes('aria-pressed')).toBe('true');
    await mute.trigger('click');
    await panel.get('[data-test="softphone-hangup"]').trigger('click');
    await panel.get('[data-test="softphone-transfer"]').trigger('click');
    expect(softphone.toggleMute).toHaveBeenCalledOnce();
    expect(softphone.hangUp).toHaveBeenCalledOnce();
    expect(panel.emitted('transfer')).toHaveLength(1);
    const hold = panel.findAll('button').find((b) => b.text() === 'Hold')!;
    expect(hold.attributes('disabled')).toBeDefined();
    expect(panel.get(`[id="${hold.attributes('aria-describedby')}"]`).text()).toContain('API does not have yet');
  });

  it('cannot hang up or mute without a call', () => {
    const panel = mountPanel(fakeSoftphone());
    expect(panel.get('[data-test="softphone-hangup"]').attributes('disabled')).toBeDefined();
    expect(panel.get('[data-test="softphone-mute"]').attributes('disabled')).toBeDefined();
  });
});

describe('the softphone connection', () => {
  it('shows the server’s reason when voice is not configured, without loading the SDK', async () => {
    localStorage.clear();
    const fake = createFakeClient((operation) =>
      operationName(operation) === 'CreateVoiceAccessToken'
        ? { data: { createVoiceAccessToken: { __typename: 'TwilioNotConfiguredError', message: 'The browser softphone is not configured.' } } }
        : { data: null },
    );
    const Host = defineComponent({
      setup() {
        const softphone = provideSoftphone();
        return () => h(VoiceSoftphoneStatus, { softphone });
      },
    });
    const wrapper = mount(Host, { global: { plugins: [createAppI18n('es'), [urql, fake.client]] } });
    expect(wrapper.get('[role="status"]').text()).toBe('Sin conectar');
    await wrapper.get('[data-test="softphone-connect"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="status"]').text()).toBe('No disponible');
    expect(wrapper.get('[data-test="softphone-message"]').text()).toBe('The browser softphone is not configured.');
    expect(localStorage.getItem('cc.softphone')).toBe('1');
  });
});
