import { DomainError } from '@cc/core/errors';

/* Refusals of data-protection requests; registered as GraphQL types in schema/privacy-errors.ts. */

export class PrivacyCustomerNotFoundError extends DomainError {
  constructor() {
    super('CUSTOMER_NOT_FOUND', 'No customer has this id, phone number or email address.');
  }
}

export class CustomerAlreadyErasedError extends DomainError {
  constructor() {
    super('CUSTOMER_ERASED', 'This customer’s personal data was already erased; only their blocked records remain (admins, with a reason).');
  }
}

export class ErasureConfirmationError extends DomainError {
  constructor() {
    super('ERASURE_NOT_CONFIRMED', 'Type the customer’s id exactly to confirm the erasure; nothing was erased.');
  }
}

export class AuditRetentionTooShortError extends DomainError {
  constructor() {
    super('AUDIT_RETENTION_TOO_SHORT', 'Audit entries are kept at least 365 days; nothing was changed.');
  }
}
