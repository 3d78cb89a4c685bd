import type { Db } from '../database';
import type { WhatsAppTemplate } from '../tables/whatsapp-templates';

export interface TemplateSync {
  contentSid: string;
  friendlyName: string;
  language: string;
  body: string | null;
  variables: Record<string, string>;
  types: Record<string, unknown>;
  approvalStatus: string;
  category: string | null;
}

/** Replaces the synced list: templates gone from Twilio are removed, the rest upserted. */
export async function replaceTemplates(db: Db, templates: TemplateSync[], now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sids = templates.map((t) => t.contentSid);
    let del = trx.deleteFrom('whatsapp_templates');
    if (sids.length) del = del.where('content_sid', 'not in', sids);
    await del.execute();
    for (const t of templates) {
      const row = {
        friendly_name: t.friendlyName,
        language: t.language,
        body: t.body,
        variables: JSON.stringify(t.variables),
        types: JSON.stringify(t.types),
        approval_status: t.approvalStatus,
        category: t.category,
        synced_at: now,
      };
      await trx.insertInto('whatsapp_templates').values({ content_sid: t.contentSid, ...row }).onConflict((oc) => oc.column('content_sid').doUpdateSet(row)).execute();
    }
  });
}

export function listTemplates(db: Db, opts: { approvedOnly: boolean }): Promise<WhatsAppTemplate[]> {
  let q = db.selectFrom('whatsapp_templates').selectAll().orderBy('friendly_name').orderBy('language');
  if (opts.approvedOnly) q = q.where('approval_status', '=', 'approved');
  return q.execute();
}

export function getTemplate(db: Db, contentSid: string): Promise<WhatsAppTemplate | undefined> {
  return db.selectFrom('whatsapp_templates').selectAll().where('content_sid', '=', contentSid).executeTakeFirst();
}
