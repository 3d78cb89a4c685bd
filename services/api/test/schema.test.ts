import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema/index';
import { schemaFile } from '../src/schema-file';

describe('schema/schema.graphql', () => {
  it('is the SDL printed from the Pothos builder (run `npm run schema:print -w @cc/api` when this fails)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(`${printSchema(buildSchema())}\n`);
  });
});
