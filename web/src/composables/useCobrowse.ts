import { useMutation, useQuery } from '@urql/vue';
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import { CobrowseStream } from '../domain/cobrowse';
import {
  EndCobrowseMutation,
  InteractionCobrowseQuery,
  InviteToCobrowseMutation,
  JoinCobrowseByCodeMutation,
  RequestCobrowseSnapshotMutation,
  SendCobrowseGuidanceMutation,
  type CobrowseSession,
  type GuidanceInput,
} from '../graphql/cobrowse';
import { useCobrowseLive } from './useCobrowseLive';
import { useRefusal } from './useRefusal';

/** How often a view still without a full snapshot asks for one again. */
const SNAPSHOT_RETRY_MS = 3000;

/**
 * Co-browsing on one call: the open session (resumed after a reload, read again on each status
 * change), its live stream (the API's co-browse socket, useCobrowseLive: the customer's rrweb
 * events gap-checked — see CobrowseStream), and the agent's actions.
 * `onEvents` receives the events the replayer may apply, in order.
 */
export function useCobrowse(interactionId: Ref<string>, onEvents: (events: { type: number; timestamp: number }[]) => void) {
  const query = useQuery({ query: InteractionCobrowseQuery, variables: () => ({ id: interactionId.value }), requestPolicy: 'network-only' });
  const session = ref<CobrowseSession | null>(null);
  /** The session that just ended, to say why; cleared when a new one starts. */
  const ended = ref<CobrowseSession | null>(null);
  watch(
    query.data,
    (data) => {
      const sessions = data?.interaction?.cobrowseSessions ?? [];
      const current = session.value && sessions.find((s) => s.id === session.value!.id);
      if (current) return update(current);
      const open = sessions.find((s) => s.status !== 'ENDED');
      if (open && !session.value) session.value = open;
    },
    { immediate: true },
  );
  watch(interactionId, () => {
    session.value = null;
    ended.value = null;
  });

  const live = computed(() => (session.value && session.value.status !== 'ENDED' ? session.value.id : null));
  const snapshotM = useMutation(RequestCobrowseSnapshotMutation);
  let lastAsked = 0;
  function requestSnapshot(): void {
    const id = live.value;
    if (!id || session.value?.status !== 'ACTIVE' || Date.now() - lastAsked < 1000) return;
    lastAsked = Date.now();
    void snapshotM.executeMutation({ input: { sessionId: id } });
  }
  let stream = new CobrowseStream(onEvents, requestSnapshot);

  function update(next: CobrowseSession): void {
    if (next.status === 'ENDED') {
      ended.value = next;
      session.value = null;
      return;
    }
    session.value = next;
  }

  // A status frame says the session changed (consent, page, end): it is read again. Batches come
  // only while it is active (the API lets no other through).
  useCobrowseLive(live, {
    frame: (frame) => (frame.kind === 'STATUS' ? void query.executeQuery({ requestPolicy: 'network-only' }) : stream.receive(frame)),
    interrupted: () => resync(),
  });

  // A new session, or one already live when the console opened: start from a fresh snapshot, and
  // keep asking (bounded by the session's life) until one arrives.
  watch(live, () => {
    stream = new CobrowseStream(onEvents, requestSnapshot);
    lastAsked = 0;
  });
  const retry = setInterval(() => {
    if (session.value?.status === 'ACTIVE' && !stream.inSync) requestSnapshot();
  }, SNAPSHOT_RETRY_MS);
  onScopeDispose(() => clearInterval(retry));
  // The browser went offline and back, or the socket was replaced: events may have been missed.
  const resync = () => {
    stream.interrupted();
    requestSnapshot();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('online', resync);
    onScopeDispose(() => window.removeEventListener('online', resync));
  }

  const outcome = useRefusal();
  const inviteM = useMutation(InviteToCobrowseMutation);
  const joinM = useMutation(JoinCobrowseByCodeMutation);
  const endM = useMutation(EndCobrowseMutation);
  const guideM = useMutation(SendCobrowseGuidanceMutation);
  const busy = ref(false);

  async function run<T extends { ok: boolean }>(action: () => Promise<T>): Promise<T> {
    busy.value = true;
    try {
      return await action();
    } finally {
      busy.value = false;
    }
  }

  const invite = (pageUrl: string, via: 'WHATSAPP' | 'SMS' = 'WHATSAPP') =>
    run(async () => {
      const result = outcome(await inviteM.executeMutation({ input: { interactionId: interactionId.value, via, pageUrl } }), 'inviteToCobrowse', 'InviteToCobrowsePayload');
      if (result.ok) {
        ended.value = null;
        update(result.value.session);
      }
      return result;
    });

  const join = (code: string) =>
    run(async () => {
      const result = outcome(await joinM.executeMutation({ input: { interactionId: interactionId.value, code: code.replace(/\D/g, '') } }), 'joinCobrowseByCode', 'JoinCobrowseByCodePayload');
      if (result.ok) {
        ended.value = null;
        update(result.value.session);
      }
      return result;
    });

  const end = () =>
    run(async () => {
      const id = live.value;
      if (!id) return { ok: true as const };
      const result = outcome(await endM.executeMutation({ input: { sessionId: id } }), 'endCobrowse', 'EndCobrowsePayload');
      if (result.ok) update(result.value.session);
      return result;
    });

  async function guide(input: Omit<GuidanceInput, 'sessionId'>) {
    const id = live.value;
    if (!id) return { ok: false as const, message: '' };
    return outcome(await guideM.executeMutation({ input: { sessionId: id, ...input } }), 'sendCobrowseGuidance', 'SendCobrowseGuidancePayload');
  }

  return { session, ended, busy, invite, join, end, guide, requestSnapshot };
}
