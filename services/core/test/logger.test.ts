import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors';
import { configureLogging, describeError, logger, withLogContext } from '../src/logger';

/** Captures what the logger writes: one JSON object per line. */
function capture(level: 'info' | 'warn' | 'silent' = 'info') {
  const lines: Record<string, unknown>[] = [];
  configureLogging({ level, destination: { write: (chunk: string) => void lines.push(...chunk.trim().split('\n').map((l) => JSON.parse(l))) } });
  return lines;
}

afterEach(() => configureLogging({ level: 'silent' }));

class ProviderRefused extends Error {
  readonly code = '63016';
}

describe('logger', () => {
  it('writes one JSON line per event, with the request or workflow id of the work in hand', async () => {
    const lines = capture();
    await withLogContext({ requestId: 'req-1' }, async () => {
      await Promise.resolve();
      logger({ component: 'push' }).warn({ pushId: 'p1' }, 'inline send failed');
    });
    logger().info('outside');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'warn', requestId: 'req-1', component: 'push', pushId: 'p1', msg: 'inline send failed' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('gives expected failures as one line with their code, no stack; the unforeseen keep theirs', () => {
    const lines = capture();
    logger().warn({ err: new ProviderRefused('Twilio refused: not a WhatsApp user') }, 'send failed');
    logger().warn({ err: new DomainError('OFFER_EXPIRED', 'The offer expired.') }, 'accept failed');
    logger().error({ err: new TypeError('x is undefined') }, 'bug');
    expect(lines[0]!.err).toEqual({ type: 'Error', code: '63016', message: 'Twilio refused: not a WhatsApp user' });
    expect(lines[1]!.err).toEqual({ type: 'DomainError', code: 'OFFER_EXPIRED', message: 'The offer expired.' });
    expect((lines[2]!.err as { stack: string }).stack).toMatch(/TypeError: x is undefined/);
    expect(lines.every((l) => JSON.stringify(l).split('\n').length === 1)).toBe(true);
  });

  it('follows causes (Temporal wraps an activity’s error) and keeps only the innermost stack', () => {
    const wrapped = new Error('Activity task failed', { cause: new ProviderRefused('refused') });
    expect(describeError(wrapped)).toEqual({ type: 'Error', message: 'Activity task failed', cause: { type: 'Error', code: '63016', message: 'refused' } });
  });

  it('takes a Temporal ApplicationFailure (thrown on purpose to retry or stop) as expected', () => {
    const failure = Object.assign(new Error('Twilio could not be reached: ECONNREFUSED'), { name: 'ApplicationFailure', type: 'ProviderUnreachable', nonRetryable: false });
    expect(describeError(failure)).toEqual({ type: 'ApplicationFailure', code: 'ProviderUnreachable', message: 'Twilio could not be reached: ECONNREFUSED' });
  });

  it('writes nothing at silent', () => {
    const lines = capture('silent');
    logger().error('nobody hears this');
    expect(lines).toEqual([]);
  });
});
