import { useClientHandle, useMutation, useQuery } from '@urql/vue';
import { computed, onBeforeUnmount, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  AuditEventsCsvQuery,
  AuditEventsQuery,
  DataExportQuery,
  EraseCustomerMutation,
  PrivacySubjectQuery,
  RetentionQuery,
  RunRetentionMutation,
  SetRetentionPeriodMutation,
  StartDataExportMutation,
  type AuditFilter,
  type DataExport,
  type PrivacyLookup,
  type PrivacySubject,
  type RetentionClass,
} from '../graphql/privacy';
import { useRefusal, type Outcome } from './useRefusal';

/** How often a running export is polled for its progress. */
const exportPollMs = 1500;

/**
 * A data-protection request about one customer: find them, export their data (polled until ready),
 * erase them. Every answer is an outcome with the server's reason when refused.
 */
export function usePrivacySubject() {
  const { t } = useI18n();
  const client = useClientHandle().client;
  const outcome = useRefusal();
  const subject = ref<PrivacySubject | null>(null);
  const current = ref<DataExport | null>(null);
  const busy = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stopPolling = () => timer && clearTimeout(timer);
  onBeforeUnmount(stopPolling);

  async function find(lookup: PrivacyLookup): Promise<Outcome<PrivacySubject>> {
    busy.value = true;
    stopPolling();
    try {
      const r = await client.query(PrivacySubjectQuery, { lookup }, { requestPolicy: 'network-only' }).toPromise();
      if (r.error) return { ok: false, message: r.error.networkError ? t('errors.network') : r.error.graphQLErrors[0]?.message ?? t('errors.unexpected') };
      subject.value = r.data?.privacySubject ?? null;
      current.value = subject.value?.exports[0] ?? null;
      if (!subject.value) return { ok: false, message: t('privacy.notFound') };
      if (current.value && ['QUEUED', 'RUNNING'].includes(current.value.status)) poll(current.value.id);
      return { ok: true, value: subject.value };
    } finally {
      busy.value = false;
    }
  }

  function poll(id: string): void {
    stopPolling();
    timer = setTimeout(async () => {
      const r = await client.query(DataExportQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
      if (r.data?.dataExport) current.value = r.data.dataExport;
      if (!current.value || ['QUEUED', 'RUNNING'].includes(current.value.status)) poll(id);
    }, exportPollMs);
  }

  const exportM = useMutation(StartDataExportMutation);
  async function startExport(): Promise<Outcome<unknown>> {
    if (!subject.value) return { ok: false, message: t('privacy.notFound') };
    const r = outcome(await exportM.executeMutation({ input: { customerId: subject.value.customer.id } }), 'startDataExport', 'StartDataExportPayload');
    if (r.ok) {
      current.value = r.value.export;
      poll(r.value.export.id);
    }
    return r;
  }

  const eraseM = useMutation(EraseCustomerMutation);
  async function erase(confirmCustomerId: string, reason: string) {
    if (!subject.value) return { ok: false as const, message: t('privacy.notFound') };
    const r = outcome(await eraseM.executeMutation({ input: { customerId: subject.value.customer.id, confirmCustomerId, reason } }), 'eraseCustomer', 'EraseCustomerPayload');
    if (r.ok) await find({ customerId: subject.value.customer.id });
    return r;
  }

  return { subject, current, busy, find, startExport, erase };
}

/** Retention periods per data class, the latest runs, a dry run and a purge. */
export function useRetention() {
  const query = useQuery({ query: RetentionQuery, requestPolicy: 'cache-and-network' });
  const outcome = useRefusal();
  const setM = useMutation(SetRetentionPeriodMutation);
  const runM = useMutation(RunRetentionMutation);
  const refresh = () => query.executeQuery({ requestPolicy: 'network-only' });
  return {
    settings: computed(() => query.data.value?.retentionSettings ?? []),
    runs: computed(() => query.data.value?.retentionRuns ?? []),
    loadError: computed(() => query.error.value?.message ?? null),
    async set(dataClass: RetentionClass, days: number | null) {
      const r = outcome(await setM.executeMutation({ input: { dataClass, days } }), 'setRetentionPeriod', 'SetRetentionPayload');
      if (r.ok) refresh();
      return r;
    },
    async run(dryRun: boolean) {
      const r = await runM.executeMutation({ dryRun });
      refresh();
      return r.data?.runRetention.run ?? null;
    },
  };
}

export const auditPageSize = 50;

/** The audit log, newest first, filtered and paged; CSV of the same filter. */
export function useAuditLog() {
  const client = useClientHandle().client;
  const filter = ref<AuditFilter>({});
  const cursors = ref<(string | null)[]>([null]);
  const query = useQuery({
    query: AuditEventsQuery,
    variables: computed(() => ({ filter: filter.value, first: auditPageSize, before: cursors.value[cursors.value.length - 1] ?? null })),
    requestPolicy: 'network-only',
  });
  return {
    events: computed(() => query.data.value?.auditEvents.events ?? []),
    loadError: computed(() => query.error.value?.message ?? null),
    hasOlder: computed(() => !!query.data.value?.auditEvents.nextCursor),
    hasNewer: computed(() => cursors.value.length > 1),
    search(next: AuditFilter) {
      filter.value = next;
      cursors.value = [null];
    },
    older() {
      const next = query.data.value?.auditEvents.nextCursor;
      if (next) cursors.value = [...cursors.value, next];
    },
    newer() {
      if (cursors.value.length > 1) cursors.value = cursors.value.slice(0, -1);
    },
    async csv(): Promise<string | null> {
      const r = await client.query(AuditEventsCsvQuery, { filter: filter.value }, { requestPolicy: 'network-only' }).toPromise();
      return r.data?.auditEventsCsv ?? null;
    },
  };
}
