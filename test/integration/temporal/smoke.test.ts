import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTemporalTestEnv, type TemporalTestEnv } from '../../support/temporal/harness';
import { approve, happyPath, statusQuery } from '../../support/temporal/workflows';

let env: TemporalTestEnv;
beforeAll(async () => {
  env = await startTemporalTestEnv();
});
afterAll(async () => env?.stop());

it('happy path', async () => {
  const h = await env.client.workflow.start(happyPath, { args: ['Ada'], taskQueue: env.taskQueue, workflowId: `hp-${Date.now()}` });
  await new Promise((r) => setTimeout(r, 300));
  expect(await h.query(statusQuery)).toBe('waiting');
  await h.signal(approve, 'Bob');
  expect(await h.result()).toBe('Hello, Ada, approved by Bob');
});
