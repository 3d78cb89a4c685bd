import { DomainError } from '@cc/core/errors';

/** A customer attribute or segment criterion that is not valid; the message names it and says why. */
export class InvalidAttributeError extends DomainError {
  constructor(readonly field: string, reason: string) {
    super('INVALID_ATTRIBUTE', `${field}: ${reason}`);
  }
}

export class SegmentNameTakenError extends DomainError {
  constructor(name: string) {
    super('SEGMENT_NAME_TAKEN', `A segment named "${name}" already exists; choose another name.`);
  }
}

/** The CSV cannot be read as a consent file at all (no header, missing columns, too big). */
export class ConsentFileError extends DomainError {
  constructor(reason: string) {
    super('CONSENT_FILE_INVALID', reason);
  }
}

export const audienceErrorTypes = [InvalidAttributeError, SegmentNameTakenError, ConsentFileError] as const;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that cannot be one of ours is "not found", not a database error. */
export function isRowId(id: string): boolean {
  return uuid.test(id);
}
