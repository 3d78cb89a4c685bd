/** Statuses that end a message or push without it reaching the customer. */
export const failedStatuses = new Set(['failed', 'undelivered', 'canceled']);

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * Why a message or push failed, in words (`timeline.failure.<code>`): our own codes (`unreachable`,
 * `send_outcome_unknown`, …) have a sentence; a provider's code (Twilio 63016, SMTP 550) reads
 * "Error 63016". `channel` names who could not be reached: the mail server for email, else Twilio.
 */
export function failureReason(t: Translate, te: (key: string) => boolean, errorCode: string, channel: string): string {
  const key = `timeline.failure.${errorCode}`;
  if (te(key)) return t(key, { provider: t(channel.toLowerCase() === 'email' ? 'timeline.provider.email' : 'timeline.provider.twilio') });
  return t('timeline.errorCode', { code: errorCode });
}
