import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';

/**
 * Named (prepared) statements for the arrival path's few hot statements (issue 16). node-postgres
 * sends every statement unnamed, so PostgreSQL parses and plans it on every call: for the match
 * statement, a large CTE, planning cost about 1.2 ms each time. A statement that starts with
 * `preparedStatement` is sent named instead (the name is a hash of its text): parsed once per
 * connection, and after a few calls run from PostgreSQL's cached generic plan.
 *
 * A prepared statement must name its result columns, never `*`: a column added by a migration
 * while this process runs would change a `*` result, and PostgreSQL then refuses the cached
 * statement ("cached plan must not change result type") until the connection ends — every arrival
 * of an older process would fail during a rolling deploy. Behind PgBouncer in transaction pooling,
 * named statements need PgBouncer 1.21+ with `max_prepared_statements` set.
 */
const marker = '/* prepared */';
export const preparedStatement = sql.raw(marker);

const names = new Map<string, string>();

/** The statement's name: the same text always gets the same one (node-postgres requires it). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `cc_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

type AnyQuery = (...args: unknown[]) => unknown;

/**
 * The pool's client (pg-pool's `Client` option): marked statements go out named, everything else
 * (Kysely's other statements, its cursors) exactly as before.
 */
export class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as AnyQuery;
    const routed: AnyQuery = (text, ...rest) =>
      typeof text === 'string' && text.startsWith(marker) ? query({ name: nameOf(text), text, values: rest[0] }, ...rest.slice(1)) : query(text, ...rest);
    this.query = routed as unknown as pg.Client['query'];
  }
}
