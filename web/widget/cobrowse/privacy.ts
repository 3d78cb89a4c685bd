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

type Serialized = { type?: unknown; tagName?: unknown; id?: unknown; attributes?: Record<string, unknown>; childNodes?: unknown[] };
const FIELD_TAGS = new Set(['input', 'textarea', 'select']);

/**
 * The page's opt-in, as the API reads it: `data-cc-unmask` written on the serialized node of each
 * field whose value maskInput lets through (the attribute on an ancestor included), and taken off
 * a never-shared one. The API's second line keeps a value only from a node carrying it, and still
 * masks passwords and card-like values. Applied to a full snapshot and to a mutation's added nodes
 * before they are sent; `nodeOf` is rrweb's mirror (serialized id → the page's node).
 */
export function markUnmaskedFields(event: { type: number; data: unknown }, nodeOf: (id: number) => Node | null): void {
  const data = event.data as { node?: Serialized; source?: number; adds?: { node?: Serialized }[] };
  const roots = event.type === 2 && data.node ? [data.node] : event.type === 3 && data.source === 0 ? (data.adds ?? []).map((a) => a.node) : [];
  const stack = roots.filter((n): n is Serialized => !!n);
  while (stack.length) {
    const n = stack.pop()!;
    if (Array.isArray(n.childNodes)) stack.push(...(n.childNodes as Serialized[]));
    if (n.type !== 2 || typeof n.tagName !== 'string' || !FIELD_TAGS.has(n.tagName.toLowerCase()) || typeof n.id !== 'number' || !n.attributes) continue;
    const field = nodeOf(n.id);
    const element = field instanceof Element ? field : null;
    const value = element && 'value' in element ? String((element as HTMLInputElement).value) : '';
    if (element?.closest(UNMASK_SELECTOR) && !isNeverShared(element, value)) n.attributes['data-cc-unmask'] = '';
    else delete n.attributes['data-cc-unmask'];
  }
}
