import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { ImportedConsent } from '@cc/db/repositories/consent-import';
import { ConsentFileError } from './errors';

/**
 * Reads a consent CSV (csv-parse): a header row, then one consent per line. Columns, in any order
 * and case: phone, purpose, consented_at, source, wording; optional granted, name. Comma or
 * semicolon separated, UTF-8 (a BOM is ignored). Every line is either accepted (normalized) or
 * rejected with its line number and the reason; the same number and purpose twice keeps the first.
 */

export interface RejectedLine {
  line: number;
  reason: string;
}

export interface ConsentCsv {
  accepted: ImportedConsent[];
  rejected: RejectedLine[];
}

const required = ['phone', 'purpose', 'consented_at', 'source', 'wording'] as const;
const optional = ['granted', 'name'] as const;
export const maxConsentLines = 20_000;
/** A consent dated this far ahead of the server clock is a mistake, not clock skew. */
const futureToleranceMs = 5 * 60 * 1000;
const yes = new Set(['true', 'yes', 'y', '1', 'si', 'sí', 's']);
const no = new Set(['false', 'no', 'n', '0']);

export function parseConsentCsv(text: string, now: Date): ConsentCsv {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter: [',', ';'],
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (e) {
    throw new ConsentFileError(`The file is not valid CSV: ${(e as Error).message}`);
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const columns = header.split(/[,;]/).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length) throw new ConsentFileError(`The header row lacks ${missing.join(', ')}; expected ${[...required, ...optional].join(', ')}.`);
  if (records.length > maxConsentLines) throw new ConsentFileError(`At most ${maxConsentLines} consents per file; this one has ${records.length}.`);

  const accepted: ImportedConsent[] = [];
  const rejected: RejectedLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const result = consentOf(record, now);
    if (typeof result === 'string') {
      rejected.push({ line, reason: result });
      continue;
    }
    const key = `${result.phoneE164}|${result.purpose}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      rejected.push({ line, reason: `duplicate of line ${first} (same number and purpose)` });
      continue;
    }
    firstLineOf.set(key, line);
    accepted.push({ ...result, line });
  }
  return { accepted, rejected };
}

/** The consent on one line, or why it is refused. */
function consentOf(r: Record<string, string>, now: Date): Omit<ImportedConsent, 'line'> | string {
  const rawPhone = r.phone ?? '';
  if (!rawPhone) return 'phone is empty';
  if (!/^(\+|00)/.test(rawPhone)) return `phone "${rawPhone}" is not in international format (E.164, e.g. +34600123123)`;
  const phone = parsePhoneNumberFromString(rawPhone.replace(/^00/, '+'));
  if (!phone?.isValid()) return `phone "${rawPhone}" is not a valid number`;

  const purpose = (r.purpose ?? '').toLowerCase();
  if (purpose !== 'marketing' && purpose !== 'service') return `purpose "${r.purpose ?? ''}" must be marketing or service`;

  const grantedText = (r.granted ?? '').toLowerCase();
  const granted = grantedText === '' ? true : yes.has(grantedText) ? true : no.has(grantedText) ? false : null;
  if (granted === null) return `granted "${r.granted}" must be yes or no`;

  const rawDate = r.consented_at ?? '';
  // ISO 8601 only: 01/02/2025 reads differently in Spain and the US.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(rawDate)) return `consented_at "${rawDate}" must be an ISO 8601 date (2025-03-01 or 2025-03-01T10:00:00Z)`;
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(rawDate) ? `${rawDate}T00:00:00Z` : rawDate.replace(' ', 'T'));
  if (Number.isNaN(at.getTime())) return `consented_at "${rawDate}" is not a date`;
  if (at.getTime() > now.getTime() + futureToleranceMs) return `consented_at ${rawDate} is in the future`;
  if (at.getUTCFullYear() < 2000) return `consented_at ${rawDate} is before 2000`;

  const origin = r.source ?? '';
  if (!origin) return 'source is empty (where the consent was collected)';
  if (origin.length > 200) return 'source is longer than 200 characters';
  const wording = r.wording ?? '';
  if (wording.length < 5) return 'wording is missing (the text the customer agreed to, at least 5 characters)';
  if (wording.length > 2000) return 'wording is longer than 2000 characters';
  const name = r.name || null;
  if (name && name.length > 200) return 'name is longer than 200 characters';
  return { phoneE164: phone.number, purpose, granted, at, origin, wording, name };
}
