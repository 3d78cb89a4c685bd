import pg from 'pg';
import type { RunState } from '../model';
import { decode, encodeEvent, type Msg } from '../proto';
import { parseState, stringifyState } from './json';
import type { RunChange, Store, StoredRun } from './types';

const eventType = 'temporal.api.history.v1.HistoryEvent';

/**
 * Runs in their own schema on the application's PostgreSQL server: one row of mutable state per
 * run (JSON) and one row per history event (protobuf bytes, exactly what workers receive).
 */
export async function createPostgresStore(databaseUrl: string, schema = 'temporal_dev'): Promise<Store> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  // One connection: saves are already batched by the engine and must apply in order.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  client.on('error', () => {});
  // One server per database: two would each hold the state in memory and overwrite each other.
  // A killed predecessor's session may take a moment to end: wait a little for its lock.
  let locked = false;
  for (let i = 0; i < 25 && !locked; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 200));
    const lock = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [`temporal-dev:${schema}`]);
    locked = !!lock.rows[0]?.ok;
  }
  if (!locked) {
    await client.end();
    throw new Error(`another temporal-dev server is already using schema ${schema} on this database`);
  }
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.runs (
    run_id text PRIMARY KEY,
    namespace text NOT NULL,
    workflow_id text NOT NULL,
    status text NOT NULL,
    state text NOT NULL
  )`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.events (
    run_id text NOT NULL,
    event_id integer NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (run_id, event_id)
  )`);

  return {
    durable: true,
    async load(): Promise<StoredRun[]> {
      const runs = await client.query<{ run_id: string; state: string }>(`SELECT run_id, state FROM ${schema}.runs`);
      const events = await client.query<{ run_id: string; data: Buffer }>(
        `SELECT run_id, data FROM ${schema}.events ORDER BY run_id, event_id`,
      );
      const byRun = new Map<string, Msg[]>();
      for (const row of events.rows) {
        let list = byRun.get(row.run_id);
        if (!list) byRun.set(row.run_id, (list = []));
        list.push(decode(eventType, row.data));
      }
      return runs.rows.map((r) => ({
        state: parseState<RunState>(r.state),
        history: byRun.get(r.run_id) ?? [],
      }));
    },
    async save(changes: RunChange[], deleted: string[] = []): Promise<void> {
      if (changes.length === 0 && deleted.length === 0) return;
      const ids: string[] = [], nss: string[] = [], wids: string[] = [], sts: string[] = [], states: string[] = [];
      const evRun: string[] = [], evId: number[] = [], evData: Buffer[] = [];
      for (const c of changes) {
        ids.push(c.state.runId);
        nss.push(c.state.namespace);
        wids.push(c.state.workflowId);
        sts.push(c.state.status);
        states.push(stringifyState(c.state));
        for (const e of c.newEvents) {
          evRun.push(c.state.runId);
          evId.push(e.eventId as number);
          evData.push(encodeEvent(e));
        }
      }
      await client.query('BEGIN');
      try {
        if (ids.length > 0) await client.query(
          `INSERT INTO ${schema}.runs (run_id, namespace, workflow_id, status, state)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
           ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, state = excluded.state`,
          [ids, nss, wids, sts, states],
        );
        if (deleted.length > 0) {
          await client.query(`DELETE FROM ${schema}.events WHERE run_id = ANY($1::text[])`, [deleted]);
          await client.query(`DELETE FROM ${schema}.runs WHERE run_id = ANY($1::text[])`, [deleted]);
        }
        if (evRun.length > 0) {
          await client.query(
            `INSERT INTO ${schema}.events (run_id, event_id, data)
             SELECT * FROM unnest($1::text[], $2::int[], $3::bytea[]) ON CONFLICT DO NOTHING`,
            [evRun, evId, evData],
          );
        }
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      }
    },
    close: () => client.end(),
  };
}
