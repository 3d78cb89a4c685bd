import { readdirSync } from 'node:fs';
import { createYoga } from 'graphql-yoga';
import { Kind, print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseApiEnv } from '../src/env';
import { graphqlLimitPlugins } from '../src/http/graphql-limits';
import { buildSchema } from '../src/schema/index';
import * as widgetOps from '../../../web/widget/operations';

// The document limits on their own (no database): what they refuse, and that every operation the
// console and the chat widget send stays within them.
const schema = buildSchema();

function yogaWith(env: Record<string, string> = {}) {
  const yoga = createYoga({ schema, plugins: graphqlLimitPlugins(parseApiEnv({ NODE_ENV: 'test', ...env })), logging: false });
  return async (query: string) => {
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, ...((await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] }) };
  };
}
const post = yogaWith();
const messages = (r: { errors?: { message: string }[] }) => (r.errors ?? []).map((e) => e.message);
const login = (alias: string) => `${alias}: login(input: { email: "a@b.c", password: "p" }) { __typename }`;

describe('GraphQL document limits', () => {
  it('refuses a document asking for login more than once, through aliases or fragments', async () => {
    const aliased = await post(`mutation { ${Array.from({ length: 25 }, (_, i) => login(`l${i}`)).join(' ')} }`);
    expect(aliased.status).toBe(400);
    expect(aliased.data).toBeUndefined();
    expect(messages(aliased)).toContain('Sign in once per request: `login` may appear only once in a document.');
    const fragments = await post(`mutation { ...A ...B } fragment A on Mutation { ${login('a')} } fragment B on Mutation { ${login('b')} }`);
    expect(messages(fragments)).toContain('Sign in once per request: `login` may appear only once in a document.');
  });

  it('refuses a 60-deep query', async () => {
    let selection = 'id';
    for (let i = 0; i < 30; i++) selection = `customer { interactions { ${selection} } }`;
    const res = await post(`{ interaction(id: "x") { ${selection} } }`);
    expect(res.status).toBe(400);
    expect(messages(res).join()).toMatch(/depth limit of 15 exceeded/);
  });

  it('refuses more than 15 aliases, 10 directives, 1000 tokens and a too costly query', async () => {
    expect(messages(await post(`{ ${Array.from({ length: 16 }, (_, i) => `v${i}: viewer { id }`).join(' ')} }`)).join()).toMatch(/Aliases limit of 15 exceeded/);
    expect(messages(await post(`{ viewer ${'@include(if: true) '.repeat(11)} { id } }`)).join()).toMatch(/Directives limit of 10 exceeded/);
    expect(messages(await post(`{ viewer { ${'id '.repeat(1000)} } }`)).join()).toMatch(/Token limit of 1000 exceeded/);
    const costly = '{ interactions(first: 200) { edges { node { customer { timeline(last: 1000) { __typename } } } } } }';
    expect(messages(await post(costly)).join()).toMatch(/Query Cost limit of 100000 exceeded/);
  });

  it('hides the schema outside development: no introspection, no "did you mean"', async () => {
    for (const p of [post, yogaWith({ NODE_ENV: 'production' })]) {
      const res = await p('{ __schema { queryType { name } } }');
      expect(res.status).toBe(400);
      expect(messages(res).join()).toMatch(/introspection has been disabled/);
    }
    expect(messages(await post('{ viewe { id } }')).join()).not.toMatch(/Did you mean/);
  });

  it('allows introspection when GRAPHQL_INTROSPECTION=true (and in development)', async () => {
    for (const env of [{ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }, { NODE_ENV: 'development' }] as Record<string, string>[]) {
      const res = await yogaWith(env)('{ __schema { queryType { name } } }');
      expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    }
  });

  it('lets every console and chat widget operation through', async () => {
    const dir = new URL('../../../web/src/graphql/', import.meta.url);
    const modules = await Promise.all(
      readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
        .map((f) => import(new URL(f, dir).href) as Promise<Record<string, unknown>>),
    );
    const documents = modules.flatMap((m) =>
      Object.values(m).filter((d): d is DocumentNode => (d as DocumentNode | undefined)?.kind === Kind.DOCUMENT && (d as DocumentNode).definitions.some((x) => x.kind === Kind.OPERATION_DEFINITION)),
    );
    const sources = [...documents.map((d) => print(d)), ...Object.values(widgetOps as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && /^(query|mutation|subscription)\b/.test(v))];
    expect(sources.length).toBeGreaterThan(40);
    const { parse, validate, schema: enveloped } = createYoga({ schema, plugins: graphqlLimitPlugins(parseApiEnv({ NODE_ENV: 'production' })) }).getEnveloped({});
    for (const source of sources) expect(validate(enveloped, parse(source)).map((e: { message: string }) => e.message), source).toEqual([]);
  });
});
