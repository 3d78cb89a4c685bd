import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults } from '../src/email/authentication-results';

describe('parseAuthenticationResults (RFC 8601)', () => {
  it('reads the authserv-id and each method, result and property; comments, versions and folding are ignored', () => {
    const parsed = parseAuthenticationResults(
      ' mx.cc.test 1;\r\n\tspf=pass (sender IP is 192.0.2.1) smtp.mailfrom=bounce@Bank.test;\r\n dkim=pass (2048-bit key) header.d=bank.test header.s="sel 1" header.b=abc;\r\n dmarc = pass (p=reject) header.from=bank.test; arc=none',
    );
    expect(parsed).toEqual({
      authservId: 'mx.cc.test',
      results: [
        { method: 'spf', result: 'pass', props: { 'smtp.mailfrom': 'bounce@Bank.test' } },
        { method: 'dkim', result: 'pass', props: { 'header.d': 'bank.test', 'header.s': 'sel 1', 'header.b': 'abc' } },
        { method: 'dmarc', result: 'pass', props: { 'header.from': 'bank.test' } },
        { method: 'arc', result: 'none', props: {} },
      ],
    });
  });

  it('"none", reasons, nested comments and unreadable parts', () => {
    expect(parseAuthenticationResults('example.org; none')).toEqual({ authservId: 'example.org', results: [] });
    expect(parseAuthenticationResults('example.org (a (nested) comment); dkim/1=fail reason="bad signature" header.i=@evil.test; ???')).toEqual({
      authservId: 'example.org',
      results: [{ method: 'dkim', result: 'fail', props: { 'header.i': '@evil.test' } }],
    });
    expect(parseAuthenticationResults('  ')).toBeNull();
  });
});
