import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['../../test/support/global-setup.ts'],
    hookTimeout: 60_000,
  },
});
