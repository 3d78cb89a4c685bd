import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/embedded';

// A real embedded cluster in a temporary directory: the superuser password is generated on first
// run and kept; a cluster from before (old fixed password, no stored secret) still starts.
const dir = mkdtempSync(join(tmpdir(), 'cc-pg-password-'));
chmodSync(dir, 0o755); // the server may run as the `postgres` OS user
const dataDir = join(dir, 'data');
const passwordFile = join(dir, 'secrets', 'pg');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function query(url: string, text: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL password', () => {
  it('is generated on first run, kept (0600) and used again; the old default is refused', async () => {
    const notices: string[] = [];
    const first = await startEmbeddedPostgres(dataDir, () => {}, { passwordFile, notice: (l) => notices.push(l) });
    try {
      const secret = readFileSync(passwordFile, 'utf8');
      expect(secret.length).toBeGreaterThanOrEqual(24);
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(decodeURIComponent(new URL(first.url).password)).toBe(secret);
      await query(first.url, 'select 1');
      const legacy = new URL(first.url);
      legacy.password = 'postgres';
      await expect(query(legacy.toString(), 'select 1')).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await first.stop();
    }
    const again = await startEmbeddedPostgres(dataDir, () => {}, { passwordFile, notice: (l) => notices.push(l) });
    try {
      expect(decodeURIComponent(new URL(again.url).password)).toBe(readFileSync(passwordFile, 'utf8'));
      // Turn it into a cluster of the old kind for the next case.
      await query(again.url, `ALTER USER postgres PASSWORD 'postgres'`);
    } finally {
      await again.stop();
    }
    expect(notices).toEqual([]);
  }, 120_000);

  it('a cluster created with the old password and no stored secret still starts, and says so', async () => {
    rmSync(passwordFile);
    const notices: string[] = [];
    const old = await startEmbeddedPostgres(dataDir, () => {}, { passwordFile, notice: (l) => notices.push(l) });
    try {
      expect(new URL(old.url).password).toBe('postgres');
      await query(old.url, 'select 1');
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/old default superuser password/);
      expect(existsSync(passwordFile)).toBe(false);
    } finally {
      await old.stop();
    }
  }, 120_000);
});
