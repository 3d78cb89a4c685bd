import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging } from '@cc/core/logger';
import { toPino } from '../src/connection';

afterEach(() => configureLogging({ level: 'silent' }));

class TwilioRefusal extends Error {
  readonly code = 63016;
  readonly status = 400;
  readonly moreInfo = 'https://www.twilio.com/docs/errors/63016';
}

describe('the Temporal SDK’s log lines', () => {
  it('a failed activity attempt is one pino line: ids, attempt and the error’s code, no stack', () => {
    const lines: Record<string, unknown>[] = [];
    configureLogging({ level: 'info', destination: { write: (chunk: string) => void lines.push(...chunk.trim().split('\n').map((l) => JSON.parse(l))) } });
    toPino({
      level: 'WARN',
      message: 'Activity failed',
      timestampNanos: 0n,
      meta: {
        error: new TwilioRefusal('Failed to send freeform message because you are outside the allowed window.'),
        durationMs: 812,
        workflowId: 'push:1',
        activityType: 'sendPush',
        attempt: 3,
        taskQueue: 'contact-center',
        taskToken: 'eyJrIjoiYSJ9',
        activityInfo: { nested: 'left out' },
      },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      component: 'temporal',
      msg: 'Activity failed',
      workflowId: 'push:1',
      activityType: 'sendPush',
      attempt: 3,
      err: { type: 'Error', code: 63016, message: 'Failed to send freeform message because you are outside the allowed window.' },
    });
    expect(lines[0]).not.toHaveProperty('activityInfo');
    expect(lines[0]).not.toHaveProperty('taskToken');
    expect(JSON.stringify(lines[0])).not.toContain('at ');
  });
});
