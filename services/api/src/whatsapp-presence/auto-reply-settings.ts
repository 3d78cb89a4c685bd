import { checkTextLinks } from '@cc/core/link-allow-list';
import { assertValidKeyword, autoReplyKinds, replyLanguages, type AutoReplyTexts, type KeywordAnswer } from '@cc/core/whatsapp-presence';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { getQueue } from '@cc/db/repositories/queues';
import { getAutoReplies, listKeywordAnswers, saveAutoReplies, type AutoReplySettings } from '@cc/db/repositories/whatsapp-presence';
import type { Db } from '@cc/db/database';
import { NotFoundError } from '../routing/errors';
import { WhatsAppSettingInvalidError } from './errors';

export interface QueueAutoReplies extends AutoReplySettings {
  queueId: string;
  keywords: KeywordAnswer[];
}

/** Until an administrator saves them, a queue sends no automatic replies. */
export const defaultAutoReplySettings: AutoReplySettings = { enabled: false, texts: {}, busyThresholdSeconds: 300, minIntervalMinutes: 60 };

export async function queueAutoReplies(db: Db, queueId: string): Promise<QueueAutoReplies> {
  const [row, keywords] = await Promise.all([getAutoReplies(db, queueId), listKeywordAnswers(db, queueId)]);
  return {
    queueId,
    ...(row ? { enabled: row.enabled, texts: row.texts, busyThresholdSeconds: row.busy_threshold_seconds, minIntervalMinutes: row.min_interval_minutes } : defaultAutoReplySettings),
    keywords: keywords.map((k) => ({ match: k.match, pattern: k.pattern, language: k.language, body: k.body, link: k.link, mediaUrl: k.media_url })),
  };
}

/**
 * An administrator saves a queue's automatic replies and keyword answers (all or nothing). Links in
 * any text must point to PUSH_LINK_DOMAINS, as everything sent from the company's number.
 */
export async function saveQueueAutoReplies(
  deps: { db: Db; clock: () => Date; allowedLinkDomains: readonly string[] },
  userId: string,
  input: Omit<QueueAutoReplies, 'keywords'> & { keywords: KeywordAnswer[] },
): Promise<QueueAutoReplies> {
  if (!(await getQueue(deps.db, input.queueId))) throw new NotFoundError('Queue');
  const texts: AutoReplyTexts = {};
  for (const kind of autoReplyKinds) {
    if (kind === 'keyword') continue;
    for (const language of replyLanguages) {
      const value = input.texts[kind]?.[language]?.trim();
      if (!value) continue;
      if (value.length > 1024) throw new WhatsAppSettingInvalidError(`${kind}.${language}`, 'at most 1024 characters');
      linksAllowed(`${kind}.${language}`, value, deps.allowedLinkDomains);
      (texts[kind] ??= {})[language] = value;
    }
  }
  if (!Number.isInteger(input.busyThresholdSeconds) || input.busyThresholdSeconds < 0) throw new WhatsAppSettingInvalidError('busyThresholdSeconds', 'a whole number of seconds, 0 or more');
  // At least a minute: the pair-rate and "no robots" rules forbid answering every message.
  if (!Number.isInteger(input.minIntervalMinutes) || input.minIntervalMinutes < 1 || input.minIntervalMinutes > 7 * 24 * 60) throw new WhatsAppSettingInvalidError('minIntervalMinutes', 'between 1 minute and 7 days');
  if (input.keywords.length > 50) throw new WhatsAppSettingInvalidError('keywords', 'at most 50 answers per queue');
  const keywords = input.keywords.map((k, i) => {
    const field = `keywords[${i}]`;
    try {
      assertValidKeyword(k.match, k.pattern);
    } catch (e) {
      throw new WhatsAppSettingInvalidError(field, (e as Error).message);
    }
    const body = k.body.trim();
    if (!body) throw new WhatsAppSettingInvalidError(field, 'the answer is empty');
    const link = k.link?.trim() || null;
    const mediaUrl = k.mediaUrl?.trim() || null;
    linksAllowed(field, [body, link].filter(Boolean).join('\n'), deps.allowedLinkDomains);
    if (mediaUrl && !/^https:\/\/\S+$/.test(mediaUrl)) throw new WhatsAppSettingInvalidError(field, 'media must be an https address Twilio can fetch');
    return { match: k.match, pattern: k.pattern.trim(), language: k.language, body, link, mediaUrl };
  });
  const settings = { enabled: input.enabled, texts, busyThresholdSeconds: input.busyThresholdSeconds, minIntervalMinutes: input.minIntervalMinutes };
  await saveAutoReplies(deps.db, input.queueId, settings, keywords, deps.clock());
  await recordAuditEvent(deps.db, { actorType: 'user', actorId: userId, action: 'whatsapp_auto_replies.saved', subjectType: 'queue', subjectId: input.queueId, data: { ...settings, keywords: keywords.length } });
  return { queueId: input.queueId, ...settings, keywords };
}

function linksAllowed(field: string, text: string, allowed: readonly string[]): void {
  const refused = checkTextLinks(text, allowed);
  if (refused) throw new WhatsAppSettingInvalidError(field, refused.host ? `links to ${refused.host} are not allowed (PUSH_LINK_DOMAINS)` : 'a link there is not a valid web address');
}
