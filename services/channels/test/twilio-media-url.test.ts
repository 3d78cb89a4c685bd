import { describe, expect, it } from 'vitest';
import { twilioMediaUrl } from '../src/twilio/media';

const account = `AC${'1'.repeat(32)}`;
const media = `https://api.twilio.com/2010-04-01/Accounts/${account}/Messages/MM${'a'.repeat(32)}/Media/ME${'b'.repeat(32)}`;

describe('which inbound media URLs get the account credentials', () => {
  it('only this account’s media on Twilio’s API', () => {
    expect(twilioMediaUrl(media, account)?.href).toBe(media);
    expect(twilioMediaUrl(media.replace('api.twilio.com', 'api.twilio.com.evil.example'), account)).toBeNull();
    expect(twilioMediaUrl(media.replace('https:', 'http:'), account)).toBeNull();
    expect(twilioMediaUrl(media.replace('https://', 'https://user:pw@'), account)).toBeNull();
    expect(twilioMediaUrl(media.replace(account, `AC${'2'.repeat(32)}`), account)).toBeNull();
    expect(twilioMediaUrl(`${media}?x=1`, account)).toBeNull();
    expect(twilioMediaUrl(`https://api.twilio.com/2010-04-01/Accounts/${account}/Messages/MM1/Media/../../../Calls.json`, account)).toBeNull();
    expect(twilioMediaUrl('javascript:alert(1)', account)).toBeNull();
    expect(twilioMediaUrl('http://169.254.169.254/latest/meta-data', account)).toBeNull();
  });

  it('a stand-in base (tests) replaces Twilio’s, nothing else', () => {
    const local = `http://127.0.0.1:9/2010-04-01/Accounts/${account}/Messages/MM1/Media/ME1`;
    expect(twilioMediaUrl(local, account, 'http://127.0.0.1:9')?.href).toBe(local);
    expect(twilioMediaUrl(local, account)).toBeNull();
    expect(twilioMediaUrl(media, account, 'http://127.0.0.1:9')).toBeNull();
  });
});
