import type { Db } from '@cc/db/database';
import { interactionTranscriptEntries } from '@cc/db/repositories/archive';
import { getCustomers, listIdentities } from '@cc/db/repositories/customers';
import { getInteraction } from '@cc/db/repositories/interactions';
import { customerTimeline, type TimelineEntry } from '@cc/db/repositories/timeline';
import { getUsers } from '@cc/db/repositories/users';
import type { Principal } from '../context';
import { customerAccess, interactionListAgent, mayReadInteraction, mayReadWholeHistory } from '../authorization/policy';
import { auditCustomerRead } from '../privacy/audit-log';

/** Most entries one customer's transcript holds (the newest); an interaction's is whole. */
export const maxCustomerTranscriptEntries = 5000;

export interface TranscriptLine {
  at: Date;
  kind: 'message' | 'note' | 'event';
  channel: string | null;
  direction: 'inbound' | 'outbound' | null;
  /** Who wrote it: the customer, an agent's name, or the system. */
  from: string;
  text: string;
  interactionId: string | null;
}

export interface Transcript {
  scope: 'interaction' | 'customer';
  subjectId: string;
  customer: { id: string; name: string | null; identities: { kind: string; value: string }[] };
  generatedAt: Date;
  lines: TranscriptLine[];
}

export type TranscriptOutcome = { ok: true; transcript: Transcript } | { ok: false; reason: 'not_found' | 'forbidden' };

/**
 * The transcript of one interaction (whoever may read it) or of one customer (the whole history for
 * those who may read it, only the interactions an agent took part in otherwise), recorded in the
 * audit log as a read of the customer's data before it is returned.
 */
export async function buildTranscript(deps: { db: Db; now: () => Date }, principal: Principal, subject: { scope: 'interaction' | 'customer'; id: string }): Promise<TranscriptOutcome> {
  const { db } = deps;
  let customerId: string;
  let entries: TimelineEntry[];
  if (subject.scope === 'interaction') {
    const interaction = await getInteraction(db, subject.id);
    if (!interaction) return { ok: false, reason: 'not_found' };
    if (!(await mayReadInteraction(db, principal, interaction))) return { ok: false, reason: 'forbidden' };
    customerId = interaction.customer_id;
    entries = await interactionTranscriptEntries(db, interaction.id);
  } else {
    const [customer] = await getCustomers(db, [subject.id]);
    if (!customer) return { ok: false, reason: 'not_found' };
    const whole = await mayReadWholeHistory(db, principal, customer.id);
    if (!whole && (principal.kind !== 'user' || (await customerAccess(db, principal, customer.id)) === 'none')) return { ok: false, reason: 'forbidden' };
    customerId = customer.id;
    entries = await customerTimeline(db, customer.id, maxCustomerTranscriptEntries, whole ? undefined : interactionListAgent(principal));
  }
  const [[customer], identities] = await Promise.all([getCustomers(db, [customerId]), listIdentities(db, [customerId])]);
  const authorIds = [...new Set(entries.map((e) => (e.kind === 'message' ? e.message.agent_id : e.event.actor_type === 'user' ? e.event.actor_id : null)).filter((id): id is string => !!id))];
  const authors = new Map((await getUsers(db, authorIds)).map((u) => [u.id, u.name || u.email]));
  await auditCustomerRead(db, principal, { what: 'timeline', customerId, subjectType: `${subject.scope}_transcript`, subjectId: subject.id, detail: { lines: entries.length } });
  return {
    ok: true,
    transcript: {
      scope: subject.scope,
      subjectId: subject.id,
      customer: { id: customerId, name: customer?.display_name ?? null, identities: identities.map((i) => ({ kind: i.kind, value: i.value })) },
      generatedAt: deps.now(),
      lines: entries.map((e) => lineOf(e, authors)),
    },
  };
}

function lineOf(entry: TimelineEntry, authors: Map<string, string>): TranscriptLine {
  if (entry.kind === 'message') {
    const m = entry.message;
    const attachments = (m.media ?? []).map((f) => `[${f.contentType ?? 'file'}]`).join(' ');
    const place = m.location ? `[${m.location.label ?? `${m.location.latitude}, ${m.location.longitude}`}]` : '';
    return {
      at: m.created_at,
      kind: 'message',
      channel: m.channel,
      direction: m.direction,
      from: m.direction === 'inbound' ? 'customer' : m.agent_id ? (authors.get(m.agent_id) ?? 'agent') : 'system',
      text: [m.body ?? '', attachments, place].filter(Boolean).join(' '),
      interactionId: m.interaction_id,
    };
  }
  const e = entry.event;
  const from = e.actor_type === 'user' && e.actor_id ? (authors.get(e.actor_id) ?? 'agent') : e.actor_type;
  const text = e.type === 'note' ? String(e.data.text ?? '') : e.type;
  return { at: e.created_at, kind: e.type === 'note' ? 'note' : 'event', channel: null, direction: null, from, text, interactionId: e.interaction_id };
}
