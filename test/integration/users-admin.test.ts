import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';

// Administrators create console users (the first admin of a fresh install has no other way to
// get agents) and list them; nobody else may.
const t = useTestApi();
let admin: string;
beforeAll(async () => {
  admin = (await t.signIn('admin')).token;
});

const CREATE = `mutation($input: CreateUserInput!) {
  createUser(input: $input) {
    __typename
    ... on CreateUserPayload { generatedPassword user { id email name role disabledAt createdAt lastSignInAt } }
    ... on Error { message }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;
type Created = {
  createUser: {
    __typename: string;
    message?: string;
    fieldErrors?: { path: string[]; message: string }[];
    generatedPassword?: string | null;
    user?: { id: string; email: string; name: string; role: string; disabledAt: string | null; createdAt: string; lastSignInAt: string | null };
  };
};
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { __typename ... on LoginPayload { token user { email role } } } }';
type Login = { login: { __typename: string; token?: string; user?: { email: string; role: string } } };
const USERS = `query($first: Int, $after: String, $filter: UserFilter) {
  users(first: $first, after: $after, filter: $filter) {
    edges { node { email name role disabledAt createdAt lastSignInAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type Users = { users: { edges: { node: { email: string; role: string; disabledAt: string | null; lastSignInAt: string | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const passwordHashOf = async (email: string) =>
  (await t.api.services.db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow()).password_hash;

describe('createUser', () => {
  it('creates an agent who signs in with the generated password, shown once and stored only as a hash', async () => {
    const res = await t.gql<Created>(CREATE, { input: { email: ' Nora.Agent@Users.Test ', name: ' Nora ', role: 'AGENT' } }, admin);
    const created = res.data!.createUser;
    expect(created.__typename).toBe('CreateUserPayload');
    expect(created.user).toMatchObject({ email: 'nora.agent@users.test', name: 'Nora', role: 'AGENT', disabledAt: null, lastSignInAt: null });
    const pw = created.generatedPassword!;
    expect(pw.length).toBeGreaterThanOrEqual(12);

    const hash = await passwordHashOf('nora.agent@users.test');
    expect(hash).not.toBe(pw);
    expect(hash).not.toContain(pw);
    expect(hash).toMatch(/^\$argon2id\$/);

    const login = await t.gql<Login>(LOGIN, { input: { email: 'nora.agent@users.test', password: pw } });
    expect(login.data!.login).toMatchObject({ __typename: 'LoginPayload', user: { email: 'nora.agent@users.test', role: 'AGENT' } });
    const audit = await t.api.services.db.selectFrom('audit_events').select(['action', 'data']).where('subject_id', '=', Buffer.from(created.user!.id, 'base64').toString().split(':')[1]!).orderBy('created_at').execute();
    expect(audit.map((a) => a.action)).toEqual(['user.created', 'user.login']);
    expect(audit[0]!.data).toEqual({ role: 'agent', passwordGenerated: true });

    // The list shows when they signed in.
    const list = await t.gql<Users>(USERS, { filter: { role: 'AGENT' } }, admin);
    expect(list.data!.users.edges.find((e) => e.node.email === 'nora.agent@users.test')?.node.lastSignInAt).toEqual(expect.any(String));
  });

  it('takes a chosen password (no generated one in the answer) and refuses a short one', async () => {
    const chosen = await t.gql<Created>(CREATE, { input: { email: 'sam@users.test', name: 'Sam', role: 'SUPERVISOR', password: 'a long enough passphrase' } }, admin);
    expect(chosen.data!.createUser).toMatchObject({ __typename: 'CreateUserPayload', generatedPassword: null, user: { role: 'SUPERVISOR' } });
    expect((await t.gql<Login>(LOGIN, { input: { email: 'sam@users.test', password: 'a long enough passphrase' } })).data!.login.__typename).toBe('LoginPayload');

    const short = await t.gql<Created>(CREATE, { input: { email: 'short@users.test', name: 'Short', role: 'AGENT', password: 'too short' } }, admin);
    expect(short.data!.createUser.__typename).toBe('ValidationError');
    expect(short.data!.createUser.fieldErrors).toEqual([{ path: ['input', 'password'], message: 'Use at least 12 characters.' }]);
    const badEmail = await t.gql<Created>(CREATE, { input: { email: 'not-an-email', name: 'Nobody', role: 'AGENT' } }, admin);
    expect(badEmail.data!.createUser.fieldErrors).toEqual([{ path: ['input', 'email'], message: 'Enter a valid email address.' }]);
    const noName = await t.gql<Created>(CREATE, { input: { email: 'short@users.test', name: ' ', role: 'AGENT' } }, admin);
    expect(noName.data!.createUser.fieldErrors).toEqual([{ path: ['input', 'name'], message: 'Enter the user’s name.' }]);
    expect(await t.api.services.db.selectFrom('users').select('id').where('email', 'in', ['short@users.test', 'not-an-email']).execute()).toEqual([]);
  });

  it('refuses an email already in use, whatever its case, and keeps the existing account', async () => {
    await t.gql<Created>(CREATE, { input: { email: 'dup@users.test', name: 'First', role: 'AGENT' } }, admin);
    const before = await passwordHashOf('dup@users.test');
    const again = await t.gql<Created>(CREATE, { input: { email: 'DUP@users.test', name: 'Second', role: 'ADMIN' } }, admin);
    expect(again.data!.createUser).toMatchObject({ __typename: 'EmailTakenError', message: expect.stringContaining('dup@users.test') });
    const row = await t.api.services.db.selectFrom('users').select(['name', 'role', 'password_hash']).where('email', '=', 'dup@users.test').executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'First', role: 'agent', password_hash: before });
  });

  it('is refused to supervisors and agents, and creates nothing', async () => {
    for (const role of ['supervisor', 'agent'] as const) {
      const { token } = await t.signIn(role);
      const res = await t.gql<Created>(CREATE, { input: { email: `by-${role}@users.test`, name: 'X', role: 'ADMIN' } }, token);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(USERS, {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await t.api.services.db.selectFrom('users').select('id').where('email', 'like', 'by-%').execute()).toEqual([]);
  });
});

describe('users', () => {
  it('lists by email in pages, filtered by role and state', async () => {
    for (const n of [1, 2, 3]) await t.gql(CREATE, { input: { email: `page${n}@list.test`, name: `Page ${n}`, role: 'AGENT' } }, admin);
    const [off] = await t.api.services.db.updateTable('users').set({ disabled_at: new Date() }).where('email', '=', 'page2@list.test').returning('id').execute();
    expect(off).toBeDefined();

    const first = await t.gql<Users>(USERS, { first: 2, filter: { role: 'AGENT' } }, admin);
    const agents = first.data!.users;
    expect(agents.edges).toHaveLength(2);
    expect(agents.pageInfo.hasNextPage).toBe(true);
    const emails = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: { data?: Users } = await t.gql<Users>(USERS, { first: 2, after, filter: { role: 'AGENT' } }, admin);
      emails.push(...res.data!.users.edges.map((e) => e.node.email));
      if (!res.data!.users.pageInfo.hasNextPage) break;
      after = res.data!.users.pageInfo.endCursor;
    }
    expect(emails).toEqual([...emails].sort());
    expect(emails).toEqual(expect.arrayContaining(['page1@list.test', 'page2@list.test', 'page3@list.test']));

    const disabled = await t.gql<Users>(USERS, { filter: { disabled: true } }, admin);
    expect(disabled.data!.users.edges.map((e) => e.node.email)).toEqual(['page2@list.test']);
    const enabled = await t.gql<Users>(USERS, { filter: { disabled: false, role: 'AGENT' } }, admin);
    expect(enabled.data!.users.edges.map((e) => e.node.email)).not.toContain('page2@list.test');
    expect((await t.gql(USERS, { first: 201 }, admin)).errors?.[0]?.message).toMatch(/200/);
  });

  it('resetUserPassword without a password generates one, shown once', async () => {
    const created = (await t.gql<Created>(CREATE, { input: { email: 'reset@users.test', name: 'Reset', role: 'AGENT' } }, admin)).data!.createUser;
    const RESET = 'mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { __typename ... on ResetUserPasswordPayload { generatedPassword } } }';
    const reset = await t.gql<{ resetUserPassword: { __typename: string; generatedPassword: string | null } }>(RESET, { input: { userId: created.user!.id } }, admin);
    const pw = reset.data!.resetUserPassword.generatedPassword!;
    expect(pw).not.toBe(created.generatedPassword);
    expect((await t.gql<Login>(LOGIN, { input: { email: 'reset@users.test', password: created.generatedPassword } })).data!.login.__typename).toBe('InvalidCredentialsError');
    expect((await t.gql<Login>(LOGIN, { input: { email: 'reset@users.test', password: pw } })).data!.login.__typename).toBe('LoginPayload');
  });
});
