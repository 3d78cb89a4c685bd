/*
 * What of the customer's page may leave their browser while co-browsing. Decided here, before
 * rrweb serialises anything: the server and the agent only ever receive the masked text.
 *
 * - Every input, textarea and select value is masked (rrweb `maskAllInputs`, then `maskInput`).
 * - `data-cc-unmask` (on the field or an ancestor) opts a field in, except fields that never
 *   leave whatever the markup: passwords, card numbers, security codes, expiry dates, IBANs, and
 *   any value that looks like a card number.
 * - Text inside `data-cc-mask` (and editable regions) is masked; `data-cc-block` is not sent.
 */

export const MASK_TEXT_SELECTOR = '[data-cc-mask], [contenteditable]:not([contenteditable="false"])';
/** Hidden inputs carry tokens and are never seen anyway; rrweb does not mask their type. */
export const BLOCK_SELECTOR = '[data-cc-block], input[type="hidden"]';
export const UNMASK_SELECTOR = '[data-cc-unmask]';
/**
 * Our own UI on the customer's page (chat widget, co-browse overlay): blocked like data-cc-block,
 * and hidden in the agent's replay (a blocked element keeps only its class and size).
 */
export const OWN_UI_CLASS = 'cc-own-ui';

/** What a never-shared value turns into: always the same length, so not even that leaks. */
export const NEVER_SHARED_MASK = '********';

const sensitiveAutocomplete = new Set(['cc-number', 'cc-csc', 'cc-exp', 'cc-exp-month', 'cc-exp-year', 'current-password', 'new-password', 'one-time-code']);
const sensitiveName = /card|cc[-_]?(num|csc|cvc|exp)|cvv|cvc|iban|passw(or)?d/i;

/** 13–19 digits, optionally grouped by spaces or dashes: the shape of a payment card number. */
export function looksLikeCardNumber(value: string): boolean {
  if (!/^[\d\s-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 13 && digits <= 19;
}

/** Fields whose value never leaves the customer's browser, whatever data-cc-* attributes say. */
export function isNeverShared(element: Element | null, value = ''): boolean {
  if (!element) return true;
  const type = (element.getAttribute('type') ?? '').toLowerCase();
  // rrweb marks an input that was ever a password, so "show password" toggles stay masked.
  if (type === 'password' || element.hasAttribute('data-rr-is-password')) return true;
  const autocomplete = (element.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/);
  if (autocomplete.some((token) => sensitiveAutocomplete.has(token))) return true;
  if (sensitiveName.test(element.getAttribute('name') ?? '') || sensitiveName.test(element.id)) return true;
  if ((element.getAttribute('inputmode') ?? '').toLowerCase() === 'numeric' && /^\d{13,19}$/.test(value.replace(/[\s-]/g, ''))) return true;
  return looksLikeCardNumber(value);
}

/** The value of an input, textarea or select as the agent may see it (rrweb `maskInputFn`). */
export function maskInput(value: string, element: Element | null): string {
  if (!value) return value;
  if (isNeverShared(element, value)) return NEVER_SHARED_MASK;
  if (element?.closest(UNMASK_SELECTOR)) return value;
  return '*'.repeat(value.length);
}

/** Text inside a masked element (rrweb `maskTextFn`): every visible character becomes '*'. */
export function maskText(text: string): string {
  return text.replace(/\S/g, '*');
}
