import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from '../src/config';

// The process's one loader: every section parsed from the given variables, nothing from process.env.
describe('loadConfig', () => {
  it('parses every section from the variables given, with their defaults', () => {
    const config = loadConfig({ PORT: '0', TEMPORAL_TASK_QUEUE: 'q', DATABASE_URL: 'postgres://db.test/cc', EMAIL_INBOXES: 'help@cc.test=Mail', WEBCHAT_VISITS_PER_MINUTE: '3' });
    expect(config.api).toMatchObject({ PORT: 0, NODE_ENV: 'production', HOST: '127.0.0.1' });
    expect(config.temporal).toMatchObject({ TEMPORAL_TASK_QUEUE: 'q', TEMPORAL_NAMESPACE: 'default' });
    expect(config.database).toEqual({ DATABASE_URL: 'postgres://db.test/cc' });
    expect(config.twilio).toBeNull();
    expect(config.email?.EMAIL_INBOXES).toEqual([{ address: 'help@cc.test', queueName: 'Mail' }]);
    expect(config.webchat.WEBCHAT_VISITS_PER_MINUTE).toBe(3);
  });

  it('NODE_ENV: the one given, else the caller’s default', () => {
    expect(loadConfig({}, { defaultNodeEnv: 'development' }).api.NODE_ENV).toBe('development');
    expect(loadConfig({ NODE_ENV: 'test' }, { defaultNodeEnv: 'development' }).api.NODE_ENV).toBe('test');
  });

  it('names every bad variable of every section in one error', () => {
    const bad = () => loadConfig({ PORT: 'x', TEMPORAL_ADDRESS: 'nowhere', DATABASE_URL: 'not a url', TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, SMTP_AUTH_USER: 'u', WEBCHAT_MAX_MESSAGE_CHARS: '1' });
    expect(bad).toThrow(ConfigurationError);
    const message = (() => {
      try {
        bad();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toContain('Invalid API configuration');
    expect(message).toContain('PORT:');
    expect(message).toContain('TEMPORAL_ADDRESS: TEMPORAL_ADDRESS must be host:port');
    expect(message).toContain('DATABASE_URL:');
    expect(message).toContain('TWILIO_AUTH_TOKEN: is required with TWILIO_ACCOUNT_SID');
    expect(message).toContain('SMTP_AUTH_PASSWORD: set both SMTP_AUTH_USER and SMTP_AUTH_PASSWORD, or neither');
    expect(message).toContain('WEBCHAT_MAX_MESSAGE_CHARS:');
  });
});
