import { randomUUID } from 'node:crypto';
import { pack } from '@rrweb/packer';
import type { eventWithTime } from '@rrweb/types';
import type { UnmaskedFields } from '@cc/core/cobrowse-events';
import { Redis } from 'ioredis';
import type { Db } from '@cc/db/database';
import { getCobrowseSession, recordCobrowseProgress, storeCobrowseRecordings } from '@cc/db/repositories/cobrowse';
import type { CobrowseSession } from '@cc/db/tables/cobrowse';
import { logger } from '@cc/core/logger';
import type { AppPubSub } from '../pubsub';
import { watchRedis } from '../redis-watch';

/** An active session as the replica counting its batches holds it. */
export interface LiveSession {
  id: string;
  siteId: string;
  interactionId: string | null;
  currentUrl: string | null;
  lastSeq: number;
  bytes: number;
}

export type Admission =
  | { ok: true; session: LiveSession }
  | { ok: false; reason: 'rate'; retryAfterMs: number }
  | { ok: false; reason: 'not_active'; session: CobrowseSession | undefined }
  | { ok: false; reason: 'out_of_order' | 'session_bytes'; lastSeq: number };

export interface BatchLimits {
  batchesPerSecond: number;
  maxSessionBytes: number;
}

/** A batch a site keeps (retention), packed and written after the answer. */
export interface KeptBatch {
  sessionId: string;
  seq: number;
  url: string | null;
  events: unknown[];
  bytes: number;
  keepUntil: Date;
  now: Date;
}

/**
 * The hot path of co-browsing, off the database: each batch is counted (per-second limit, order,
 * the session's byte total) against the session held in memory by this replica, and the session
 * row takes the totals at most once a second (FLUSH_MS) and when the session ends. A session is
 * held only while active: its end (on any replica, heard on `cobrowseSessionChanged`, or seen in
 * the next write) lets it go, and the next batch reads the row again.
 *
 * With REDIS_URL, replicas agree through Redis without a round trip per batch: the replica that
 * counts a session takes its lease (one script: the counts so far, order, limits, `owner`); while
 * it holds the lease it counts in memory and writes each batch's counts to Redis after the fan-out
 * (in order, one connection). A replica taking the lease tells the others (`cobrowseSessionChanged`
 * with `leasedTo`), and the next write of one that lost it says so: either way its next batch goes
 * through the script again. (Only between another replica taking the lease and this one hearing
 * of it could both count from their own memory — a widget sends one batch at a time, so that
 * takes two of its connections at once, and the agent's replayer drops a seq it already has.)
 */
export interface CobrowseLedger {
  admit(batch: { sessionId: string; seq: number; bytes: number }, limits: BatchLimits, now: number): Promise<Admission>;
  /** The session's page changed (written by the caller): the one held here follows. */
  moved(sessionId: string, page: string): void;
  /** Packs and writes a kept batch with the next write. */
  keep(batch: KeptBatch): void;
  /**
   * The fields the session's page opted in (`data-cc-unmask`), as this replica saw them in its
   * batches: kept beside the counts and let go with them (another replica starts empty, masking).
   */
  unmaskedFields(sessionId: string): UnmaskedFields;
  /** The last seq accepted here (ahead of the row by at most FLUSH_MS), if held. */
  lastSeq(sessionId: string): number | undefined;
  /** Writes what this session was sent and lets it go (before it ends). */
  settle(sessionId: string): Promise<void>;
  /** Writes everything pending now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const FLUSH_MS = 1000;
/** A session that sent nothing for this long is let go (it is read again if it comes back). */
const IDLE_MS = 10 * 60_000;

// Taking the lease, atomic across replicas: the second's batch count, then order, then the total;
// then `owner` (the third value: 1 when it was another replica's or nobody's). Seq and total start
// from the row (SET NX) the first time any replica counts the session.
const admitScript = `
local n = redis.call('INCR', KEYS[3])
if n == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
if n > tonumber(ARGV[4]) then return {'rate', redis.call('PTTL', KEYS[3])} end
redis.call('SET', KEYS[1], ARGV[6], 'NX', 'PX', ARGV[8])
redis.call('SET', KEYS[2], ARGV[7], 'NX', 'PX', ARGV[8])
local last = tonumber(redis.call('GET', KEYS[1]))
if tonumber(ARGV[1]) <= last then return {'out_of_order', last} end
local total = tonumber(redis.call('GET', KEYS[2]))
if total + tonumber(ARGV[2]) > tonumber(ARGV[3]) then return {'session_bytes', last} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[8])
redis.call('INCRBY', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[8])
local previous = redis.call('GET', KEYS[4])
redis.call('SET', KEYS[4], ARGV[9], 'PX', ARGV[8])
return {'ok', total + tonumber(ARGV[2]), previous == ARGV[9] and 0 or 1}
`;

// A batch the lease holder admitted: its counts, whoever holds the lease now ('lost': not us).
const recordScript = `
local n = redis.call('INCR', KEYS[3])
if n == 1 then redis.call('PEXPIRE', KEYS[3], 1000) end
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > last then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3]) end
redis.call('INCRBY', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
if redis.call('GET', KEYS[4]) ~= ARGV[4] then return 'lost' end
redis.call('PEXPIRE', KEYS[4], ARGV[3])
return 'ok'
`;

type RedisWithAdmit = Redis & {
  cobrowseAdmit(seqKey: string, bytesKey: string, rateKey: string, ownerKey: string, ...args: string[]): Promise<[string, number, number?]>;
  cobrowseRecord(seqKey: string, bytesKey: string, rateKey: string, ownerKey: string, ...args: string[]): Promise<'ok' | 'lost'>;
};

interface Held {
  live: LiveSession;
  rate: { endsAt: number; count: number };
  usedAt: number;
  /** This replica holds the session's lease in Redis: it counts in memory. */
  leased: boolean;
}

export function createCobrowseLedger(deps: { db: Db; pubsub: AppPubSub; redisUrl?: string; redisKeyPrefix?: string; stateTtlSeconds: number }): CobrowseLedger {
  const log = logger({ component: 'cobrowse' });
  /** This replica, as the owner of a lease. */
  const replica = randomUUID();
  const held = new Map<string, Held>();
  const unmasked = new Map<string, UnmaskedFields>();
  const release = (id: string) => {
    held.delete(id);
    unmasked.delete(id);
  };
  const loading = new Map<string, Promise<Held | CobrowseSession | undefined>>();
  /** Progress not yet written: the highest seq and the bytes to add, per session. */
  const pending = new Map<string, { lastSeq: number; bytes: number }>();
  let kept: KeptBatch[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> = Promise.resolve();

  let redis: RedisWithAdmit | null = null;
  if (deps.redisUrl) {
    // Fails at once while Redis is away (this replica then counts alone) rather than wait.
    redis = new Redis(deps.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1000 }) as RedisWithAdmit;
    redis.defineCommand('cobrowseAdmit', { numberOfKeys: 4, lua: admitScript });
    redis.defineCommand('cobrowseRecord', { numberOfKeys: 4, lua: recordScript });
    watchRedis(redis, 'co-browse counters', (line) => log.warn(line));
  }
  const key = (id: string, part: string) => `${deps.redisKeyPrefix ?? 'cc'}:cobrowse:${id}:${part}`;
  const keys = (id: string) => [key(id, 'seq'), key(id, 'bytes'), `${deps.redisKeyPrefix ?? 'cc'}:rate:cobrowse-batches:${id}`, key(id, 'owner')] as const;

  // Any replica's status change (an end) lets the session go here; another's lease ends ours.
  const changes = deps.pubsub.subscribe('cobrowseSessionChanged')[Symbol.asyncIterator]();
  void (async () => {
    for (let r = await changes.next(); !r.done; r = await changes.next()) {
      const { sessionId, leasedTo } = r.value;
      if (!leasedTo) release(sessionId);
      else if (leasedTo !== replica) {
        const h = held.get(sessionId);
        if (h) h.leased = false;
      }
    }
  })();

  async function load(id: string): Promise<Held | CobrowseSession | undefined> {
    const row = await getCobrowseSession(deps.db, id);
    if (!row || row.status !== 'active') return row;
    const owed = pending.get(id);
    const h: Held = {
      live: { id, siteId: row.site_id, interactionId: row.interaction_id, currentUrl: row.current_url, lastSeq: Math.max(row.last_seq, owed?.lastSeq ?? 0), bytes: Number(row.bytes_received) + (owed?.bytes ?? 0) },
      rate: { endsAt: 0, count: 0 },
      usedAt: Date.now(),
      leased: false,
    };
    held.set(id, h);
    return h;
  }
  function hold(id: string): Promise<Held | CobrowseSession | undefined> {
    const h = held.get(id);
    if (h) return Promise.resolve(h);
    let p = loading.get(id);
    if (!p) {
      p = load(id).finally(() => loading.delete(id));
      loading.set(id, p);
    }
    return p;
  }
  const isHeld = (x: Held | CobrowseSession | undefined): x is Held => !!x && 'live' in x;

  function hitRate(h: Held, limit: number, now: number): number | null {
    if (h.rate.endsAt <= now) h.rate = { endsAt: now + 1000, count: 0 };
    return ++h.rate.count > limit ? h.rate.endsAt - now : null;
  }

  function schedule() {
    timer ??= setTimeout(() => {
      timer = undefined;
      void flush();
    }, FLUSH_MS);
    timer.unref?.();
  }

  async function write(ids?: readonly string[]): Promise<void> {
    const rows = [...pending].filter(([id]) => !ids || ids.includes(id)).map(([id, p]) => ({ id, lastSeq: p.lastSeq, bytes: p.bytes }));
    for (const r of rows) pending.delete(r.id);
    const batches = ids ? kept.filter((k) => ids.includes(k.sessionId)) : kept;
    kept = ids ? kept.filter((k) => !ids.includes(k.sessionId)) : [];
    try {
      const statuses = await recordCobrowseProgress(deps.db, rows);
      // Ended elsewhere (another process without Redis): let it go.
      for (const s of statuses) if (s.status !== 'active') release(s.id);
    } catch (e) {
      // Put back (added to anything counted meanwhile) for the next write.
      for (const r of rows) {
        const p = pending.get(r.id);
        pending.set(r.id, { lastSeq: Math.max(r.lastSeq, p?.lastSeq ?? 0), bytes: r.bytes + (p?.bytes ?? 0) });
      }
      log.error({ err: e }, 'writing co-browse progress failed; retried with the next write');
      schedule();
    }
    if (batches.length) {
      await storeCobrowseRecordings(
        deps.db,
        batches.map((b) => ({ sessionId: b.sessionId, seq: b.seq, url: b.url, packed: b.events.map((e) => Buffer.from(pack(e as eventWithTime), 'latin1')), bytes: b.bytes, keepUntil: b.keepUntil, now: b.now })),
      ).catch((e: unknown) => log.error({ err: e, sessions: [...new Set(batches.map((b) => b.sessionId))] }, 'keeping co-browse batches failed'));
    }
  }

  function flush(): Promise<void> {
    const now = Date.now();
    for (const [id, h] of held) if (now - h.usedAt > IDLE_MS) release(id);
    for (const id of unmasked.keys()) if (!held.has(id) && !loading.has(id)) unmasked.delete(id);
    // One write at a time: a session's progress is never written out of order.
    flushing = flushing.then(() => write());
    return flushing;
  }

  return {
    async admit(batch, limits, now) {
      const h = await hold(batch.sessionId);
      if (!isHeld(h)) {
        // Not active (before consent, ended): refused; nothing is held for it.
        unmasked.delete(batch.sessionId);
        return { ok: false, reason: 'not_active', session: h };
      }
      h.usedAt = now;
      const live = h.live;
      let verdict: [string, number, number?] | null = null;
      if (redis?.status === 'ready' && !h.leased) {
        verdict = await redis
          .cobrowseAdmit(
            ...keys(batch.sessionId),
            String(batch.seq),
            String(batch.bytes),
            String(limits.maxSessionBytes),
            String(limits.batchesPerSecond),
            '1000',
            String(live.lastSeq),
            String(live.bytes),
            String(deps.stateTtlSeconds * 1000),
            replica,
          )
          .catch(() => null);
      }
      if (verdict) {
        const [outcome, n, moved] = verdict;
        if (outcome === 'rate') return { ok: false, reason: 'rate', retryAfterMs: Math.max(1, Number(n)) };
        if (outcome !== 'ok') {
          // Another replica counted further: this one follows.
          live.lastSeq = Math.max(live.lastSeq, Number(n));
          return { ok: false, reason: outcome as 'out_of_order' | 'session_bytes', lastSeq: Number(n) };
        }
        live.bytes = Number(n);
        h.leased = true;
        h.rate = { endsAt: now + 1000, count: 1 };
        if (moved) deps.pubsub.publish('cobrowseSessionChanged', { sessionId: batch.sessionId, leasedTo: replica });
      } else {
        // The lease holder, or this replica alone (no Redis, or Redis away for now).
        const retryAfterMs = hitRate(h, limits.batchesPerSecond, now);
        if (retryAfterMs !== null) return { ok: false, reason: 'rate', retryAfterMs };
        if (batch.seq <= live.lastSeq) return { ok: false, reason: 'out_of_order', lastSeq: live.lastSeq };
        if (live.bytes + batch.bytes > limits.maxSessionBytes) return { ok: false, reason: 'session_bytes', lastSeq: live.lastSeq };
        live.bytes += batch.bytes;
        if (h.leased && redis?.status === 'ready') {
          // After the fan-out has been written (the batch goes on once this returns), the counts
          // reach Redis, in order on the one connection; a lost lease is taken again next batch.
          const args = [...keys(batch.sessionId), String(batch.seq), String(batch.bytes), String(deps.stateTtlSeconds * 1000), replica] as const;
          setImmediate(() => void redis!.cobrowseRecord(...args).then((r) => r === 'ok' || (h.leased = false), () => (h.leased = false)));
        } else h.leased = false;
      }
      live.lastSeq = Math.max(live.lastSeq, batch.seq);
      const p = pending.get(batch.sessionId);
      pending.set(batch.sessionId, { lastSeq: Math.max(batch.seq, p?.lastSeq ?? 0), bytes: batch.bytes + (p?.bytes ?? 0) });
      schedule();
      return { ok: true, session: live };
    },
    moved(sessionId, page) {
      const h = held.get(sessionId);
      if (h) h.live.currentUrl = page;
    },
    keep(batch) {
      kept.push(batch);
      schedule();
    },
    unmaskedFields(sessionId) {
      let fields = unmasked.get(sessionId);
      if (!fields) unmasked.set(sessionId, (fields = new Set()));
      return fields;
    },
    lastSeq: (sessionId) => held.get(sessionId)?.live.lastSeq ?? pending.get(sessionId)?.lastSeq,
    async settle(sessionId) {
      release(sessionId);
      flushing = flushing.then(() => write([sessionId]));
      await flushing;
    },
    flush,
    async close() {
      clearTimeout(timer);
      timer = undefined;
      await changes.return?.();
      await flush();
      redis?.disconnect();
    },
  };
}
