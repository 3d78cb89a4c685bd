import { beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from 'kysely';
import { currentLogContext } from '@cc/core/logger';
import { useTestApi } from '../support/api';
import { seedInteractionList, type SeededList } from '../support/interaction-list-fixtures';

/**
 * Every statement an HTTP request runs, in order (Kysely's log, called in the caller's async
 * context): background work of the same stack (relays, sweeps, workflows' activities) carries no
 * request id and is not the request's cost, however it interleaves on a busy machine.
 */
const statements: string[] = [];
const t = useTestApi({ databaseLog: (e: LogEvent) => void (e.level === 'query' && currentLogContext()?.requestId !== undefined && statements.push(e.query.sql)) });

/**
 * Who the caller is costs its own statements before any field runs (an API key is looked up and
 * its last use recorded; a session's state is read unless cached): the target is what answering
 * the query takes, so those are set aside by what they touch.
 */
const authentication = [/"api_keys"/, /^select "id", "role", "token_version", "disabled_at" from "users"/];
const answering = (sql: string[]) => sql.filter((s) => !authentication.some((a) => a.test(s)));

const listQuery = `query($q: ID!) {
  interactions(first: 50, filter: { queueId: $q }) {
    edges { node {
      id status
      customer { id displayName identities { kind value } }
      queue { name }
      lastMessages(count: 3) { body }
    } }
  }
}`;
/** Signed-in users also see who holds each contact (User is not visible to API keys). */
const listQueryWithAgent = listQuery.replace('queue { name }', 'queue { name } assignedAgent { id name }');

type Node = {
  id: string;
  status: string;
  customer: { id: string; displayName: string; identities: { kind: string; value: string }[] };
  queue: { name: string };
  assignedAgent?: { id: string; name: string } | null;
  lastMessages: { body: string }[];
};
type Page = { interactions: { edges: { node: Node }[] } };

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const rawId = (g: string) => Buffer.from(g, 'base64').toString().split(':')[1];

let seeded: SeededList;
let supervisor: string;
let agent: { token: string; userId: string };
let apiKey: string;

beforeAll(async () => {
  supervisor = (await t.signIn('supervisor')).token;
  agent = await t.signIn('agent');
  const admin = (await t.signIn('admin')).token;
  const key = await t.gql<{ createApiKey: { token?: string } }>(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { token } } }',
    { input: { name: 'list', scopes: ['INTERACTIONS_READ', 'CUSTOMERS_READ', 'QUEUES_READ'] } },
    admin,
  );
  apiKey = key.data!.createApiKey.token!;
  seeded = await seedInteractionList(t.api.services.db, { count: 50, messages: 5, agentId: agent.userId, tag: 'list' });
});

/** Runs one request and returns its answer with the statements it ran. */
async function measured(query: string, auth: string) {
  statements.length = 0;
  const res = await t.gql<Page>(query, { q: gid('Queue', seeded.queueId) }, auth);
  return { res, ran: answering([...statements]) };
}

function expectTheList(page: Page | undefined, withAgent: boolean) {
  const nodes = page!.interactions.edges.map((e) => e.node);
  expect(nodes.map((n) => rawId(n.id))).toEqual(seeded.interactions.map((i) => i.id));
  nodes.forEach((node, n) => {
    const want = seeded.interactions[n]!;
    expect(rawId(node.customer.id)).toBe(want.customerId);
    expect(node.customer.displayName).toBe(want.displayName);
    expect(node.customer.identities.map((i) => i.kind).sort()).toEqual(['EMAIL', 'WEBCHAT']);
    expect(node.queue.name).toBe('List list');
    expect(node.lastMessages.map((m) => m.body)).toEqual(want.messageBodies.slice(-3));
    if (withAgent) expect(node.assignedAgent ? rawId(node.assignedAgent.id) : null).toBe(node.status === 'ASSIGNED' ? agent.userId : null);
  });
}

describe('interactions(first: 50) with customers, queues, agents and last messages', () => {
  it('answers a supervisor in at most 3 statements: the page (customer, queue, agent joined), identities, messages', async () => {
    const { res, ran } = await measured(listQueryWithAgent, supervisor);
    expect(res.errors).toBeUndefined();
    expectTheList(res.data, true);
    expect(ran, ran.join('\n')).toHaveLength(3);
  });

  it('answers an API key in at most 3 statements', async () => {
    const { res, ran } = await measured(listQuery, apiKey);
    expect(res.errors).toBeUndefined();
    expectTheList(res.data, false);
    expect(ran, ran.join('\n')).toHaveLength(3);
  });

  it('keeps each alias’s own count, and the whole conversation still comes with messages', async () => {
    const res = await t.gql<{ interactions: { edges: { node: { one: { body: string }[]; five: { body: string }[]; messages: { body: string }[] } }[] } }>(
      `query($q: ID!) { interactions(first: 2, filter: { queueId: $q }) { edges { node {
        one: lastMessages(count: 1) { body } five: lastMessages(count: 5) { body } messages { body }
      } } } }`,
      { q: gid('Queue', seeded.queueId) },
      supervisor,
    );
    expect(res.errors).toBeUndefined();
    const want = seeded.interactions[0]!.messageBodies;
    const node = res.data!.interactions.edges[0]!.node;
    expect(node.one.map((m) => m.body)).toEqual(want.slice(-1));
    expect(node.five.map((m) => m.body)).toEqual(want);
    expect(node.messages.map((m) => m.body)).toEqual(want);
  });

  it('refuses a count outside 1–50 with a message', async () => {
    const res = await t.gql(`query($q: ID!) { interactions(first: 1, filter: { queueId: $q }) { edges { node { lastMessages(count: 51) { body } } } } }`, { q: gid('Queue', seeded.queueId) }, supervisor);
    expect(res.errors?.[0]?.message).toMatch(/at most 50/);
  });

  it('shows an agent only the interactions they hold, with their customers (authorization still applies)', async () => {
    const { res, ran } = await measured(listQueryWithAgent, agent.token);
    expect(res.errors).toBeUndefined();
    const mine = seeded.interactions.filter((_, n) => n % 2 === 1); // newest first: the even seeds are at odd places
    expect(res.data!.interactions.edges.map((e) => rawId(e.node.id))).toEqual(mine.map((i) => i.id));
    // Agents' access to the page's customers is decided in one more statement, not one per customer.
    expect(ran, ran.join('\n')).toHaveLength(4);
    expect(ran.filter((s) => /bool_or/.test(s))).toHaveLength(1);
  });
});
