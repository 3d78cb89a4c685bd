import type { SegmentFilter } from '@cc/core/segment-filter';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import {
  countSegmentRecipients,
  deleteSegment as deleteSegmentRow,
  findSegmentByName,
  insertSegment,
  updateSegment as updateSegmentRow,
} from '@cc/db/repositories/segments';
import { inTransaction } from '@cc/db/repositories/transaction';
import type { Segment } from '@cc/db/tables/segments';
import type { ApiServices } from '../context';
import { NotFoundError } from '../routing/errors';
import { segmentFilterFrom, type SegmentFilterInput } from './attribute-rules';
import { InvalidAttributeError, isRowId, SegmentNameTakenError } from './errors';

// Saved segments (supervisors): a name and a filter, evaluated when used. Every change is audited.

type Deps = Pick<ApiServices, 'db' | 'clock'>;

export interface SegmentInput {
  name: string;
  description: string | null;
  filter: SegmentFilterInput;
}

function valuesOf(input: SegmentInput) {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new InvalidAttributeError('name', '1–100 characters');
  const description = input.description?.trim() || null;
  if (description && description.length > 1000) throw new InvalidAttributeError('description', 'at most 1000 characters');
  return { name, description, filter: segmentFilterFrom(input.filter) };
}

/** How many customers a filter selects now, without saving it (the console's live count). */
export function previewSegmentCount(deps: Deps, filter: SegmentFilterInput): Promise<number> {
  return countSegmentRecipients(deps.db, segmentFilterFrom(filter), { now: deps.clock() });
}

export function segmentCount(deps: Deps, filter: SegmentFilter): Promise<number> {
  return countSegmentRecipients(deps.db, filter, { now: deps.clock() });
}

export async function createSegment(deps: Deps, request: { userId: string; input: SegmentInput }): Promise<Segment> {
  const values = valuesOf(request.input);
  return saving(values.name, () =>
    inTransaction(deps.db, async (trx) => {
      if (await findSegmentByName(trx, values.name)) throw new SegmentNameTakenError(values.name);
      const segment = await insertSegment(trx, values, request.userId, deps.clock());
      await recordAuditEvent(trx, { actorType: 'user', actorId: request.userId, action: 'segment.created', subjectType: 'segment', subjectId: segment.id, data: { ...values } });
      return segment;
    }),
  );
}

export async function updateSegment(deps: Deps, request: { userId: string; segmentId: string; input: SegmentInput }): Promise<Segment> {
  if (!isRowId(request.segmentId)) throw new NotFoundError('Segment');
  const values = valuesOf(request.input);
  const segment = await saving(values.name, () =>
    inTransaction(deps.db, async (trx) => {
      if (await findSegmentByName(trx, values.name, request.segmentId)) throw new SegmentNameTakenError(values.name);
      const updated = await updateSegmentRow(trx, request.segmentId, values, request.userId, deps.clock());
      if (updated) await recordAuditEvent(trx, { actorType: 'user', actorId: request.userId, action: 'segment.updated', subjectType: 'segment', subjectId: updated.id, data: { ...values } });
      return updated;
    }),
  );
  if (!segment) throw new NotFoundError('Segment');
  return segment;
}

export async function deleteSegment(deps: Deps, request: { userId: string; segmentId: string }): Promise<Segment> {
  if (!isRowId(request.segmentId)) throw new NotFoundError('Segment');
  const segment = await inTransaction(deps.db, async (trx) => {
    const deleted = await deleteSegmentRow(trx, request.segmentId);
    if (deleted) await recordAuditEvent(trx, { actorType: 'user', actorId: request.userId, action: 'segment.deleted', subjectType: 'segment', subjectId: deleted.id, data: { name: deleted.name } });
    return deleted;
  });
  if (!segment) throw new NotFoundError('Segment');
  return segment;
}

/** Two supervisors saving the same name at once: the unique index refuses the second. */
async function saving<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if ((e as { code?: string; constraint?: string }).constraint === 'segments_name_key') throw new SegmentNameTakenError(name);
    throw e;
  }
}
