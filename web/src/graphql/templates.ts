// Approved WhatsApp templates (the only way to write once the 24 h window has closed).
import { graphql } from './generated';
import type { WhatsAppTemplatesQuery as WhatsAppTemplatesResult } from './generated/graphql';

export type WhatsAppTemplate = WhatsAppTemplatesResult['whatsAppTemplates'][number];

export const WhatsAppTemplatesQuery = graphql(`
  query WhatsAppTemplates {
    whatsAppTemplates {
      contentSid
      name
      language
      body
      variables {
        key
        sample
      }
    }
  }
`);
