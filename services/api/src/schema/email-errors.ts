import { builder } from '../builder';
import { EmailNotConfiguredError, EmailNotSentError, NoMailToAnswerError, NotThisChannelError } from '../email/errors';
import { ErrorInterface } from './errors';
import { Message } from './interactions';

/* Registers the email refusals (email/errors.ts) as GraphQL types. */

const emailErrorDescriptions: Record<string, string> = {
  EmailNotConfiguredError: 'Email replies are not configured on this server (no SMTP relay).',
  NotThisChannelError: 'The action needs an interaction of another channel (e.g. an email reply on a chat).',
  NoMailToAnswerError: 'The interaction has no customer mail to reply to.',
};
for (const cls of [EmailNotConfiguredError, NotThisChannelError, NoMailToAnswerError] as const) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description: emailErrorDescriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}
builder.objectType(EmailNotSentError, {
  name: 'EmailNotSentError',
  description: 'The mail server refused the reply or could not be reached; the reply is kept as failed and is not retried by itself — send it again.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    failedMessage: t.field({ type: Message, description: 'The reply as stored, with status failed and the error code.', resolve: (e) => e.failed }),
    retryable: t.exposeBoolean('retryable', { description: 'True when the mail server could not be reached: sending again may work.' }),
  }),
});
