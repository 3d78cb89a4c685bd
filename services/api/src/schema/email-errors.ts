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
/** The relay refused or could not be reached: the message is stored with status failed and the SMTP code. */
export class EmailNotSentError extends Error {
  constructor(readonly failed: MessageRow) {
    super(`The mail relay did not accept the reply (${failed.error_code ?? 'unknown error'}); it is kept as failed on the interaction.`);
  }
}

for (const cls of [EmailNotConfiguredError, NotThisChannelError, NoMailToAnswerError] as const) {
  builder.objectType(cls as typeof Error, { name: cls.name, interfaces: [ErrorInterface], fields: () => ({}) });
}
builder.objectType(EmailNotSentError, {
  name: 'EmailNotSentError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ failedMessage: t.field({ type: Message, resolve: (e) => e.failed }) }),
});
