/**
 * Consent for business-initiated messages, per purpose (WhatsApp Business policy, GDPR): the
 * newest record for the purpose, or for `all` (what an opt-out keyword withdraws), decides.
 */
export type ConsentPurposeName = 'service' | 'marketing';

export type ConsentState = 'granted' | 'opted_out' | 'none';

export function consentState(newest: { granted: boolean; purpose: string } | null | undefined): ConsentState {
  if (!newest) return 'none';
  return newest.granted ? 'granted' : 'opted_out';
}
