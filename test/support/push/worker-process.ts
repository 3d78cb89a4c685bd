// A worker apart, in its own process, as `npm run worker` runs it (startWorkerSystem), except that
// its Twilio requests go to the contract mock (PRISM_URL) through the recording client. Each request
// is printed as a `TWILIO <json>` line for the test that spawned it; PAUSE_AFTER_SEND_MS holds a
// Messages create right after Twilio accepted it, so the test can kill -9 the process in that gap.
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { parseApiEnv } from '@cc/api/env';
import { startWorkerSystem } from '@cc/api/system';
import { parseTemporalEnv } from '@cc/workflows/env';
import { RecordingRequestClient } from '../twilio/recording-client';
import { testTwilioConfig } from '../twilio/stack';

const pauseMs = Number(process.env.PAUSE_AFTER_SEND_MS ?? 0);

class PrintingClient extends RecordingRequestClient {
  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const response = await super.request(opts);
    const sent = this.sent.at(-1)!;
    process.stdout.write(`TWILIO ${JSON.stringify(sent)}\n`);
    if (pauseMs && sent.method === 'POST' && sent.path.endsWith('/Messages.json') && sent.status < 300) await new Promise((r) => setTimeout(r, pauseMs));
    return response;
  }
}

const system = await startWorkerSystem({
  api: parseApiEnv({ ...process.env, NODE_ENV: 'test', RUN_WORKER: 'true' }),
  temporal: parseTemporalEnv(process.env),
  databaseUrl: process.env.DATABASE_URL!,
  twilio: { config: testTwilioConfig(), httpClient: new PrintingClient(process.env.PRISM_URL!) },
  email: null,
});
process.stdout.write('WORKER READY\n');
process.once('SIGTERM', () => void system.stop().then(() => process.exit(0)));
