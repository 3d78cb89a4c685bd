// GraphQL Code Generator: the console's operation types from the API's printed SDL.
// `npm run codegen -w @cc/web` rewrites src/graphql/generated/ (committed, so a clone builds
// offline); src/graphql/codegen.spec.ts fails when it is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const config: CodegenConfig = {
  schema: here('../schema/schema.graphql'),
  documents: [here('src/graphql/*.ts'), `!${here('src/graphql/*.spec.ts')}`],
  // Only documents written with this preset's graphql() count.
  pluckConfig: { modules: [{ name: './generated', identifier: 'graphql' }], globalGqlIdentifierName: [] },
  generates: {
    [here('src/graphql/generated/')]: {
      preset: 'client',
      // The console reads whole results (fixtures in specs build them), so no fragment masking.
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        // urql's cache adds __typename to every selection, so results carry it.
        skipTypename: false,
        scalars: {
          DateTime: { input: 'string', output: 'string' },
          // Every JSON field the API answers is an object (context, event data, business hours).
          JSON: { input: 'unknown', output: 'Record<string, unknown>' },
        },
      },
    },
  },
};

export default config;
