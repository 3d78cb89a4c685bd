import { isQueueOpen, type BusinessHours } from './business-hours';
import { missingTemplateVariables } from './whatsapp-template';

/** Spain's prudent default for marketing messages: weekdays 09:00–21:00 on the recipient's wall clock. */
export const defaultQuietHours: BusinessHours = Object.fromEntries(
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
    d,
    [{ open: '09:00', close: '21:00' }],
  ]),
);

const minuteMs = 60_000;
const quarterMs = 15 * minuteMs;

/**
 * When a recipient in `timeZone` may next be messaged: `now` itself when inside the allowed hours,
 * else the first allowed minute after it (null when the hours never open). Windows start on whole
 * minutes; the search walks quarter hours, then back minute by minute to the opening.
 */
export function nextAllowedTime(hours: BusinessHours, timeZone: string, now: Date): Date | null {
  const open = (t: number) =>
    isQueueOpen({ businessHours: hours, timezone: timeZone }, new Date(t));
  if (open(now.getTime())) return now;
  let t = Math.ceil(now.getTime() / quarterMs) * quarterMs;
  for (let i = 0; i < 8 * 24 * 4; i++, t += quarterMs) {
    if (!open(t)) continue;
    let first = t;
    while (first - minuteMs > now.getTime() && open(first - minuteMs)) first -= minuteMs;
    return new Date(first);
  }
  return null;
}

/** A customer as a campaign's variables see them (the segment contract's recipient). */
export interface VariableSubject {
  displayName: string | null;
  language: string | null;
  country: string | null;
  phoneE164: string;
  fields: Record<string, unknown>;
}

export interface VariableMapping {
  source: string;
  fallback: string | null;
}

/** The sources a variable may map from (`field:<key>` names a custom field). */
export const variableSources = [
  'displayName',
  'language',
  'country',
  'phone',
  'link',
  'text',
] as const;

export function isVariableSource(source: string): boolean {
  return (
    (variableSources as readonly string[]).includes(source) || /^field:[\w.-]{1,64}$/.test(source)
  );
}

function sourceValue(subject: VariableSubject, source: string, link: string | null): string | null {
  if (source.startsWith('field:')) {
    const value = subject.fields[source.slice(6)];
    return value === null || value === undefined || typeof value === 'object'
      ? null
      : String(value);
  }
  switch (source) {
    case 'displayName':
      return subject.displayName;
    case 'language':
      return subject.language;
    case 'country':
      return subject.country;
    case 'phone':
      return subject.phoneE164;
    case 'link':
      return link;
    default:
      return null;
  }
}

/**
 * A recipient's template variables: each placeholder from its source, else its fallback. A
 * placeholder still blank is refused (`missing` names them): WhatsApp must never get an empty one.
 */
export function renderCampaignVariables(
  body: string | null,
  mapping: Record<string, VariableMapping>,
  subject: VariableSubject,
  link: string | null,
): { ok: true; variables: Record<string, string> } | { ok: false; missing: string[] } {
  const variables: Record<string, string> = {};
  for (const [key, m] of Object.entries(mapping)) {
    const value = sourceValue(subject, m.source, link)?.trim() || m.fallback?.trim() || '';
    if (value) variables[key] = value;
  }
  const missing = missingTemplateVariables(body, variables);
  return missing.length ? { ok: false, missing } : { ok: true, variables };
}

/** Figures the auto-pause looks at: attempted sends, those refused or failed, and recipients who blocked / opted out after a send. */
export interface CampaignHealth {
  attempted: number;
  failed: number;
  blocked: number;
}

export interface PauseThresholds {
  failureRate: number;
  blockRate: number;
  minSample: number;
}

/** Why the campaign should pause itself now, or null (rates only count once `minSample` sends were attempted). */
export function autoPauseReason(health: CampaignHealth, t: PauseThresholds): string | null {
  if (health.attempted < t.minSample || health.attempted === 0) return null;
  const failureRate = health.failed / health.attempted;
  if (failureRate >= t.failureRate)
    return `failure rate ${(failureRate * 100).toFixed(1)} % reached the ${(t.failureRate * 100).toFixed(1)} % threshold`;
  const blockRate = health.blocked / health.attempted;
  if (blockRate >= t.blockRate)
    return `block rate ${(blockRate * 100).toFixed(1)} % reached the ${(t.blockRate * 100).toFixed(1)} % threshold`;
  return null;
}

/**
 * Error codes a send answer or status callback can carry that say "not now" for this recipient
 * rather than "never": 130429 (throughput), 131056 (pair rate), 63018 (tier limit). 131049 (Meta's
 * marketing cap for this user) is recorded and not retried at once.
 */
export const campaignRetryLaterCodes = new Set(['130429', '131056', '63018']);
