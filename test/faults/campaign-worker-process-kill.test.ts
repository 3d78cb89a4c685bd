import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '@cc/api/campaigns/service';
import { campaignWorkflowId } from '@cc/workflows/workflows/campaign-signals';
import {
  allWeek,
  campaignCustomer,
  campaignDraft,
  seedCampaignTemplates,
} from '../support/campaigns/fixtures';
import { useApiWithoutWorker } from '../support/push/stack';
import {
  spawnWorker as spawnWorkerProcess,
  type WorkerProcess,
} from '../support/push/spawn-worker';
import { formFields } from '../support/twilio/recording-client';
import { postSigned, testAccountSid } from '../support/twilio/signing';
import { until } from '../support/until';

// A campaign's worker is a process of its own (npm run worker) and is killed with SIGKILL in the
// worst place: Twilio has accepted a campaign message, the worker has not recorded it. A new worker
// takes the campaign over (the send slice's heartbeat stops; Temporal retries it elsewhere): the
// cut-off send is never repeated (its row was claimed before the request), Twilio's status callback
// for it still records it, and every other recipient is sent once. 0 duplicates, 0 lost.
const t = useApiWithoutWorker({ env: { PUSH_MIN_SPACING_SECONDS: '0' } });
const workers: ChildProcess[] = [];
// One request in flight at a time: the killed worker holds exactly one send Twilio accepted.
const spawnWorker = (env: Record<string, string> = {}) =>
  spawnWorkerProcess(t, workers, {
    PUSH_MIN_SPACING_SECONDS: '0',
    CAMPAIGN_SEND_CONCURRENCY: '1',
    ...env,
  });

beforeAll(async () => {
  await seedCampaignTemplates(t.api.services.db);
}, 60_000);
afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
});

const messages = (w: WorkerProcess[]) =>
  w.flatMap((x) => x.sent).filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));

describe('campaign worker process killed', () => {
  it(
    'kill -9 after Twilio accepted a campaign message: the campaign resumes on a new worker; every recipient got exactly one request, none lost',
    { timeout: 180_000 },
    async () => {
      const tag = `kill-${Date.now().toString(36)}`;
      const people = [];
      for (let i = 0; i < 12; i++)
        people.push(
          await campaignCustomer(t.api.services.db, { tags: [tag], name: `Cliente ${i}` }),
        );
      const first = await spawnWorker({ PAUSE_AFTER_SEND_MS: '120000' });
      const campaign = await createCampaign(
        t.api.services.campaigns,
        campaignDraft(tag, {
          name: 'Kill -9',
          ratePerSecond: 10,
          quietHours: allWeek,
          startAt: new Date(),
        }),
        null,
      );
      // Twilio (the contract mock) accepted the first message; the worker is held right after it.
      const [held] = await until(
        () => messages([first]),
        (s) => s.length > 0,
        60_000,
      );
      expect(held!.status).toBe(201);
      first.child.kill('SIGKILL');
      await first.exited;
      expect(first.child.signalCode).toBe('SIGKILL');
      const rows = () =>
        t.api.services.db
          .selectFrom('campaign_recipients')
          .selectAll()
          .where('campaign_id', '=', campaign.id)
          .execute();
      // Claimed, not recorded: the row says "sending" and has no Twilio sid.
      expect((await rows()).filter((r) => r.state === 'sending')).toHaveLength(1);

      const second = await spawnWorker();
      const handle = t.temporal.workflow.getHandle(campaignWorkflowId(campaign.id));
      expect(await handle.result()).toBe('completed');
      // Twilio's status callback for the cut-off send arrives (it is addressed by our message id).
      const callback = await postSigned(String(formFields(held!).StatusCallback), {
        MessageSid: (held!.body as { sid: string }).sid,
        AccountSid: testAccountSid,
        MessageStatus: 'delivered',
      });
      expect(callback.status).toBe(200);

      const all = messages([first, second]);
      const perPhone = new Map<string, number>();
      for (const r of all)
        perPhone.set(String(formFields(r).To), (perPhone.get(String(formFields(r).To)) ?? 0) + 1);
      // 0 duplicates, 0 lost: one request per recipient across both workers…
      expect(people.map((p) => perPhone.get(`whatsapp:${p.phone}`) ?? 0)).toEqual(
        people.map(() => 1),
      );
      expect(all).toHaveLength(people.length);
      // …and every recipient recorded sent (the cut-off one by its callback, delivered).
      const final = await rows();
      expect(final.map((r) => r.state)).toEqual(people.map(() => 'sent'));
      expect(
        final.find(
          (r) =>
            r.message_id && formFields(held!).StatusCallback?.toString().includes(r.message_id),
        ),
      ).toMatchObject({ state: 'sent', delivery_status: 'delivered' });
      second.child.kill('SIGTERM');
      await second.exited;
    },
  );
});
