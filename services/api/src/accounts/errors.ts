import { DomainError } from '@cc/core/errors';

/* Refusals of account administration; registered in schema/account-errors.ts. */

export class EmailTakenError extends DomainError {
  constructor(email: string) {
    super('EMAIL_TAKEN', `A user with the email ${email} already exists; choose another address, or enable that account.`);
  }
}
