import { DomainError } from '@cc/core/errors';

/** A report asked for something it cannot answer (range, zone, size); nothing was read. */
export class InvalidReportError extends DomainError {
  constructor(message: string) {
    super('INVALID_REPORT', message);
  }
}

/** The wrap-up code is not one of the interaction's queue's active codes. */
export class UnknownDispositionError extends DomainError {
  constructor() {
    super('UNKNOWN_DISPOSITION', 'That wrap-up code is not offered by this interaction’s queue; choose one of the queue’s codes.');
  }
}

export const reportErrorTypes = [InvalidReportError, UnknownDispositionError];
