import { describe, expect, it } from 'vitest';
import { parseTwilioForm } from '../src/twilio/form';
import { isValidTwilioSignature, twilioSignature } from '../src/twilio/signature';
import { bridgeTwiml, enqueueTwiml } from '../src/twilio-voice/twiml';
import { parseInboundWhatsApp } from '../src/whatsapp/inbound';
import { parseMessageStatus } from '../src/whatsapp/status';

const account = `AC${'0'.repeat(32)}`;

describe('webhook signatures', () => {
  // The example on Twilio's "Webhooks security" page.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
  it('matches Twilio’s published example', () => {
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(isValidTwilioSignature('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(true);
  });
  it('fails for another URL, body or token', () => {
    expect(isValidTwilioSignature('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', `${url}&x=1`, params)).toBe(false);
    expect(isValidTwilioSignature('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, { ...params, Digits: '1235' })).toBe(false);
    expect(isValidTwilioSignature('54321', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(false);
  });
});

describe('form bodies', () => {
  it('refuses repeated fields and broken escapes', () => {
    expect(parseTwilioForm('Body=a&Body=b')).toEqual({ ok: false, reason: 'parameter Body is repeated' });
    expect(parseTwilioForm('Body=%E0%A4%A')).toMatchObject({ ok: false });
    expect(parseTwilioForm('Body=hola+que+tal&NumMedia=0')).toEqual({ ok: true, params: { Body: 'hola que tal', NumMedia: '0' } });
  });
});

describe('inbound WhatsApp', () => {
  const base = { MessageSid: `SM${'1'.repeat(32)}`, AccountSid: account, From: 'whatsapp:+34600000001', To: 'whatsapp:+34910000000' };
  it('reads text, media, location and button replies', () => {
    const parsed = parseInboundWhatsApp({ ...base, WaId: '34600000001', ProfileName: ' Ana ', Body: 'hola', NumMedia: '1', MediaUrl0: 'https://api.twilio.com/m/1', MediaContentType0: 'IMAGE/JPEG', Latitude: '40.1', Longitude: '-3.5', Label: 'Casa', ButtonPayload: 'yes', ButtonText: 'Sí' });
    expect(parsed).toEqual({
      ok: true,
      value: {
        messageSid: base.MessageSid, accountSid: account, from: '+34600000001', to: base.To, body: 'hola', profileName: 'Ana',
        media: [{ url: 'https://api.twilio.com/m/1', contentType: 'image/jpeg' }],
        location: { latitude: 40.1, longitude: -3.5, label: 'Casa', address: null },
        button: { text: 'Sí', payload: 'yes' },
      },
    });
  });
  it('names what is wrong', () => {
    expect(parseInboundWhatsApp({ ...base, MessageSid: undefined as never, Body: 'x' })).toEqual({ ok: false, reason: 'MessageSid is required' });
    expect(parseInboundWhatsApp({ ...base, NumMedia: '2', MediaUrl0: 'https://x/y', MediaContentType0: 'image/png' })).toMatchObject({ ok: false, reason: expect.stringContaining('MediaUrl1') });
    expect(parseInboundWhatsApp({ ...base })).toMatchObject({ ok: false, reason: expect.stringContaining('no body') });
    expect(parseInboundWhatsApp({ ...base, Body: 'x', WaId: '34600000002' })).toMatchObject({ ok: false, reason: 'WaId does not match From' });
  });
  it('reads status callbacks with their error code', () => {
    expect(parseMessageStatus({ MessageSid: base.MessageSid, AccountSid: account, MessageStatus: 'undelivered', ErrorCode: '63016' })).toMatchObject({ ok: true, value: { status: 'undelivered', errorCode: '63016' } });
    expect(parseMessageStatus({ MessageSid: base.MessageSid, AccountSid: account, MessageStatus: 'lost' })).toMatchObject({ ok: false, reason: expect.stringContaining('MessageStatus') });
  });
});

describe('TwiML', () => {
  it('holds the caller in a queue and bridges with recording when asked', () => {
    expect(enqueueTwiml({ queueName: 'q1', waitUrl: 'https://h/wait?a=1&b=2', actionUrl: 'https://h/done', greeting: null })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Enqueue waitUrl="https://h/wait?a=1&amp;b=2" waitUrlMethod="POST" action="https://h/done" method="POST">q1</Enqueue></Response>',
    );
    expect(bridgeTwiml({ endpoint: { kind: 'client', identity: 'agent_1' }, actionUrl: 'https://h/d', record: { statusCallback: 'https://h/r' }, timeoutSeconds: 20 })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Dial action="https://h/d" method="POST" timeout="20" record="record-from-answer-dual" recordingStatusCallback="https://h/r" recordingStatusCallbackMethod="POST"><Client>agent_1</Client></Dial></Response>',
    );
  });
});
