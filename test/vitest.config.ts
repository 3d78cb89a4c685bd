import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./support/global-setup.ts'],
    include: ['integration/**/*.test.ts', 'faults/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites share one PostgreSQL server and start real servers: keep files serial.
    fileParallelism: false,
  },
});
