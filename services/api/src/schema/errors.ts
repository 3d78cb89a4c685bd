import { InputValidationError } from '@pothos/plugin-validation';
import { DomainError, InvalidIdentityError, InvalidPhoneNumberError } from '@cc/core/errors';
import { builder } from '../builder';

/** Every typed error in a result union implements this, so clients can always ask `... on Error`. */
export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

const FieldError = builder.simpleObject('FieldError', {
  description: 'One invalid input field: where it is and what is wrong with it.',
  fields: (t) => ({ path: t.stringList(), message: t.string() }),
});

builder.objectType(InputValidationError, {
  name: 'ValidationError',
  description: 'The input was refused before anything ran; nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldError],
      resolve: (err) =>
        err.issues.map((issue) => ({
          path: issue.path?.map((p) => String(typeof p === 'object' ? p.key : p)) ?? [],
          message: issue.message,
        })),
    }),
  }),
});

export class InvalidCredentialsError extends Error {
  constructor() {
    super('The email or password is incorrect.');
  }
}

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

export class TooManyRequestsError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many requests from here — try again in ${retryAfterSeconds} s.`,
  ) {
    super(message);
  }
}
builder.objectType(TooManyRequestsError, {
  name: 'TooManyRequestsError',
  description: 'Refused, nothing done: called too often (from one address, by one chat visitor, or failed sign-ins of one account); retry after retryAfterSeconds.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
});

/** Domain errors carry a stable machine-readable code next to the message. */
for (const [cls, name] of [
  [InvalidPhoneNumberError, 'InvalidPhoneNumberError'],
  [InvalidIdentityError, 'InvalidIdentityError'],
] as const) {
  builder.objectType(cls as typeof DomainError, {
    name,
    interfaces: [ErrorInterface],
    fields: (t) => ({ code: t.exposeString('code') }),
  });
}

/** Errors every mutation can return in its result union. */
export const inputErrors = [InputValidationError];
