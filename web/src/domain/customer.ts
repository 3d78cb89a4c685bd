import type { CustomerIdentity } from '../graphql/customers';

/** How the console names a customer: their display name, else their first identity, else null. */
export function customerLabel(customer: { displayName: string | null; identities?: CustomerIdentity[] } | null | undefined): string | null {
  if (!customer) return null;
  return customer.displayName || customer.identities?.[0]?.value || null;
}

/** Seconds between two instants (ISO strings or epoch ms), never negative. */
export function secondsBetween(from: string | number, to: string | number): number {
  const a = typeof from === 'number' ? from : Date.parse(from);
  const b = typeof to === 'number' ? to : Date.parse(to);
  return Math.max(0, (b - a) / 1000);
}

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * When the 24-hour WhatsApp window closes: 24 h after the customer's last inbound WhatsApp
 * message, or null when they never wrote on WhatsApp. Derived from the timeline the API returns.
 */
export function whatsappWindowEnd(items: readonly { __typename: string; channel?: string; direction?: string; at: string }[]): number | null {
  let last: number | null = null;
  for (const item of items) {
    if (item.__typename === 'Message' && item.channel === 'WHATSAPP' && item.direction === 'inbound') {
      const at = Date.parse(item.at);
      if (last === null || at > last) last = at;
    }
  }
  return last === null ? null : last + WHATSAPP_WINDOW_MS;
}
