import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/password';
import { createUser } from '@cc/db/repositories/users';
import { useTestApi } from '../../../test/support/api';

const t = useTestApi();
const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) {
    __typename
    ... on LoginPayload { token user { id email role } }
    ... on Error { message }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

async function auditCount(): Promise<number> {
  const r = await t.api.services.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('login', () => {
  it('returns a token that makes the caller the viewer', async () => {
    await createUser(t.api.services.db, { email: 'ana@test.local', name: 'Ana', role: 'agent', passwordHash: await hashPassword('s3cret-pass') });
    const res = await t.gql<{ login: { __typename: string; token: string; user: { role: string } } }>(LOGIN, {
      input: { email: 'ANA@test.local', password: 's3cret-pass' },
    });
    expect(res.data?.login.__typename, JSON.stringify(res)).toBe('LoginPayload');
    expect(res.data?.login.user.role).toBe('AGENT');
    const viewer = await t.gql<{ viewer: { email: string; name: string } }>('{ viewer { email name } }', {}, res.data?.login.token);
    expect(viewer.data?.viewer).toEqual({ email: 'ana@test.local', name: 'Ana' });
  });

  it('refuses a wrong password and an unknown email with the same typed error', async () => {
    for (const input of [
      { email: 'ana@test.local', password: 'wrong' },
      { email: 'nobody@test.local', password: 'whatever' },
    ]) {
      const res = await t.gql<{ login: { __typename: string; message: string } }>(LOGIN, { input });
      expect(res.data?.login).toEqual({ __typename: 'InvalidCredentialsError', message: 'The email or password is incorrect.' });
    }
  });

  it('refuses malformed input with field errors and writes nothing', async () => {
    const before = await auditCount();
    const res = await t.gql<{ login: { __typename: string; fieldErrors: { path: string[]; message: string }[] } }>(LOGIN, {
      input: { email: 'not-an-email', password: 'x' },
    });
    expect(res.data?.login.__typename).toBe('ValidationError');
    expect(res.data?.login.fieldErrors).toContainEqual({ path: ['input', 'email'], message: 'Enter a valid email address.' });
    expect(await auditCount()).toBe(before);
  });

  it('answers malformed GraphQL with 400 and a parse error', async () => {
    const res = await t.gql('mutation { login(input: {', {});
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('refuses a forged or expired session token with 401', async () => {
    const res = await t.gql('{ viewer { id } }', {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged');
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives anonymous callers a null viewer', async () => {
    const res = await t.gql('{ viewer { id } }');
    expect(res.data).toEqual({ viewer: null });
  });
});
