import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useSignedInUser } from './useSession';

/** The browser's time zone: the default until the agent chooses one. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The agent's chosen zone when this browser knows it, else the browser's. */
export function agentTimeZone(chosen?: string | null): string {
  if (chosen) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: chosen });
      return chosen;
    } catch {
      // A zone this browser's time-zone data lacks: fall back rather than fail to render.
    }
  }
  return browserTimeZone();
}

export interface Formatters {
  /** Date and time, e.g. "23/11/26, 14:05" (es) or "11/23/26, 2:05 PM" (en). */
  dateTime(iso: string | null | undefined): string;
  /** Time of day only, for today's timeline entries. */
  time(iso: string | null | undefined): string;
  /** A running timer: "0:42", "12:05", "1:02:03". */
  clock(seconds: number): string;
  /** A human duration: "42 s", "1 min 35 s", "12 min", "1 h 2 min". */
  duration(seconds: number): string;
  number(value: number): string;
  /** 0–100 → "87,5 %" / "87.5%". */
  percent(value: number | null | undefined): string;
  /** A file size: "820 kB", "4,2 MB". */
  bytes(value: number): string;
  timeZone: string;
}

/** Locale-aware formatting of dates, durations and numbers in the agent's language and time zone. */
export function createFormatters(locale: string, timeZone = browserTimeZone()): Formatters {
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const numberFormat = new Intl.NumberFormat(locale);
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const unit = (u: 'second' | 'minute' | 'hour') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' });
  const seconds = unit('second');
  const minutes = unit('minute');
  const hours = unit('hour');
  const kilobytes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
  const megabytes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const plain = new Intl.NumberFormat(locale, { useGrouping: false });
  const parse = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

  return {
    timeZone,
    dateTime: (iso) => {
      const d = parse(iso);
      return d ? dateTimeFormat.format(d) : '';
    },
    time: (iso) => {
      const d = parse(iso);
      if (!d) return '';
      // Today: the time is enough; other days need the date too.
      return dayFormat.format(d) === dayFormat.format(new Date()) ? timeFormat.format(d) : dateTimeFormat.format(d);
    },
    clock: (total) => {
      const s = Math.max(0, Math.floor(total));
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      const rest = two.format(s % 60);
      return h > 0 ? `${plain.format(h)}:${two.format(m)}:${rest}` : `${plain.format(m)}:${rest}`;
    },
    duration: (total) => {
      const s = Math.max(0, Math.round(total));
      if (s < 60) return seconds.format(s);
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      const rest = s % 60;
      // Under ten minutes the seconds still matter (a median time to push, a wait).
      if (h === 0) return m < 10 && rest ? `${minutes.format(m)} ${seconds.format(rest)}` : minutes.format(m);
      return m === 0 ? hours.format(h) : `${hours.format(h)} ${minutes.format(m)}`;
    },
    number: (value) => numberFormat.format(value),
    percent: (value) => (value === null || value === undefined ? '—' : percentFormat.format(value / 100)),
    bytes: (value) => (value < 1_000_000 ? kilobytes.format(Math.max(1, Math.round(value / 1000))) : megabytes.format(value / 1_000_000)),
  };
}

/** Formatters that follow the UI language and the signed-in agent's time zone as either changes. */
export function useFormat() {
  const { locale } = useI18n();
  const user = useSignedInUser();
  return computed(() => createFormatters(locale.value, agentTimeZone(user.value?.timeZone)));
}
