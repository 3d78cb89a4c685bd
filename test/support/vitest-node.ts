import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Vitest settings for Node packages that talk to PostgreSQL and serve GraphQL. graphql 16 ships
 * CommonJS (`main`) and ESM (`module`) side by side; Vite would pick the ESM copy for our files
 * while Pothos and yoga load the CommonJS one, and graphql refuses to mix two realms. Pin the one
 * Node itself loads.
 */
export function nodeTestConfig(include: string[] = ['test/**/*.test.ts']) {
  return defineConfig({
    resolve: { alias: { graphql: require.resolve('graphql') } },
    test: {
      include,
      globalSetup: [fileURLToPath(new URL('./global-setup.ts', import.meta.url))],
      setupFiles: [fileURLToPath(new URL('./log-level.ts', import.meta.url))],
      hookTimeout: 120_000,
      testTimeout: 60_000,
    },
  });
}
