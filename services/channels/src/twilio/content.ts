import type { TwilioClient } from './client';

/** A template as the Content API lists it (ContentAndApprovals), reduced to what the project keeps. */
export interface ContentTemplate {
  contentSid: string;
  friendlyName: string;
  language: string;
  body: string | null;
  variables: Record<string, string>;
  types: Record<string, unknown>;
  /** WhatsApp approval: approved, pending, rejected, unsubmitted… */
  approvalStatus: string;
  category: string | null;
}

/** Every template of the account with its WhatsApp approval status (all pages). */
export async function listContentTemplates(client: TwilioClient): Promise<ContentTemplate[]> {
  const items = await client.content.v1.contentAndApprovals.list({ pageSize: 500 });
  return items.map((c) => {
    const types = (c.types ?? {}) as Record<string, Record<string, unknown>>;
    const approvals = (c.approvalRequests ?? {}) as Record<string, unknown>;
    const firstBody = Object.values(types).map((t) => t?.body).find((b) => typeof b === 'string');
    return {
      contentSid: c.sid,
      friendlyName: c.friendlyName,
      language: c.language,
      body: typeof firstBody === 'string' ? firstBody : null,
      variables: Object.fromEntries(Object.entries(c.variables ?? {}).map(([k, v]) => [k, String(v)])),
      types,
      approvalStatus: typeof approvals.status === 'string' && approvals.status ? approvals.status : 'unsubmitted',
      category: typeof approvals.category === 'string' && approvals.category ? approvals.category : null,
    };
  });
}
