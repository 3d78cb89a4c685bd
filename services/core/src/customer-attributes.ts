import { isSupportedCountry } from 'libphonenumber-js';

/**
 * Canonical forms of the customer attributes segments filter on, shared by what integrators set,
 * what a segment asks and what a CSV import brings: null when the value is not valid.
 */

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** ISO 639-1 in lower case (`ES` → `es`), known to the runtime's ICU data. */
export function canonicalLanguage(code: string): string | null {
  const c = code.trim().toLowerCase();
  return /^[a-z]{2}$/.test(c) && languageNames.of(c) ? c : null;
}

/** ISO 3166-1 alpha-2 in upper case (`es` → `ES`), a country with its own phone numbering. */
export function canonicalCountry(code: string): string | null {
  const c = code.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(c) && isSupportedCountry(c) ? c : null;
}

/** Tags are case-insensitive labels: lower case, 1–50 letters, digits, `-`, `_`, `.`, `:`. */
export function canonicalTag(tag: string): string | null {
  const t = tag.trim().toLowerCase();
  return /^[\p{L}\p{N}][\p{L}\p{N}_.:-]{0,49}$/u.test(t) ? t : null;
}

/** Custom field names: 1–64 letters, digits or `_`, starting with a letter (template variables name them). */
export const customFieldKey = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A custom field holds a scalar (string up to 500 characters, finite number, boolean). */
export type CustomFieldValue = string | number | boolean;
