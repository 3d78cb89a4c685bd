import { describe, expect, it } from 'vitest';
import RestException from 'twilio/lib/base/RestException';
import { classifySmtpError } from '../src/email/send';
import { failureCode, providerError, ProviderRefusedError, ProviderUnreachableError } from '../src/provider-failure';
import { classifyTwilioError } from '../src/twilio/errors';

const rest = (statusCode: number, body: Record<string, unknown>) => new RestException({ statusCode, body });

describe('classifyTwilioError', () => {
  it('a RestException is a refusal with Twilio’s code; a 5xx is Twilio unable to answer', () => {
    expect(classifyTwilioError(rest(400, { code: 63016, message: 'Outside the allowed window' }))).toMatchObject({ kind: 'refused', code: '63016' });
    expect(classifyTwilioError(rest(401, { message: 'Authenticate' }))).toMatchObject({ kind: 'refused', code: 'http_401' });
    expect(classifyTwilioError(rest(503, { message: 'Service unavailable' }))).toMatchObject({ kind: 'unreachable', certainlyNotSent: false });
  });

  it('a connection never made sent nothing; one that broke may have', () => {
    expect(classifyTwilioError(Object.assign(new Error('getaddrinfo ENOTFOUND api.twilio.com'), { code: 'ENOTFOUND' }))).toMatchObject({ kind: 'unreachable', certainlyNotSent: true });
    expect(classifyTwilioError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'unreachable', certainlyNotSent: true });
    expect(classifyTwilioError(Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' }))).toMatchObject({ kind: 'unreachable', certainlyNotSent: false });
    expect(classifyTwilioError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({ kind: 'unreachable', certainlyNotSent: false });
    // Node's parallel connection attempts come wrapped.
    const aggregate = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed'), {});
    expect(classifyTwilioError(aggregate)).toMatchObject({ kind: 'unreachable', certainlyNotSent: true });
  });

  it('stores `unreachable` rather than a network code, and types the error', () => {
    const down = classifyTwilioError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(failureCode(down)).toBe('unreachable');
    const error = providerError('Twilio', down);
    expect(error).toBeInstanceOf(ProviderUnreachableError);
    expect(error.message).toBe('Twilio could not be reached; nothing was sent — try again.');
    expect(providerError('Twilio', classifyTwilioError(rest(400, { code: 21211 })))).toBeInstanceOf(ProviderRefusedError);
  });
});

describe('classifySmtpError', () => {
  it('5xx is the relay’s refusal; 4xx and connection failures are unreachable', () => {
    expect(classifySmtpError(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550, code: 'EENVELOPE' }))).toMatchObject({ kind: 'refused', code: '550' });
    expect(classifySmtpError(Object.assign(new Error('451 try later'), { responseCode: 451, code: 'EENVELOPE' }))).toMatchObject({ kind: 'unreachable', certainlyNotSent: true });
    expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET', command: 'CONN' }))).toMatchObject({ kind: 'unreachable', certainlyNotSent: true });
    expect(classifySmtpError(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', command: 'CONN' }))).toMatchObject({ kind: 'unreachable', certainlyNotSent: true });
    expect(classifySmtpError(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535 }))).toMatchObject({ kind: 'refused', code: '535' });
  });
});
