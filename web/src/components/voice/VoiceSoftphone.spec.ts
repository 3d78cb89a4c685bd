import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { computed, defineComponent, h, ref } from 'vue';
import type { Operation } from '@urql/core';
import { provideSoftphone, SoftphoneKey, type Softphone } from '../../composables/useSoftphone';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
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
    expectResume: vi.fn(),
  } as unknown as Softphone & Record<'answer' | 'hangUp' | 'toggleMute' | 'expectResume', ReturnType<typeof vi.fn>>;
}

const held = (onHold: boolean): FakeResponse => ({ data: { holdCall: { __typename: 'InteractionPayload', interaction: { id: 'I1', onHold } } } });

function mountPanel(softphone: Softphone, props: { onHold?: boolean; assigned?: boolean } = {}, respond: (op: Operation) => FakeResponse = () => held(true)) {
  const fake = createFakeClient(respond);
  const panel = mount(VoiceSoftphone, {
    props: { interactionId: 'I1', onHold: props.onHold ?? false, assigned: props.assigned ?? true },
    global: { plugins: [createAppI18n('en'), [urql, fake.client]], provide: { [SoftphoneKey as symbol]: softphone } },
  });
  return Object.assign(panel, { fake });
}

describe('VoiceSoftphone', () => {
  it('answers a ringing call', async () => {
    const softphone = fakeSoftphone({ ringing: true });
    const panel = mountPanel(softphone);
    expect(panel.get('[data-test="softphone-state"]').text()).toBe('Incoming call from +34612345678');
    await panel.get('[data-test="softphone-answer"]').trigger('click');
    expect(softphone.answer).toHaveBeenCalledOnce();
  });

  it('mutes, hangs up and asks to transfer during a call', async () => {
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
  });

  it('cannot hang up or mute without a call', () => {
    const panel = mountPanel(fakeSoftphone());
    expect(panel.get('[data-test="softphone-hangup"]').attributes('disabled')).toBeDefined();
    expect(panel.get('[data-test="softphone-mute"]').attributes('disabled')).toBeDefined();
  });
});

describe('the softphone hold toggle', () => {
  const holdInputs = (panel: ReturnType<typeof mountPanel>) =>
    panel.fake.operations.filter((o) => operationName(o) === 'HoldCall').map((o) => (o.variables as { input: unknown }).input);

  it('puts the caller on hold through the API', async () => {
    const softphone = fakeSoftphone({ inCall: true });
    const panel = mountPanel(softphone);
    const hold = panel.get('[data-test="softphone-hold"]');
    expect(hold.text()).toBe('Hold');
    expect(hold.attributes('aria-pressed')).toBe('false');
    await hold.trigger('click');
    await flushPromises();
    expect(holdInputs(panel)).toEqual([{ interactionId: 'I1', onHold: true }]);
    expect(softphone.expectResume).not.toHaveBeenCalled();
    expect(panel.find('[role="alert"]').exists()).toBe(false);
  });

  it('on hold: says so, and Resume expects the re-dialled call before asking', async () => {
    const softphone = fakeSoftphone();
    let expectedWhenAsked: unknown[][] = [];
    const panel = mountPanel(softphone, { onHold: true }, (op) => {
      expectedWhenAsked = [...softphone.expectResume.mock.calls];
      return operationName(op) === 'HoldCall' ? held(false) : { data: null };
    });
    expect(panel.get('[data-test="softphone-state"]').text()).toContain('on hold');
    const resume = panel.get('[data-test="softphone-hold"]');
    expect(resume.text()).toBe('Resume');
    expect(resume.attributes('aria-pressed')).toBe('true');
    await resume.trigger('click');
    await flushPromises();
    expect(holdInputs(panel)).toEqual([{ interactionId: 'I1', onHold: false }]);
    // The re-dialled leg can ring before the answer: the softphone expected it when the request left.
    expect(expectedWhenAsked).toEqual([['I1']]);
    expect(softphone.expectResume).toHaveBeenCalledTimes(1);
  });

  it('shows the server’s refusal in place and stops expecting the call', async () => {
    const softphone = fakeSoftphone();
    const panel = mountPanel(softphone, { onHold: true }, () => ({
      data: { holdCall: { __typename: 'NoLiveCallError', message: 'This interaction has no live call: the caller has hung up.' } },
    }));
    const resume = panel.get('[data-test="softphone-hold"]');
    await resume.trigger('click');
    await flushPromises();
    const alert = panel.get('[role="alert"]');
    expect(alert.text()).toBe('This interaction has no live call: the caller has hung up.');
    expect(resume.attributes('aria-describedby')).toBe(alert.attributes('id'));
    expect(softphone.expectResume).toHaveBeenLastCalledWith(null);
  });

  it('is disabled unless the call is assigned (e.g. in wrap-up)', () => {
    const panel = mountPanel(fakeSoftphone(), { assigned: false });
    expect(panel.get('[data-test="softphone-hold"]').attributes('disabled')).toBeDefined();
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
