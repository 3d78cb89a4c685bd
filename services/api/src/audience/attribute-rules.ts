import { channels, type Channel } from '@cc/core/channels';
import { canonicalCountry, canonicalLanguage, canonicalTag, customFieldKey, type CustomFieldValue } from '@cc/core/customer-attributes';
import type { ConsentPurposeName } from '@cc/core/consent';
import type { SegmentFilter } from '@cc/core/segment-filter';
import { canonicalTimeZone } from '@cc/core/time-zone';
import type { CustomerAttributeChanges } from '@cc/db/repositories/customer-attributes';
import { InvalidAttributeError } from './errors';

// Validation and normalization of what callers give for customer attributes and segment criteria
// (GraphQL inputs; the CSV import uses the same rules): one place, typed errors naming the field.

const maxTags = 50;
const maxFields = 50;
const maxListed = 100;

function each<T>(field: string, values: readonly string[], canonical: (v: string) => T | null, expected: string): T[] {
  if (values.length > maxListed) throw new InvalidAttributeError(field, `at most ${maxListed} values`);
  return [...new Set(values.map((v) => {
    const c = canonical(v);
    if (c === null) throw new InvalidAttributeError(field, `"${v}" is not ${expected}`);
    return c;
  }))];
}

export const tagsOf = (field: string, tags: readonly string[]) => each(field, tags, canonicalTag, 'a tag (1–50 letters, digits, - _ . :)');
export const languagesOf = (field: string, codes: readonly string[]) => each(field, codes, canonicalLanguage, 'a two-letter ISO 639-1 language code (es, en…)');
export const countriesOf = (field: string, codes: readonly string[]) => each(field, codes, canonicalCountry, 'a two-letter ISO 3166-1 country code (ES, GB…)');
export const timeZonesOf = (field: string, names: readonly string[]) => each(field, names, canonicalTimeZone, 'an IANA time zone (Europe/Madrid…)');

function customFieldValue(field: string, value: unknown): CustomFieldValue {
  if (typeof value === 'string' && value.length <= 500) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value;
  throw new InvalidAttributeError(field, 'a custom field holds a string (up to 500 characters), a number or true/false');
}

function customFieldName(field: string, key: string): string {
  if (!customFieldKey.test(key)) throw new InvalidAttributeError(field, `"${key}" is not a field name (a letter, then letters, digits or _; up to 64)`);
  return key;
}

export interface AttributeInput {
  tags?: readonly string[] | null;
  language?: string | null;
  country?: string | null;
  timeZone?: string | null;
  /** Custom fields to set (null removes one). */
  fields?: unknown;
}

/**
 * The changes to store. A property left out keeps its value; an explicit null clears language,
 * country or time zone; tags replace the list.
 */
export function attributeChangesFrom(input: AttributeInput): CustomerAttributeChanges {
  const changes: CustomerAttributeChanges = {};
  if (input.tags !== undefined && input.tags !== null) {
    changes.tags = tagsOf('tags', input.tags).sort();
    if (changes.tags.length > maxTags) throw new InvalidAttributeError('tags', `at most ${maxTags} tags`);
  }
  if (input.language !== undefined) changes.language = input.language === null ? null : languagesOf('language', [input.language])[0]!;
  if (input.country !== undefined) changes.country = input.country === null ? null : countriesOf('country', [input.country])[0]!;
  if (input.timeZone !== undefined) changes.timeZone = input.timeZone === null ? null : timeZonesOf('timeZone', [input.timeZone])[0]!;
  if (input.fields !== undefined && input.fields !== null) {
    const fields = input.fields;
    if (typeof fields !== 'object' || Array.isArray(fields)) throw new InvalidAttributeError('fields', 'give an object of field name → value');
    const entries = Object.entries(fields as Record<string, unknown>);
    if (entries.length > maxFields) throw new InvalidAttributeError('fields', `at most ${maxFields} fields per change`);
    changes.fields = Object.fromEntries(
      entries.map(([k, v]) => [customFieldName(`fields.${k}`, k), v === null ? null : customFieldValue(`fields.${k}`, v)]),
    );
  }
  return changes;
}

export interface SegmentFilterInput {
  tagsAny?: readonly string[] | null;
  tagsAll?: readonly string[] | null;
  languages?: readonly string[] | null;
  countries?: readonly string[] | null;
  timeZones?: readonly string[] | null;
  fieldEquals?: readonly { key: string; value: unknown }[] | null;
  consentPurpose?: ConsentPurposeName | 'all' | null;
  lastContactAfter?: Date | null;
  lastContactBefore?: Date | null;
  channelActivity?: { channel: Channel; withinDays: number; had?: boolean | null } | null;
}

/** A segment filter from what the caller gave: criteria normalized, empty lists dropped, consent explicit. */
export function segmentFilterFrom(input: SegmentFilterInput): SegmentFilter {
  const filter: SegmentFilter = {};
  const list = <K extends 'tagsAny' | 'tagsAll' | 'languages' | 'countries' | 'timeZones'>(key: K, rule: (f: string, v: readonly string[]) => string[]) => {
    const values = input[key];
    if (values?.length) filter[key] = rule(key, values).sort();
  };
  list('tagsAny', tagsOf);
  list('tagsAll', tagsOf);
  list('languages', languagesOf);
  list('countries', countriesOf);
  list('timeZones', timeZonesOf);
  if (input.fieldEquals?.length) {
    if (input.fieldEquals.length > maxFields) throw new InvalidAttributeError('fieldEquals', `at most ${maxFields} conditions`);
    const keys = new Set<string>();
    filter.fieldEquals = input.fieldEquals.map(({ key, value }) => {
      customFieldName('fieldEquals', key);
      if (keys.has(key)) throw new InvalidAttributeError('fieldEquals', `"${key}" is given twice`);
      keys.add(key);
      return { key, equals: customFieldValue(`fieldEquals.${key}`, value) };
    });
  }
  if (input.consentPurpose === 'all') throw new InvalidAttributeError('consentPurpose', 'choose MARKETING or SERVICE: the consent the messages need');
  filter.consent = { channel: 'whatsapp', purpose: input.consentPurpose ?? 'marketing' };
  if (input.lastContactAfter) filter.lastContactAfter = validDate('lastContactAfter', input.lastContactAfter);
  if (input.lastContactBefore) filter.lastContactBefore = validDate('lastContactBefore', input.lastContactBefore);
  if (filter.lastContactAfter && filter.lastContactBefore && filter.lastContactAfter >= filter.lastContactBefore) {
    throw new InvalidAttributeError('lastContactBefore', 'must be later than lastContactAfter');
  }
  if (input.channelActivity) {
    const { channel, withinDays, had } = input.channelActivity;
    if (!channels.includes(channel)) throw new InvalidAttributeError('channelActivity.channel', `"${channel}" is not a channel`);
    if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > 3650) throw new InvalidAttributeError('channelActivity.withinDays', 'a whole number of days from 1 to 3650');
    filter.channelActivity = { channel, withinDays, had: had ?? true };
  }
  return filter;
}

function validDate(field: string, d: Date): string {
  if (Number.isNaN(d.getTime())) throw new InvalidAttributeError(field, 'not a valid date');
  return d.toISOString();
}
