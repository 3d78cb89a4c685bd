import { sql } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Db } from '../database';
import type { Interaction } from '../tables/interactions';
import type { WhatsAppTemplate } from '../tables/whatsapp-templates';
import { currentConsentQuery } from './consents';
import { lastInboundQuery } from './customer-channel-state';

export interface PushPolicyInputs {
  interaction: Interaction;
  /** The customer's current WhatsApp service consent, if any was ever recorded. */
  consent: { granted: boolean } | null;
  lastWhatsAppInboundAt: Date | null;
  template: Pick<WhatsAppTemplate, 'approval_status' | 'body' | 'variables'> | null;
}

/**
 * Everything a push's policy check reads, in one round trip (each one is on the way to the wire):
 * the interaction, the caller's consent and WhatsApp window, and the chosen template.
 */
export async function pushPolicyInputs(db: Db, interactionId: string, templateSid: string | null): Promise<PushPolicyInputs | undefined> {
  const customer = sql<string>`i.customer_id`;
  const row = await db
    .selectFrom('interactions as i')
    .selectAll('i')
    .select(() => [
      jsonObjectFrom(currentConsentQuery(db, customer, 'whatsapp', 'service').select('granted')).as('p_consent'),
      lastInboundQuery(db, customer, 'whatsapp').as('p_last_inbound_at'),
      jsonObjectFrom(db.selectFrom('whatsapp_templates').select(['approval_status', 'body', 'variables']).where('content_sid', '=', templateSid ?? '')).as('p_template'),
    ])
    .where('i.id', '=', interactionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { p_consent, p_last_inbound_at, p_template, ...interaction } = row;
  return {
    interaction: interaction as Interaction,
    consent: p_consent,
    lastWhatsAppInboundAt: p_last_inbound_at ?? null,
    template: templateSid ? (p_template as PushPolicyInputs['template']) : null,
  };
}
