import { generate } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../codegen';

// The committed operation types must be what `npm run codegen -w @cc/web` makes from
// schema/schema.graphql and the documents in src/graphql/*.ts today.
describe('generated GraphQL types', () => {
  it('are current (run `npm run codegen -w @cc/web` after changing the schema or an operation)', async () => {
    const outputs = await generate({ ...config, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      expect(readFileSync(filename, 'utf8'), filename).toBe(content);
    }
  }, 60_000);
});
