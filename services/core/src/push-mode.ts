import type { WindowState } from './messaging-window';

/**
 * How an in-call push may reach the customer: free-form inside WhatsApp's 24 h window, otherwise
 * only as an approved template (a free-form send would fail with 63016).
 */
export type PushMode = 'free_form' | 'template';

export function pushMode(window: WindowState, templateChosen: boolean): PushMode | 'template_required' {
  if (templateChosen) return 'template';
  return window.open ? 'free_form' : 'template_required';
}

/** Twilio errors after which the customer cannot be reached on WhatsApp at all: SMS may be offered. */
const noWhatsAppCodes = new Set(['63003', '63016', '63024', '63032', '63049', '21614']);

export function smsFallbackApplies(errorCode: string | null): boolean {
  return errorCode !== null && noWhatsAppCodes.has(errorCode);
}

/** A map pin for a location push (used inside templates, which cannot carry a location). */
export function mapsUrl(latitude: number, longitude: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
}
