import pg from 'pg';
import type { RunState } from '../model';
import { decode, encodeEvent, type Msg } from '../proto';
import { parseState, stringifyState } from './json';
import type { ScheduleRecord } from '../schedules';
import type { RunChange, ScheduleChanges, Store, StoredRun } from './types';

const eventType = 'temporal.api.history.v1.HistoryEvent';

export interface PostgresStoreOptions {
  /** Default `temporal_dev`. */
  schema?: string;
  /**
   * The connection came back but another server holds the schema's lock: this one must not write
   * again. Called once; the owner stops the server (and the process, so it can be restarted).
   */
  onLockLost?: (error: Error) => void;
  /** The connection is back (lock re-taken): changes that failed to save meanwhile can go now. */
  onReconnected?: () => void;
  log?: (msg: string) => void;
  /** How long start-up (or a reconnect) waits for a predecessor's session to release the lock. */
  lockWaitMs?: number;
}

/** Another temporal-dev server holds the schema's advisory lock. */
export class StoreLockedError extends Error {
  constructor(schema: string) {
    super(`another temporal-dev server is already using schema ${schema} on this database`);
  }
}

/**
 * Runs in their own schema on the application's PostgreSQL server: one row of mutable state per
 * run (JSON) and one row per history event (protobuf bytes, exactly what workers receive).
 *
 * One connection, which also holds the schema's advisory lock (one server per schema: two would
 * each hold the state in memory and overwrite each other). When it drops (PostgreSQL restarted,
 * network), the store reconnects in the background and takes the lock again before writing; saves
 * meanwhile wait a little, then fail as retryable. If the lock is now someone else's, the store
 * stops for good and `onLockLost` tells the owner.
 */
export async function createPostgresStore(databaseUrl: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const schema = options.schema ?? 'temporal_dev';
  const log = options.log ?? (() => {});
  const lockWaitMs = options.lockWaitMs ?? 5000;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);

  /** A connected client holding the lock. */
  const open = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    c.on('error', () => {}); // a dropped connection also ends it: handled on 'end'
    await c.connect();
    try {
      // A killed predecessor's (or our own dropped) session may take a moment to end: wait for its lock.
      for (const end = Date.now() + lockWaitMs; ; ) {
        const lock = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [`temporal-dev:${schema}`]);
        if (lock.rows[0]?.ok) return c;
        if (Date.now() >= end) throw new StoreLockedError(schema);
        await sleep(200);
      }
    } catch (e) {
      await c.end().catch(() => {});
      throw e;
    }
  };

  let closed = false;
  let fatal: Error | null = null;
  let client: pg.Client | null = null;
  /** Settles when a reconnect attempt loop ends (connected, fatal or closed). */
  let reconnecting: Promise<void> | null = null;

  const adopt = (c: pg.Client) => {
    client = c;
    c.once('end', () => {
      if (client !== c) return;
      client = null;
      if (!closed && !fatal) reconnect();
    });
  };
  const reconnect = () => {
    reconnecting = (async () => {
      for (let delay = 100, attempt = 0; !closed; delay = Math.min(delay * 2, 2000), attempt++) {
        // Quiet when it comes straight back, or when the process is stopping (Ctrl-C reaches PostgreSQL too).
        if (attempt === 1) log(`temporal-dev: lost its PostgreSQL connection; reconnecting`);
        try {
          const c = await open();
          if (closed) {
            await c.end().catch(() => {});
            return;
          }
          adopt(c);
          if (attempt > 0) log(`temporal-dev: PostgreSQL connection restored (lock re-taken)`);
          options.onReconnected?.();
          return;
        } catch (e) {
          if (e instanceof StoreLockedError) {
            fatal = e;
            log(`temporal-dev: ${e.message} — stopping: this server must not write without the lock`);
            options.onLockLost?.(e);
            return;
          }
          await sleep(delay);
        }
      }
    })().finally(() => {
      reconnecting = null;
    });
  };
  /** The connection to write on: waits up to a few seconds for a reconnect in progress. */
  const current = async (): Promise<pg.Client> => {
    if (!client && reconnecting) await Promise.race([reconnecting, sleep(5000)]);
    if (fatal) throw fatal;
    if (!client) throw new Error('the PostgreSQL connection is down (reconnecting)');
    return client;
  };

  adopt(await open());
  const setup = await current();
  await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await setup.query(`CREATE TABLE IF NOT EXISTS ${schema}.runs (
    run_id text PRIMARY KEY,
    namespace text NOT NULL,
    workflow_id text NOT NULL,
    status text NOT NULL,
    state text NOT NULL
  )`);
  await setup.query(`CREATE TABLE IF NOT EXISTS ${schema}.events (
    run_id text NOT NULL,
    event_id integer NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (run_id, event_id)
  )`);
  await setup.query(`CREATE TABLE IF NOT EXISTS ${schema}.schedules (
    namespace text NOT NULL,
    schedule_id text NOT NULL,
    state text NOT NULL,
    PRIMARY KEY (namespace, schedule_id)
  )`);

  /** Runs' state, upserted from five arrays starting at parameter `$p`. */
  const upsertRuns = (p: number) =>
    `INSERT INTO ${schema}.runs (run_id, namespace, workflow_id, status, state)
     SELECT * FROM unnest($${p}::text[], $${p + 1}::text[], $${p + 2}::text[], $${p + 3}::text[], $${p + 4}::text[])
     ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, state = excluded.state`;
  /** New history events, from three arrays starting at parameter `$p` (an event already stored is kept). */
  const insertEvents = (p: number) =>
    `INSERT INTO ${schema}.events (run_id, event_id, data)
     SELECT * FROM unnest($${p}::text[], $${p + 1}::int[], $${p + 2}::bytea[]) ON CONFLICT DO NOTHING`;

  return {
    durable: true,
    healthy: () => client !== null && !fatal && !closed,
    async load(): Promise<StoredRun[]> {
      const client = await current();
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
    async loadSchedules(): Promise<ScheduleRecord[]> {
      const client = await current();
      const rows = await client.query<{ state: string }>(`SELECT state FROM ${schema}.schedules`);
      return rows.rows.map((r) => parseState<ScheduleRecord>(r.state));
    },
    async save(changes: RunChange[], deleted: string[] = [], schedules?: ScheduleChanges): Promise<void> {
      const upsert = schedules?.upsert ?? [];
      const unscheduled = schedules?.deleted ?? [];
      if (changes.length === 0 && deleted.length === 0 && upsert.length === 0 && unscheduled.length === 0) return;
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
      const client = await current();
      // The usual change (runs and their new events, nothing deleted): one statement, atomic by
      // itself, so one round trip instead of BEGIN, two inserts and COMMIT.
      if (deleted.length === 0 && upsert.length === 0 && unscheduled.length === 0) {
        await client.query(`WITH r AS (${upsertRuns(1)}) ${insertEvents(6)}`, [ids, nss, wids, sts, states, evRun, evId, evData]);
        return;
      }
      await client.query('BEGIN');
      try {
        if (ids.length > 0) await client.query(upsertRuns(1), [ids, nss, wids, sts, states]);
        if (deleted.length > 0) {
          await client.query(`DELETE FROM ${schema}.events WHERE run_id = ANY($1::text[])`, [deleted]);
          await client.query(`DELETE FROM ${schema}.runs WHERE run_id = ANY($1::text[])`, [deleted]);
        }
        if (evRun.length > 0) {
          await client.query(insertEvents(1), [evRun, evId, evData]);
        }
        // Deletes first: a schedule deleted and created again under its id keeps the new one.
        for (const d of unscheduled) {
          await client.query(`DELETE FROM ${schema}.schedules WHERE namespace = $1 AND schedule_id = $2`, [d.namespace, d.scheduleId]);
        }
        if (upsert.length > 0) {
          await client.query(
            `INSERT INTO ${schema}.schedules (namespace, schedule_id, state)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
             ON CONFLICT (namespace, schedule_id) DO UPDATE SET state = excluded.state`,
            [upsert.map((r) => r.namespace), upsert.map((r) => r.scheduleId), upsert.map((r) => stringifyState(r))],
          );
        }
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      }
    },
    async close() {
      closed = true;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
