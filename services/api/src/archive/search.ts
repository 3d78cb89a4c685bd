import type { Db } from '@cc/db/database';
import { searchArchive, type ArchiveCursor, type ArchiveFilter, type ArchiveHit } from '@cc/db/repositories/archive';
import type { Principal } from '../context';
import { archiveVisibility } from '../authorization/policy';
import { auditCustomerRead } from '../privacy/audit-log';
import { InvalidArchiveSearchError } from './errors';

export const maxArchiveQueryLength = 200;
export const maxArchivePage = 100;

export interface ArchivePage {
  hits: ArchiveHit[];
  /** Pass back as `after` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

const cursorOf = (hit: ArchiveHit) => Buffer.from(`${hit.cursor_at}|${hit.key}`).toString('base64url');

function parseCursor(cursor: string | null | undefined): ArchiveCursor | undefined {
  if (!cursor) return undefined;
  const [at, key] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = at ?? '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(createdAt) || Number.isNaN(Date.parse(createdAt.slice(0, 23) + 'Z')) || !key || !/^[mn]:[0-9a-f-]+$/.test(key)) throw new InvalidArchiveSearchError('That page cursor is not one this search gave; start again from the first page.');
  return { createdAt, key };
}

/**
 * Searches every conversation the principal may see (authorization/policy.ts: archiveVisibility),
 * newest first, and records the read in the audit log (which customers' data it returned) before
 * answering: a search that cannot be logged fails.
 */
export async function searchConversationArchive(
  deps: { db: Db },
  principal: Principal,
  filter: ArchiveFilter,
  page: { first: number; after?: string | null },
): Promise<ArchivePage> {
  const query = filter.query.trim();
  if (!query) throw new InvalidArchiveSearchError('Type what to search for.');
  if (query.length > maxArchiveQueryLength) throw new InvalidArchiveSearchError(`Keep searches to ${maxArchiveQueryLength} characters.`);
  if (filter.from && filter.to && filter.from >= filter.to) throw new InvalidArchiveSearchError('The range’s start must come before its end.');
  const first = Math.min(Math.max(1, page.first), maxArchivePage);
  const visibility = archiveVisibility(principal);
  if (!visibility) return { hits: [], nextCursor: null };
  const rows = await searchArchive(deps.db, { ...filter, query }, visibility, { limit: first + 1, before: parseCursor(page.after) });
  const hits = rows.slice(0, first);
  await auditCustomerRead(deps.db, principal, {
    what: 'archive_search',
    customerId: filter.customerId ?? null,
    subjectType: 'archive',
    detail: { query, hits: hits.length, customerIds: [...new Set(hits.map((h) => h.customer_id))] },
  });
  return { hits, nextCursor: rows.length > first ? cursorOf(hits[hits.length - 1]!) : null };
}
