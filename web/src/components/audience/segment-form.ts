import type { Channel, ConsentPurpose, Segment, SegmentFilterInput } from '../../graphql/audience';

/**
 * The segment builder's form as the supervisor types it (lists as comma-separated text, field
 * conditions as `name=value` lines, dates as yyyy-mm-dd) and its conversion to and from the API's
 * filter. The server validates and normalizes; this only shapes.
 */
export interface SegmentForm {
  id: string | null;
  name: string;
  description: string;
  tagsAny: string;
  tagsAll: string;
  languages: string;
  countries: string;
  timeZones: string;
  fieldEquals: string;
  consentPurpose: ConsentPurpose;
  lastContactAfter: string;
  lastContactBefore: string;
  activityChannel: Channel | '';
  activityDays: number;
  activityHad: boolean;
}

export function emptySegmentForm(): SegmentForm {
  return {
    id: null, name: '', description: '', tagsAny: '', tagsAll: '', languages: '', countries: '', timeZones: '', fieldEquals: '',
    consentPurpose: 'MARKETING', lastContactAfter: '', lastContactBefore: '', activityChannel: '', activityDays: 30, activityHad: true,
  };
}

const list = (text: string) => text.split(/[,\n]/).map((v) => v.trim()).filter(Boolean);

/** `visits=3` and `vip=true` compare as a number and a boolean; `code="3"` or `plan=gold` as text. */
function fieldValue(raw: string): unknown {
  const v = raw.trim();
  if (/^".*"$/.test(v)) return v.slice(1, -1);
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

const dayStart = (date: string) => (date ? new Date(`${date}T00:00:00`).toISOString() : null);

export function filterOf(form: SegmentForm): SegmentFilterInput {
  return {
    tagsAny: list(form.tagsAny),
    tagsAll: list(form.tagsAll),
    languages: list(form.languages),
    countries: list(form.countries),
    timeZones: list(form.timeZones),
    fieldEquals: form.fieldEquals
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? { key: line, value: '' } : { key: line.slice(0, at).trim(), value: fieldValue(line.slice(at + 1)) };
      }),
    consentPurpose: form.consentPurpose,
    lastContactAfter: dayStart(form.lastContactAfter),
    lastContactBefore: dayStart(form.lastContactBefore),
    channelActivity: form.activityChannel ? { channel: form.activityChannel, withinDays: Number(form.activityDays), had: form.activityHad } : null,
  };
}

const date = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const shown = (v: unknown) => (typeof v === 'string' && /^(-?\d+(\.\d+)?|true|false)$/.test(v) ? `"${v}"` : String(v));

export function formOf(segment: Segment): SegmentForm {
  const f = segment.filter;
  return {
    id: segment.id,
    name: segment.name,
    description: segment.description ?? '',
    tagsAny: f.tagsAny.join(', '),
    tagsAll: f.tagsAll.join(', '),
    languages: f.languages.join(', '),
    countries: f.countries.join(', '),
    timeZones: f.timeZones.join(', '),
    fieldEquals: f.fieldEquals.map((c) => `${c.key}=${shown(c.value)}`).join('\n'),
    consentPurpose: f.consentPurpose,
    lastContactAfter: date(f.lastContactAfter),
    lastContactBefore: date(f.lastContactBefore),
    activityChannel: f.channelActivity?.channel ?? '',
    activityDays: f.channelActivity?.withinDays ?? 30,
    activityHad: f.channelActivity?.had ?? true,
  };
}
