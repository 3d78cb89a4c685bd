import { beforeAll, describe, expect, it } from 'vitest';
import { createQueue } from '../support/routing-fixtures';
import { postSigned, sid, testAccountSid } from '../support/twilio/signing';
import { useTwilioTestApi, whatsAppSender } from '../support/twilio/stack';

// Behind a proxy Twilio signs the public URL, not the one the API listens on: PUBLIC_BASE_URL.
const publicBase = 'https://contact.example.com';
const t = useTwilioTestApi({ env: { PUBLIC_BASE_URL: publicBase } });

beforeAll(async () => {
  const sup = (await t.signIn('supervisor')).token;
  await createQueue(t, sup, { name: 'WhatsApp', channels: ['WHATSAPP'] });
});

describe('Twilio webhooks behind a proxy', () => {
  const message = () => ({ MessageSid: sid('SM'), AccountSid: testAccountSid, From: 'whatsapp:+34688000111', To: whatsAppSender, Body: 'hola', NumMedia: '0' });

  it('accepts signatures over the public URL and refuses ones over the internal address', async () => {
    const viaProxy = message();
    expect(await postSigned(t.url('/webhooks/twilio/whatsapp'), viaProxy, { signatureUrl: `${publicBase}/webhooks/twilio/whatsapp` })).toMatchObject({ status: 200 });
    const direct = message();
    expect(await postSigned(t.url('/webhooks/twilio/whatsapp'), direct)).toMatchObject({ status: 403 });
    const rows = await t.api.services.db.selectFrom('messages').select('provider_message_id').execute();
    expect(rows.map((r) => r.provider_message_id)).toEqual([viaProxy.MessageSid]);
  });

});
