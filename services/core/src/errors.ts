/**
 * Errors a person can act on. Each carries a stable `code` so GraphQL and HTTP layers can map it
 * to a typed error or a 4xx without parsing messages.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidPhoneNumberError extends DomainError {
  constructor(readonly input: string) {
    super('INVALID_PHONE_NUMBER', `"${input}" is not a valid phone number; use international format, e.g. +34 600 000 000.`);
  }
}

export class InvalidIdentityError extends DomainError {
  constructor(kind: string, input: string, reason: string) {
    super('INVALID_IDENTITY', `"${input}" is not a valid ${kind} identity: ${reason}.`);
  }
}
