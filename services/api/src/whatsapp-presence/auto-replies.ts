import { nextOpening } from '@cc/core/business-hours';
import { logger } from '@cc/core/logger';
import { checkTextLinks } from '@cc/core/link-allow-list';
import { isOptOutReply } from '@cc/core/opt-out';
import {
  chooseAutoReply, customerLanguage, describeReturn, describeWait, fillAutoReply, looksAutomatic, type AutoReplyDecision, type AutoReplyKind,
} from '@cc/core/whatsapp-presence';
import { hasOptedOut } from '@cc/db/repositories/consents';
import { getCustomer } from '@cc/db/repositories/customers';
import { getQueue } from '@cc/db/repositories/queues';
import { queueStats } from '@cc/db/repositories/queue-stats';
import { inTransaction } from '@cc/db/repositories/transaction';
import { automaticRepliesOf, insertAutomaticReply, lockAutoRepliesOf, recentAutomaticWhatsApp } from '@cc/db/repositories/whatsapp-presence';
import type { Db } from '@cc/db/database';
import type { Interaction } from '@cc/db/tables/interactions';
import type { Message } from '@cc/db/tables/messages';
import type { TwilioDeps } from '../twilio/deps';
import { deliverWhatsAppAutoReply, whatsAppWindow } from '../twilio/whatsapp-replies';
import { queueAutoReplies } from './auto-reply-settings';
import { cachedSenderProfile } from './sender-profile';

export type AutoReplyOutcome = AutoReplyDecision | { send: false; reason: 'link_not_allowed' | 'opt_out' | 'not_whatsapp' };

/** How long our own automatic texts are remembered to recognise a bot echoing them back. */
const echoMemoryMs = 24 * 3600_000;

/**
 * A customer's WhatsApp message was stored: answers it automatically when a rule of its queue says
 * so (core's chooseAutoReply). Decided and stored under a per-customer lock, so two messages
 * arriving together get at most one reply; then delivered like the queue's other automatic
 * messages (opt-out checked, a failure kept on the message). Never throws: the customer's message
 * is stored whatever happens here.
 */
export async function answerAutomatically(
  deps: TwilioDeps,
  arrived: { message: Message; interaction: Interaction; interactionCreated: boolean; from: string },
): Promise<AutoReplyOutcome> {
  try {
    const outcome = await decideAndStore(deps, arrived);
    if (outcome.send) await deliverWhatsAppAutoReply(deps, outcome.stored, arrived.interaction);
    return outcome.send ? outcome.decision : outcome;
  } catch (e) {
    logger({ interactionId: arrived.interaction.id }).warn({ err: (e as Error).message }, 'automatic WhatsApp reply not sent');
    return { send: false, reason: 'no_rule' };
  }
}

async function decideAndStore(
  deps: TwilioDeps,
  { message, interaction, interactionCreated, from }: { message: Message; interaction: Interaction; interactionCreated: boolean; from: string },
): Promise<{ send: true; decision: AutoReplyDecision & { send: true }; stored: Message } | Exclude<AutoReplyOutcome, { send: true }>> {
  if (interaction.channel !== 'whatsapp') return { send: false, reason: 'not_whatsapp' };
  // "BAJA" / "STOP" is answered by nothing, nor is anyone who opted out.
  if (isOptOutReply(message.body) || (await hasOptedOut(deps.db, interaction.customer_id, 'whatsapp'))) return { send: false, reason: 'opt_out' };
  const queue = await getQueue(deps.db, interaction.queue_id);
  if (!queue) return { send: false, reason: 'no_rule' };
  const settings = await queueAutoReplies(deps.db, queue.id);
  if (!settings.enabled) return { send: false, reason: 'disabled' };
  const profile = await cachedSenderProfile(deps);
  return inTransaction(deps.db, async (trx) => {
    await lockAutoRepliesOf(trx, interaction.customer_id);
    const now = deps.clock();
    const recent = await recentAutomaticWhatsApp(trx, interaction.customer_id, new Date(now.getTime() - Math.max(echoMemoryMs, settings.minIntervalMinutes * 60_000)));
    const already = await automaticRepliesOf(trx, interaction.id);
    const language = customerLanguage(from, message.body, (await getCustomer(trx, interaction.customer_id))?.language ?? null);
    const opensAt = nextOpening({ businessHours: queue.business_hours, timezone: queue.timezone }, now);
    const waitSeconds = settings.texts.busy ? await estimatedWaitSeconds(trx, queue.id, now) : null;
    const decision = chooseAutoReply(
      {
        now,
        text: message.body,
        language,
        firstOfConversation: interactionCreated,
        waiting: interaction.status === 'queued' || interaction.status === 'offered',
        opensAt,
        estimatedWaitSeconds: waitSeconds,
        windowOpen: (await whatsAppWindow({ ...deps, db: trx }, interaction.customer_id)).open,
        lastAutomaticAt: recent[0]?.created_at ?? null,
        fromAutomaticSender: looksAutomatic(message.body, recent.map((r) => r.body ?? '')),
        sentInConversation: { kinds: already.map((a) => a.kind as AutoReplyKind), keywordBodies: already.flatMap((a) => (a.answer ? [a.answer] : [])) },
        settings,
        keywordAnswers: settings.keywords,
      },
      (kind, template) =>
        fillAutoReply(template, {
          back: kind === 'away' ? describeReturn(opensAt, now, queue.timezone, language) : '',
          wait: kind === 'busy' ? describeWait(waitSeconds, language) : '',
          name: profile?.profile.name ?? '',
        }),
    );
    if (!decision.send) return decision;
    const text = [decision.body, decision.link].filter(Boolean).join('\n');
    // The same rule as every agent reply: links only to PUSH_LINK_DOMAINS (settings were checked when saved; the list may have changed since).
    if (checkTextLinks(text, deps.allowedLinkDomains ?? [])) return { send: false, reason: 'link_not_allowed' };
    const stored = await insertAutomaticReply(
      trx,
      { interactionId: interaction.id, customerId: interaction.customer_id, body: text, mediaUrl: decision.mediaUrl, context: { automatic: { kind: decision.kind, language, inReplyTo: message.id, ...(decision.kind === 'keyword' ? { answer: decision.body } : {}) } } },
      now,
    );
    return { send: true, decision: { ...decision, body: text }, stored };
  });
}

/**
 * The wait a customer arriving now can expect: as long as the one waiting longest has waited so
 * far, at least the day's average speed of answer.
 */
export async function estimatedWaitSeconds(db: Db, queueId: string, now: Date): Promise<number | null> {
  const stats = await queueStats(db, queueId, now);
  if (!stats) return null;
  return Math.max(stats.longestWaitSeconds, stats.averageSpeedOfAnswerSeconds ?? 0);
}
