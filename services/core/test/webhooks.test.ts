import { describe, expect, it } from 'vitest';
import { endpointUrlProblem, formatWebhookSecret, isWebhookEventType, standardRetryDelaysMs, webhookEventTypes, withJitter } from '../src/webhooks';

describe('outbound webhook rules', () => {
  it('retries on Standard Webhooks’ schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h', () => {
    const s = 1000;
    const h = 3600 * s;
    expect(standardRetryDelaysMs).toEqual([5 * s, 300 * s, 1800 * s, 2 * h, 5 * h, 10 * h, 14 * h, 20 * h, 24 * h]);
  });

  it('jitters each delay within ±20%', () => {
    expect(withJitter(10_000, 0)).toBe(8000);
    expect(withJitter(10_000, 0.5)).toBe(10_000);
    expect(withJitter(10_000, 0.999999)).toBe(12_000);
  });

  it('takes https receivers, and plain http only to loopback when allowed', () => {
    expect(endpointUrlProblem('https://crm.example.com/hooks', false)).toBeNull();
    expect(endpointUrlProblem('http://crm.example.com/hooks', true)).toBe('not_https');
    expect(endpointUrlProblem('http://127.0.0.1:8080/h', true)).toBeNull();
    expect(endpointUrlProblem('http://localhost/h', true)).toBeNull();
    expect(endpointUrlProblem('http://[::1]:9/h', true)).toBeNull();
    expect(endpointUrlProblem('http://127.0.0.1:8080/h', false)).toBe('not_https');
    expect(endpointUrlProblem('http://127.0.0.1.example.com/h', true)).toBe('not_https');
    expect(endpointUrlProblem('ftp://example.com/h', true)).toBe('not_https');
    expect(endpointUrlProblem('https://user:pw@example.com/h', false)).toBe('credentials');
    expect(endpointUrlProblem('example.com/h', false)).toBe('invalid');
  });

  it('formats secrets as whsec_ + base64 and knows the event types', () => {
    expect(formatWebhookSecret(new Uint8Array([1, 2, 3]))).toBe('whsec_AQID');
    expect(webhookEventTypes).toHaveLength(15);
    expect(isWebhookEventType('customer.erased')).toBe(true);
    expect(isWebhookEventType('customer.deleted')).toBe(false);
  });
});
