import { unreachableCode } from '@cc/channels/provider-failure';
import type { Message as MessageRow } from '@cc/db/tables/messages';
import { builder } from '../builder';
import { ErrorInterface } from './errors';
import { Message } from './interactions';

/* Refusals of email and web chat replies. */

export class EmailNotConfiguredError extends Error {
  constructor() {
    super('Email replies are not configured on this server; an administrator must set SMTP_RELAY_URL.');
  }
}
export class NotThisChannelError extends Error {
  constructor(expected: string, actual: string) {
    super(`This is a ${actual} interaction; this action needs a ${expected} one.`);
  }
}
export class NoMailToAnswerError extends Error {
  constructor() {
    super('This interaction has no customer mail to answer (no address or thread to reply to).');
  }
}
/**
 * The relay refused (5xx, its code kept) or could not be reached (`unreachable`, also for its 4xx
 * "try later"): the message is stored with status failed and that code. Not retried by itself: the
 * agent sends it again, so a reply never goes out twice.
 */
export class EmailNotSentError extends Error {
  readonly retryable: boolean;
  constructor(readonly failed: MessageRow) {
    const unreachable = failed.error_code === unreachableCode;
    super(
      unreachable
        ? 'The mail server could not be reached; nothing was sent — the reply is kept as failed on the interaction; try again.'
        : `The mail server refused the reply (error ${failed.error_code ?? 'unknown'}); it is kept as failed on the interaction.`,
    );
    this.retryable = unreachable;
  }
}

for (const cls of [EmailNotConfiguredError, NotThisChannelError, NoMailToAnswerError] as const) {
  builder.objectType(cls as typeof Error, { name: cls.name, interfaces: [ErrorInterface], fields: () => ({}) });
}
builder.objectType(EmailNotSentError, {
  name: 'EmailNotSentError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    failedMessage: t.field({ type: Message, resolve: (e) => e.failed }),
    retryable: t.exposeBoolean('retryable', { description: 'True when the mail server could not be reached: sending again may work.' }),
  }),
});
