import { InputValidationError } from '@pothos/plugin-validation';
import { DomainError, InvalidIdentityError, InvalidPhoneNumberError } from '@cc/core/errors';
import { InvalidCredentialsError, TooManyRequestsError } from '../auth/errors';
import { builder } from '../builder';

/** Every typed error in a result union implements this, so clients can always ask `... on Error`. */
export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'A typed refusal in a mutation’s result union: branch on __typename; nothing was changed.',
  fields: (t) => ({ message: t.exposeString('message', { description: 'What went wrong and what to do, in English, for a person to read.' }) }),
});

const FieldError = builder.simpleObject('FieldError', {
  description: 'One invalid input field: where it is and what is wrong with it.',
  fields: (t) => ({
    path: t.stringList({ description: 'Path to the field from the argument, e.g. ["input", "to"].' }),
    message: t.string({ description: 'What is wrong with it.' }),
  }),
});

builder.objectType(InputValidationError, {
  name: 'ValidationError',
  description: 'The input was refused before anything ran; nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldError],
      description: 'Every invalid field, not only the first.',
      resolve: (err) =>
        err.issues.map((issue) => ({
          path: issue.path?.map((p) => String(typeof p === 'object' ? p.key : p)) ?? [],
          message: issue.message,
        })),
    }),
  }),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: 'Sign-in refused: the email or password is wrong (which one is not said).',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(TooManyRequestsError, {
  name: 'TooManyRequestsError',
  description: 'Refused, nothing done: called too often (from one address, by one chat visitor, or failed sign-ins of one account); retry after retryAfterSeconds.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'Seconds to wait before trying again.' }) }),
});

/** Domain errors carry a stable machine-readable code next to the message. */
for (const [cls, name] of [
  [InvalidPhoneNumberError, 'InvalidPhoneNumberError'],
  [InvalidIdentityError, 'InvalidIdentityError'],
] as const) {
  builder.objectType(cls as typeof DomainError, {
    name,
    description:
      name === 'InvalidPhoneNumberError'
        ? 'The phone number could not be read; give it in international format (+34 600 000 000).'
        : 'The identity (phone, WhatsApp number, email or web chat visitor id) is not valid for its kind.',
    interfaces: [ErrorInterface],
    fields: (t) => ({ code: t.exposeString('code', { description: 'Stable machine-readable code (INVALID_PHONE_NUMBER, INVALID_IDENTITY).' }) }),
  });
}

/** Errors every mutation can return in its result union. */
export const inputErrors = [InputValidationError];
