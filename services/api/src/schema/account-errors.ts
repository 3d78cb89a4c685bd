import { builder } from '../builder';
import { EmailTakenError } from '../accounts/errors';
import { ErrorInterface } from './errors';

// Account administration's refusals (accounts/errors.ts) as GraphQL error types.
builder.objectType(EmailTakenError, {
  name: 'EmailTakenError',
  description: 'Another user already signs in with this email address; nothing was created.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ code: t.exposeString('code', { description: 'Stable machine-readable code: EMAIL_TAKEN.' }) }),
});
