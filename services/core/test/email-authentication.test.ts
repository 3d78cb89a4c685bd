import { describe, expect, it } from 'vitest';
import { authenticateSender, domainsAligned, replyAddress, type AuthenticationResults } from '../src/email-authentication';

const header = (authservId: string, ...results: [string, string, Record<string, string>?][]): AuthenticationResults => ({
  authservId,
  results: results.map(([method, result, props]) => ({ method, result, props: props ?? {} })),
});
const check = (headers: AuthenticationResults[], authservId: string | null = 'mx.cc.test', from = 'ana@bank.test', envelopeFrom: string | null = null) =>
  authenticateSender({ from, envelopeFrom, headers, authservId });

describe('sender authentication', () => {
  it('DMARC pass verifies; a DMARC failure is final', () => {
    expect(check([header('mx.cc.test', ['dmarc', 'pass', { 'header.from': 'bank.test' }])])).toMatchObject({ verified: true, method: 'dmarc' });
    expect(check([header('mx.cc.test', ['dmarc', 'pass', { 'header.from': 'other.test' }])]).verified).toBe(false);
    expect(check([header('mx.cc.test', ['dmarc', 'fail'], ['dkim', 'pass', { 'header.d': 'bank.test' }])])).toMatchObject({ verified: false, dmarc: 'fail' });
  });

  it('without a DMARC verdict: aligned DKIM or aligned SPF', () => {
    expect(check([header('mx.cc.test', ['dkim', 'pass', { 'header.d': 'mail.bank.test' }])])).toMatchObject({ verified: true, method: 'dkim' });
    expect(check([header('mx.cc.test', ['dmarc', 'none'], ['dkim', 'pass', { 'header.d': 'evil.test' }])]).verified).toBe(false);
    expect(check([header('mx.cc.test', ['spf', 'pass', { 'smtp.mailfrom': 'bounces@bank.test' }])])).toMatchObject({ verified: true, method: 'spf' });
    expect(check([header('mx.cc.test', ['spf', 'pass'])], 'mx.cc.test', 'ana@bank.test', 'x@bank.test').verified).toBe(true);
    expect(check([header('mx.cc.test', ['spf', 'pass', { 'smtp.mailfrom': 'x@evil.test' }])]).verified).toBe(false);
    expect(check([header('mx.cc.test', ['spf', 'softfail', { 'smtp.mailfrom': 'x@bank.test' }])]).verified).toBe(false);
  });

  it('believes only our MX (or, unconfigured, the topmost header): results the sender wrote do not count', () => {
    const forged = header('evil.test', ['dmarc', 'pass', { 'header.from': 'bank.test' }]);
    const ours = header('mx.cc.test', ['spf', 'fail', { 'smtp.mailfrom': 'x@evil.test' }]);
    expect(check([ours, forged])).toMatchObject({ verified: false, authservId: 'mx.cc.test', spf: 'fail' });
    expect(check([forged])).toMatchObject({ verified: false, authservId: null });
    expect(check([ours, forged], null).verified).toBe(false);
    expect(check([], null)).toMatchObject({ verified: false, method: null });
  });

  it('alignment: same domain or parent/child, never a bare TLD', () => {
    expect(domainsAligned('a@mail.bank.test', 'bank.test')).toBe(true);
    expect(domainsAligned('bank.test', 'evilbank.test')).toBe(false);
    expect(domainsAligned('x.test', 'test')).toBe(false);
  });

  it('replies go to From unless verified with a Reply-To in the same domain', () => {
    expect(replyAddress('ana@bank.test', 'help@bank.test', { verified: true })).toEqual({ address: 'help@bank.test', ignoredReplyTo: null });
    expect(replyAddress('ana@bank.test', 'x@evil.test', { verified: true })).toEqual({ address: 'ana@bank.test', ignoredReplyTo: 'x@evil.test' });
    expect(replyAddress('ana@bank.test', 'help@bank.test', { verified: false })).toEqual({ address: 'ana@bank.test', ignoredReplyTo: 'help@bank.test' });
    expect(replyAddress('ana@bank.test', null, { verified: false })).toEqual({ address: 'ana@bank.test', ignoredReplyTo: null });
  });
});
