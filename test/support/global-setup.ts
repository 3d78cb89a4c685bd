import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres';

/** One PostgreSQL server per test run; each test file makes its own database on it. */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
