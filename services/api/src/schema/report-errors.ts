import { builder } from '../builder';
import { reportErrorTypes } from '../reports/errors';
import { ErrorInterface } from './errors';

// The reports domain's refusals (reports/errors.ts) as GraphQL error types, named by class.
const descriptions: Record<string, string> = {
  InvalidReportError: 'The report’s range, time zone, size or cursor cannot be answered; the message says which. Nothing was read.',
  UnknownDispositionError: 'The wrap-up code is not an active code of the interaction’s queue.',
};
for (const cls of reportErrorTypes) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description: descriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}
