import { DomainError } from '@cc/core/errors';

/** The search cannot be run as asked (empty or too long, bad cursor, range back to front); nothing was read. */
export class InvalidArchiveSearchError extends DomainError {
  constructor(message: string) {
    super('INVALID_ARCHIVE_SEARCH', message);
  }
}

export const archiveErrorTypes = [InvalidArchiveSearchError];
