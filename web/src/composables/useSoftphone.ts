import type { Call, Device } from '@twilio/voice-sdk';
import { useMutation } from '@urql/vue';
import { computed, inject, markRaw, onScopeDispose, provide, ref, shallowRef, type InjectionKey } from 'vue';
import { useI18n } from 'vue-i18n';
import { CreateVoiceAccessTokenMutation } from '../graphql/voice';

export type SoftphoneState = 'off' | 'connecting' | 'ready' | 'unavailable' | 'error';

const ENABLED_KEY = 'cc.softphone';

/**
 * The agent's browser softphone (Twilio Voice JS SDK): a Device registered with a token from
 * `createVoiceAccessToken`, ringing when the API bridges an assigned call to this agent. The SDK
 * is loaded only when the agent connects. A refusal (Twilio not configured, not an agent) is kept
 * as the server said it.
 */
export function createSoftphone() {
  const tokenMutation = useMutation(CreateVoiceAccessTokenMutation);
  const { t } = useI18n();
  const state = ref<SoftphoneState>('off');
  const message = ref<string | null>(null);
  const incoming = shallowRef<Call | null>(null);
  const active = shallowRef<Call | null>(null);
  const muted = ref(false);
  let device: Device | null = null;
  /** The interaction whose call the agent is resuming: its new leg is answered without a click. */
  let resuming: string | null = null;

  async function token(): Promise<string | null> {
    const result = await tokenMutation.executeMutation({});
    const payload = result.data?.createVoiceAccessToken;
    if (payload?.__typename === 'VoiceAccessToken' && 'token' in payload) return payload.token;
    state.value = result.error ? 'error' : 'unavailable';
    message.value = result.error ? t('errors.network') : (payload && 'message' in payload ? payload.message : t('errors.unexpected'));
    return null;
  }

  function track(call: Call): void {
    call.on('accept', () => {
      active.value = markRaw(call);
      incoming.value = null;
    });
    const ended = () => {
      if (incoming.value === call) incoming.value = null;
      if (active.value === call) active.value = null;
      muted.value = false;
    };
    call.on('disconnect', ended);
    call.on('cancel', ended);
    call.on('reject', ended);
    call.on('mute', (isMuted: boolean) => (muted.value = isMuted));
  }

  async function connect(): Promise<void> {
    if (device || state.value === 'connecting') return;
    state.value = 'connecting';
    message.value = null;
    try {
      globalThis.localStorage?.setItem(ENABLED_KEY, '1');
    } catch {
      // The choice then lasts for this page only.
    }
    const first = await token();
    if (!first) return;
    try {
      const { Device } = await import('@twilio/voice-sdk');
      const d = new Device(first, { closeProtection: true });
      device = d;
      d.on('registered', () => {
        state.value = 'ready';
        message.value = null;
      });
      d.on('unregistered', () => {
        if (device === d) state.value = 'off';
      });
      d.on('error', (error: { message?: string }) => {
        state.value = 'error';
        message.value = error.message ?? t('errors.unexpected');
      });
      d.on('incoming', (call: Call) => {
        track(call);
        // The API names the interaction (a <Parameter>) only when it re-dials a resumed hold.
        if (resuming && call.customParameters?.get('interactionId') === resuming) {
          resuming = null;
          call.accept();
          return;
        }
        incoming.value = markRaw(call);
      });
      d.on('tokenWillExpire', async () => {
        const next = await token();
        if (next) d.updateToken(next);
      });
      await d.register();
    } catch (error) {
      state.value = 'error';
      message.value = (error as Error).message || t('errors.unexpected');
    }
  }

  function disconnect(): void {
    try {
      globalThis.localStorage?.removeItem(ENABLED_KEY);
    } catch {
      // Nothing to forget.
    }
    device?.destroy();
    device = null;
    incoming.value = null;
    active.value = null;
    state.value = 'off';
    message.value = null;
  }

  onScopeDispose(() => {
    device?.destroy();
    device = null;
  });

  let wanted = false;
  try {
    wanted = globalThis.localStorage?.getItem(ENABLED_KEY) === '1';
  } catch {
    wanted = false;
  }

  return {
    state,
    message,
    muted,
    ringing: computed(() => incoming.value !== null),
    inCall: computed(() => active.value !== null),
    caller: computed(() => (incoming.value ?? active.value)?.parameters?.From ?? null),
    /** Reconnects when the agent left the softphone on last time. */
    resume: () => (wanted ? connect() : Promise.resolve()),
    connect,
    disconnect,
    answer: () => incoming.value?.accept(),
    reject: () => incoming.value?.reject(),
    hangUp: () => active.value?.disconnect(),
    toggleMute: () => active.value?.mute(!muted.value),
    /** Answer the next call for this interaction by itself (null: stop expecting one). */
    expectResume: (interactionId: string | null) => {
      resuming = interactionId;
    },
  };
}

export type Softphone = ReturnType<typeof createSoftphone>;

export const SoftphoneKey: InjectionKey<Softphone> = Symbol('softphone');

/** Creates the page's softphone and makes it available to the workspace below. */
export function provideSoftphone(): Softphone {
  const softphone = createSoftphone();
  provide(SoftphoneKey, softphone);
  return softphone;
}

/** The softphone the console page provides; null outside it. */
export function useSoftphone(): Softphone | null {
  return inject(SoftphoneKey, null);
}
