import { unreachableCode } from '@cc/channels/provider-failure';
import { DomainError } from '@cc/core/errors';
import type { Message as MessageRow } from '@cc/db/tables/messages';

/* Refusals of email (and web chat leave-an-email) replies; registered in schema/email-errors.ts. */

export class EmailNotConfiguredError extends DomainError {
  constructor() {
    super('EMAIL_NOT_CONFIGURED', 'Email replies are not configured on this server; an administrator must set SMTP_RELAY_URL.');
  }
}
export class NotThisChannelError extends DomainError {
  constructor(expected: string, actual: string) {
    super('NOT_THIS_CHANNEL', `This is a ${actual} interaction; this action needs a ${expected} one.`);
  }
}
export class NoMailToAnswerError extends DomainError {
  constructor() {
    super('NO_MAIL_TO_ANSWER', 'This interaction has no customer mail to answer (no address or thread to reply to).');
  }
}
/**
 * The relay refused (5xx, its code kept) or could not be reached (`unreachable`, also for its 4xx
 * "try later"): the message is stored with status failed and that code. Not retried by itself: the
 * agent sends it again, so a reply never goes out twice.
 */
export class EmailNotSentError extends DomainError {
  readonly retryable: boolean;
  constructor(readonly failed: MessageRow) {
    const unreachable = failed.error_code === unreachableCode;
    super(
      'EMAIL_NOT_SENT',
      unreachable
        ? 'The mail server could not be reached; nothing was sent — the reply is kept as failed on the interaction; try again.'
        : `The mail server refused the reply (error ${failed.error_code ?? 'unknown'}); it is kept as failed on the interaction.`,
    );
    this.retryable = unreachable;
  }
}
