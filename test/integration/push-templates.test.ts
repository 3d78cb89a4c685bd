import { afterAll, beforeAll, expect, it } from 'vitest';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { createTwilioClient } from '@cc/channels/twilio/client';
import { listContentTemplates } from '@cc/channels/twilio/content';
import type { TwilioConfig } from '@cc/channels/env';
import { startPrism, type PrismMock } from '../support/twilio/prism';
import { RecordingRequestClient } from '../support/twilio/recording-client';
import { testAccountSid, testAuthToken } from '../support/twilio/signing';

// The template sync reads Twilio's Content API (ContentAndApprovals) through the SDK; Prism checks
// the request against twilio_content_v1.json and answers with the spec's example list.
class ExampleResults extends RecordingRequestClient {
  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, headers: { ...opts.headers, Prefer: 'example=readResults' } });
  }
}

let prism: PrismMock;
beforeAll(async () => {
  prism = await startPrism({ specFile: 'twilio_content_v1.json', keep: /^\/v1\/ContentAndApprovals$/ });
}, 60_000);
afterAll(() => prism?.stop());

it('lists templates with their WhatsApp approval status from the Content API', async () => {
  const http = new ExampleResults(prism.url);
  const client = createTwilioClient({ TWILIO_ACCOUNT_SID: testAccountSid, TWILIO_AUTH_TOKEN: testAuthToken } as TwilioConfig, http);
  const templates = await listContentTemplates(client);
  expect(http.sent).toEqual([expect.objectContaining({ method: 'GET', path: '/v1/ContentAndApprovals', status: 200 })]);
  expect(templates.length).toBeGreaterThan(0);
  expect(templates[0]).toMatchObject({
    contentSid: expect.stringMatching(/^HX[0-9a-f]{32}$/),
    friendlyName: 'Some content',
    language: 'en',
    body: 'Foo Bar Co is located at 39.7392, 104.9903',
    variables: { name: 'foo' },
    approvalStatus: 'unsubmitted',
    category: null,
  });
  expect(Object.keys(templates[0]!.types)).toEqual(['twilio/text', 'twilio/location']);
});
