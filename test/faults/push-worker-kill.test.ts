import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWorker } from '@cc/workflows/worker';
import { pushWorkflowId } from '@cc/workflows/workflows/push-signals';
import { recordInbound } from '@cc/db/repositories/customer-channel-state';
import { acceptedCall, pushOps, recordConsent } from '../support/push/call';
import { useApiWithoutWorker } from '../support/push/stack';
import { createAgent, createQueue, type Agent } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, testAccountSid } from '../support/twilio/signing';
import { until } from '../support/until';

// The worker goes away mid-push. Whatever happens, Twilio gets exactly one request per push and the
// delivery statuses still reach the push (and its workflow) once a worker is back.
// PUSH_INLINE_SEND=false: the worker, not the API, sends, so taking it away matters.
const t = useApiWithoutWorker({ env: { PUSH_MIN_SPACING_SECONDS: '0', PUSH_INLINE_SEND: 'false' } });
let agent: Agent;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  worker = await t.startWorker();
  const sup = (await t.signIn('supervisor')).token;
  const phones = await createQueue(t, sup, { name: 'Phones', channels: ['VOICE'] });
  agent = await createAgent(t, sup, { queueIds: [phones], capacity: { voice: 5 } });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
});

const messagesSent = () => t.twilio.to('/Messages.json');
async function pushLocation(gid: string) {
  const res = await t.gql<{ push: { __typename: string; push?: { id: string; message: { id: string } } } }>(
    pushOps.push,
    { input: { interactionId: gid, kind: 'LOCATION', location: { latitude: 40.4, longitude: -3.7, name: 'Oficina' } } },
    agent.token,
  );
  if (!res.data?.push.push) throw new Error(JSON.stringify(res));
  return res.data.push.push;
}
const pushRow = (id: string) => t.api.services.db.selectFrom('pushes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const callback = (url: string, messageSid: string, status: string) => postSigned(url, { MessageSid: messageSid, AccountSid: testAccountSid, MessageStatus: status });

describe('push worker faults', () => {
  it('worker stopped between "send accepted" and "delivered": one Twilio request, the status still arrives after restart', { timeout: 60_000 }, async () => {
    const call = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, call.gid);
    await recordInbound(t.api.services.db, call.customerId, 'whatsapp', new Date());
    const before = messagesSent().length;
    const pushed = await pushLocation(call.gid);
    await until(() => pushRow(pushed.id), (p) => p.status !== 'pending');
    const messageSid = (await t.api.services.db.selectFrom('messages').select('provider_message_id').where('id', '=', pushed.message.id).executeTakeFirstOrThrow()).provider_message_id!;

    await worker!.stop();
    worker = undefined;
    // Twilio calls back while no worker runs: the API records it and Temporal keeps the signal.
    const url = String(formFields(messagesSent().at(-1)!).StatusCallback);
    expect((await callback(url, messageSid, 'delivered')).status).toBe(200);
    expect((await pushRow(pushed.id)).status).toBe('delivered');

    worker = await t.startWorker();
    expect((await callback(url, messageSid, 'read')).status).toBe(200);
    const result = await t.temporal.workflow.getHandle(pushWorkflowId(pushed.id)).result();
    expect(result).toBe('read');
    expect(messagesSent().length - before).toBe(1);
  });

  it('the worker dies after Twilio accepted but before it recorded the send: the retry never sends again; the callback completes the push', { timeout: 60_000 }, async () => {
    await worker?.stop();
    let crashes = 0;
    // The first send goes out for real, then the "process dies" before the activity records anything.
    worker = await t.startWorker((transport) => ({
      send: async (push, message) => {
        const sent = await transport.send(push, message);
        if (crashes++ === 0) throw new Error('worker killed after Twilio accepted the message');
        return sent;
      },
    }));
    const call = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, call.gid);
    await recordInbound(t.api.services.db, call.customerId, 'whatsapp', new Date());
    const before = messagesSent().length;
    const pushed = await pushLocation(call.gid);
    const [sent] = await until(() => messagesSent().slice(before), (s) => s.length > 0);
    expect(sent!.status).toBe(201);
    // Temporal retries the activity; the claim in PostgreSQL stops a second send.
    await new Promise((r) => setTimeout(r, 1500));
    expect(messagesSent().length - before).toBe(1);
    expect(crashes).toBe(1);
    expect((await pushRow(pushed.id)).status).toBe('pending');

    // Twilio's callback names our message id: it attaches the sid and moves the push on.
    const messageSid = (sent!.body as { sid: string }).sid;
    const url = String(formFields(sent!).StatusCallback);
    expect((await callback(url, messageSid, 'delivered')).status).toBe(200);
    expect((await callback(url, messageSid, 'read')).status).toBe(200);
    expect(await t.temporal.workflow.getHandle(pushWorkflowId(pushed.id)).result()).toBe('read');
    expect(await pushRow(pushed.id)).toMatchObject({ status: 'read' });
    expect(messagesSent().length - before).toBe(1);
  });
});
