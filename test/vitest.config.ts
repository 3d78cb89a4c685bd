import { mergeConfig } from 'vitest/config';
import { nodeTestConfig } from './support/vitest-node';

export default mergeConfig(nodeTestConfig(['integration/**/*.test.ts', 'faults/**/*.test.ts', 'e2e/**/*.test.ts']), {
  // Integration suites share one PostgreSQL server and start real servers: keep files serial.
  test: { fileParallelism: false },
});
