import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushWorkflowId } from '@cc/workflows/workflows/push-signals';
import { recordInbound } from '@cc/db/repositories/customer-channel-state';
import { acceptedCall, pushOps, recordConsent } from '../support/push/call';
import { useApiWithoutWorker } from '../support/push/stack';
import { createAgent, createQueue, type Agent } from '../support/routing-fixtures';
import { spawnWorker as spawnWorkerProcess } from '../support/push/spawn-worker';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, testAccountSid } from '../support/twilio/signing';
import { until } from '../support/until';

// The worker is a process of its own (npm run worker) and is killed with SIGKILL in the worst
// place: Twilio has accepted the message, the activity has not returned. A new worker process
// takes over; across both, Twilio got exactly one request and the statuses still complete the push.
// PUSH_INLINE_SEND=false: the worker, not the API, sends.
const t = useApiWithoutWorker({
  env: { PUSH_MIN_SPACING_SECONDS: '0', PUSH_INLINE_SEND: 'false' },
});
let agent: Agent;
const workers: ChildProcess[] = [];
const spawnWorker = (env: Record<string, string> = {}) => spawnWorkerProcess(t, workers, env);

beforeAll(async () => {
  const sup = (await t.signIn('supervisor')).token;
  const phones = await createQueue(t, sup, { name: 'Phones', channels: ['VOICE'] });
  agent = await createAgent(t, sup, { queueIds: [phones], capacity: { voice: 5 } });
}, 60_000);
afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
});

const pushRow = (id: string) =>
  t.api.services.db.selectFrom('pushes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const callback = (url: string, messageSid: string, status: string) =>
  postSigned(url, { MessageSid: messageSid, AccountSid: testAccountSid, MessageStatus: status });

describe('push worker process killed', () => {
  it(
    'kill -9 after Twilio accepted, before the worker recorded it: one request across both workers, the statuses still complete the push',
    { timeout: 120_000 },
    async () => {
      const first = await spawnWorker({ PAUSE_AFTER_SEND_MS: '60000' });
      const call = await acceptedCall(t, agent);
      await recordConsent(t, agent.token, call.gid);
      await recordInbound(t.api.services.db, call.customerId, 'whatsapp', new Date());
      const res = await t.gql<{ push: { __typename: string; push?: { id: string } } }>(
        pushOps.push,
        {
          input: {
            interactionId: call.gid,
            kind: 'LOCATION',
            location: { latitude: 40.4, longitude: -3.7, name: 'Oficina' },
          },
        },
        agent.token,
      );
      const pushId = res.data!.push.push!.id;

      // Twilio (the contract mock) accepted the message; the worker is held right after it.
      const [sent] = await until(
        () => first.sent.filter((r) => r.path.endsWith('/Messages.json')),
        (s) => s.length > 0,
        30_000,
      );
      expect(sent!.status).toBe(201);
      first.child.kill('SIGKILL');
      await first.exited;
      expect(first.child.signalCode).toBe('SIGKILL');
      // Nothing recorded the send: the push still waits on Twilio's word.
      expect(await pushRow(pushId)).toMatchObject({ status: 'pending' });

      const second = await spawnWorker();
      // The retry (after the send's start-to-close timeout) runs on the new worker, finds the send
      // claimed and never sends again — before any callback could tell it the message exists.
      const handle = t.temporal.workflow.getHandle(pushWorkflowId(pushId));
      const completed = async () =>
        (await handle.fetchHistory()).events?.filter(
          (e) => e.activityTaskCompletedEventAttributes,
        ) ?? [];
      await until(completed, (events) => events.length > 0, 45_000);
      expect(second.sent.filter((r) => r.path.endsWith('/Messages.json'))).toHaveLength(0);
      const messageSid = (sent!.body as { sid: string }).sid;
      const url = String(formFields(sent!).StatusCallback);
      // The worker named the API's public address for Twilio's callbacks.
      expect(url.startsWith(`${t.api.url}/`)).toBe(true);
      expect((await callback(url, messageSid, 'delivered')).status).toBe(200);
      expect((await callback(url, messageSid, 'read')).status).toBe(200);
      expect(await handle.result()).toBe('read');
      expect(await pushRow(pushId)).toMatchObject({ status: 'read' });
      expect(
        [...first.sent, ...second.sent].filter((r) => r.path.endsWith('/Messages.json')),
      ).toHaveLength(1);
      second.child.kill('SIGTERM');
      await second.exited;
    },
  );
});
