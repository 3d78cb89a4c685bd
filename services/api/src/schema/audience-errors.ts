import { builder } from '../builder';
import { audienceErrorTypes } from '../audience/errors';
import { ErrorInterface } from './errors';

// The audience domain's refusals (audience/errors.ts) as GraphQL error types, named by class.
const descriptions: Record<string, string> = {
  InvalidAttributeError: 'A customer attribute or segment criterion is not valid (unknown language, country or time zone, bad field name…); the message names it.',
  SegmentNameTakenError: 'Another segment already has that name (names are unique regardless of case).',
  ConsentFileError: 'The consent file cannot be read at all (not CSV, header lacking a column, too many lines); nothing was recorded.',
};
for (const cls of audienceErrorTypes) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description: descriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}
