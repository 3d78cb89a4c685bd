// The one ESLint config of the monorepo; every package's `lint` script points here.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

// Files whose queries other work still has to move into services/db (none left).
const sqlNotYetMoved = [];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: globals.browser },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // Dependencies point one way (adapters → use cases → db/channels/core): no file may reach
    // itself again through its imports, within a package or across workspaces.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      // Workspace packages are ours: a cycle through them counts; third-party modules are not walked.
      'import-x/internal-regex': '^@cc/',
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/{services/*,workflows,web,test}/tsconfig.json`, noWarnOnMultipleProjects: true })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // SQL lives in services/db/src/repositories only: the API and the workflows' activities call
    // repository functions. basePath: patterns hold whether lint runs from the root or a package.
    basePath: root,
    files: ['services/api/src/**/*.ts', 'workflows/src/**/*.ts'],
    ignores: sqlNotYetMoved,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'kysely', importNames: ['sql'], message: 'Write SQL in a services/db repository function and call it.' }] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]",
          message: 'Queries live in services/db/src/repositories: add (or reuse) a repository function taking db or trx.',
        },
      ],
    },
  },
  {
    // Migrations are frozen against the schema of their day, not the application's types.
    files: ['**/src/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Workflow code is replayed: it must stay deterministic and may only reach the outside
    // world through activities (imported as types).
    // basePath: from the workflows package's own `lint` (cwd workflows/) the pattern did not match.
    basePath: root,
    files: ['workflows/src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.flatMap((m) => [m, `node:${m}`]),
          patterns: [
            { group: ['@cc/db/*', '@cc/channels/*', '@cc/api/*'], message: 'Workflows reach services only through activities.' },
            { group: ['@cc/core/logger', 'pino'], message: 'Workflow code is replayed: log in activities (or use @temporalio/workflow `log`).' },
            { group: ['**/activities/*'], allowTypeImports: true, message: 'Import activities with `import type`.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'fetch', 'process'],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Math.random is replaced by the workflow sandbox; use uuid4() from @temporalio/workflow.' },
      ],
    },
  },
);
