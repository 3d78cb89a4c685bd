import { describe, expect, it } from 'vitest';
import { normalizeIdentity } from '../src/identity';
import { normalizePhone } from '../src/phone';
import { InvalidIdentityError, InvalidPhoneNumberError } from '../src/errors';

describe('normalizePhone', () => {
  it('reads international, 00-prefixed and national Spanish forms as one E.164 number', () => {
    expect(normalizePhone('+34 600 00 00 00')).toBe('+34600000000');
    expect(normalizePhone('0034600000000')).toBe('+34600000000');
    expect(normalizePhone('600 000 000')).toBe('+34600000000');
  });

  it('uses the given default region for national numbers', () => {
    expect(normalizePhone('(415) 555-0100', 'US')).toBe('+14155550100');
  });

  it.each(['abc', '', '+34 12', '+999 1234'])('refuses %j with a message that says how to fix it', (input) => {
    expect(() => normalizePhone(input)).toThrow(InvalidPhoneNumberError);
    expect(() => normalizePhone(input)).toThrow(/international format/);
  });
});

describe('normalizeIdentity', () => {
  it('strips the whatsapp: address prefix Twilio uses', () => {
    expect(normalizeIdentity('whatsapp', 'whatsapp:+34600000000')).toBe('+34600000000');
  });

  it('lower-cases emails and rejects malformed ones', () => {
    expect(normalizeIdentity('email', ' Ana@Example.COM ')).toBe('ana@example.com');
    expect(() => normalizeIdentity('email', 'not-an-email')).toThrow(InvalidIdentityError);
  });

  it('accepts only opaque visitor ids for web chat', () => {
    expect(normalizeIdentity('webchat', 'v_0123456789')).toBe('v_0123456789');
    expect(() => normalizeIdentity('webchat', '<script>')).toThrow(InvalidIdentityError);
  });
});

describe('scopeAllows', () => {
  it('lets a write scope read the same resource, never the other way round', async () => {
    const { scopeAllows } = await import('../src/roles');
    expect(scopeAllows(['customers:write'], 'customers:read')).toBe(true);
    expect(scopeAllows(['customers:read'], 'customers:write')).toBe(false);
    expect(scopeAllows(['customers:write'], 'interactions:read')).toBe(false);
  });
});
