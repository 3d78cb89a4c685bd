import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as ops from './operations';

// The widget sends plain strings; they must validate against the API's printed SDL like the console's.
const sdl = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../schema/schema.graphql'), 'utf8');
const schema = buildSchema(sdl);
const documents = Object.entries(ops as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');

describe('co-browse widget operations', () => {
  it('finds them', () => {
    expect(documents.map(([name]) => name).sort()).toEqual(['accept', 'current', 'customerEvents', 'end', 'openInvite', 'sendEvents', 'startShare']);
  });
  it.each(documents)('%s validates against schema/schema.graphql', (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });
});
