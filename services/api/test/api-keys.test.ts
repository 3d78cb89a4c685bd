import { describe, expect, it } from 'vitest';
import { useTestApi } from '../../../test/support/api';

const t = useTestApi();
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    __typename
    ... on CreateApiKeyPayload { token apiKey { id name scopes prefix } }
    ... on ValidationError { message }
  }
}`;
const IDENTIFY = `mutation($input: IdentifyCustomerInput!) {
  identifyCustomer(input: $input) {
    __typename
    ... on IdentifyCustomerPayload { created customer { id identities { kind value } } }
    ... on Error { message }
  }
}`;

async function createKey(scopes: string[]): Promise<string> {
  const admin = await t.signIn('admin');
  const res = await t.gql<{ createApiKey: { token: string } }>(CREATE_KEY, { input: { name: 'crm', scopes } }, admin.token);
  return res.data!.createApiKey.token;
}

describe('API keys', () => {
  it('are created by admins only, shown once and stored hashed', async () => {
    const agent = await t.signIn('agent');
    const refused = await t.gql(CREATE_KEY, { input: { name: 'x', scopes: ['CUSTOMERS_READ'] } }, agent.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const token = await createKey(['CUSTOMERS_READ']);
    expect(token).toMatch(/^cck_/);
    const rows = await t.api.services.db.selectFrom('api_keys').selectAll().execute();
    expect(rows.some((r) => token.includes(r.secret_hash))).toBe(false);
    const audit = await t.api.services.db.selectFrom('audit_events').select('action').where('action', '=', 'api_key.created').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('enforce scopes: a read-only key reads customers but cannot create them', async () => {
    const writer = await createKey(['CUSTOMERS_WRITE']);
    const reader = await createKey(['CUSTOMERS_READ']);
    const made = await t.gql<{ identifyCustomer: { customer: { id: string } } }>(IDENTIFY, { input: { kind: 'PHONE', value: '+34 600 11 22 33' } }, writer);
    expect(made.data, JSON.stringify(made)).toBeTruthy();
    const id = made.data!.identifyCustomer.customer.id;

    const read = await t.gql<{ node: { identities: { value: string }[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Customer { identities { value } } } }', { id }, reader);
    expect(read.data?.node.identities).toEqual([{ value: '+34600112233' }]);

    const denied = await t.gql(IDENTIFY, { input: { kind: 'PHONE', value: '+34 600 99 88 77' } }, reader);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const count = await t.api.services.db.selectFrom('customer_identities').select('value').where('value', '=', '+34600998877').execute();
    expect(count).toEqual([]);
  });

  it('rejects unknown and revoked keys with 401', async () => {
    const token = await createKey(['CUSTOMERS_READ']);
    const bogus = await t.gql('{ viewer { id } }', {}, 'cck_AAAAAAAAAAAA_' + 'a'.repeat(43));
    expect(bogus.status).toBe(401);
    await t.api.services.db.updateTable('api_keys').set({ revoked_at: new Date() }).execute();
    const revoked = await t.gql('{ viewer { id } }', {}, token);
    expect(revoked.status).toBe(401);
    expect(revoked.errors?.[0]?.message).toMatch(/revoked/);
  });
});

describe('identifyCustomer', () => {
  it('returns a typed error for an invalid phone number and writes nothing', async () => {
    const agent = await t.signIn('supervisor');
    const before = await t.api.services.db.selectFrom('customers').select('id').execute();
    const res = await t.gql<{ identifyCustomer: { __typename: string; message: string } }>(IDENTIFY, { input: { kind: 'PHONE', value: '12345' } }, agent.token);
    expect(res.data?.identifyCustomer.__typename).toBe('InvalidPhoneNumberError');
    expect(res.data?.identifyCustomer.message).toMatch(/international format/);
    expect(await t.api.services.db.selectFrom('customers').select('id').execute()).toHaveLength(before.length);
  });

  it('finds the same customer for "+34 600 00 00 00" and "0034600000000"', async () => {
    const agent = await t.signIn('supervisor');
    const a = await t.gql<{ identifyCustomer: { created: boolean; customer: { id: string } } }>(IDENTIFY, { input: { kind: 'PHONE', value: '+34 600 00 00 00' } }, agent.token);
    const b = await t.gql<{ identifyCustomer: { created: boolean; customer: { id: string } } }>(IDENTIFY, { input: { kind: 'WHATSAPP', value: '0034600000000' } }, agent.token);
    expect(a.data?.identifyCustomer.created).toBe(true);
    expect(b.data?.identifyCustomer.customer.id).toBe(a.data?.identifyCustomer.customer.id);
  });

  it('requires a supervisor or a key: agents reach customers through their interactions, not by lookup', async () => {
    const res = await t.gql(IDENTIFY, { input: { kind: 'EMAIL', value: 'a@b.co' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const agent = await t.signIn('agent');
    const asAgent = await t.gql(IDENTIFY, { input: { kind: 'EMAIL', value: 'a@b.co' } }, agent.token);
    expect(asAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
