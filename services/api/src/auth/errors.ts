import { DomainError } from '@cc/core/errors';

/* Refusals of sign-in and of over-used public operations; registered in schema/errors.ts. */

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 'The email or password is incorrect.');
  }
}
export class TooManyRequestsError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many requests from here — try again in ${retryAfterSeconds} s.`,
  ) {
    super('TOO_MANY_REQUESTS', message);
  }
}
