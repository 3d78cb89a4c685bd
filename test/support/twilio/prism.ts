import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
/** Twilio's published OpenAPI descriptions (unmodified copies, beside the repository). */
export const twilioSpecDir = resolve(repoRoot, '../shared/twilio-oai');
const prismBin = join(repoRoot, 'node_modules/@stoplight/prism-cli/dist/index.js');

type Json = Record<string, unknown>;

/**
 * Prism refuses array-typed form fields (MediaUrl, PersistentAction, StatusCallbackEvent) unless
 * the body declares `style: form, explode: true` for them, which is how Twilio (and its SDK)
 * encode them: `MediaUrl=a&MediaUrl=b` (stoplightio/prism#2473). The copy gets that declaration.
 */
export function patchArrayEncoding(spec: Json): Json {
  for (const item of Object.values((spec.paths ?? {}) as Record<string, Record<string, Json>>)) {
    for (const op of Object.values(item)) {
      const media = (op?.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
      const form = media?.['application/x-www-form-urlencoded'];
      const props = (form?.schema as Json | undefined)?.properties as Record<string, Json> | undefined;
      if (!form || !props) continue;
      const encoding = ((form.encoding as Record<string, Json> | undefined) ?? {}) as Record<string, Json>;
      for (const [name, schema] of Object.entries(props)) if (schema.type === 'array') encoding[name] = { style: 'form', explode: true };
      if (Object.keys(encoding).length) form.encoding = encoding;
    }
  }
  return spec;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

export interface PrismMock {
  /** e.g. http://127.0.0.1:41234 — stands in for https://api.twilio.com. */
  url: string;
  stop(): Promise<void>;
}

/** Keeps only the operations under test (Prism starts in a fraction of the time); anything else is a 404. */
function onlyPaths(spec: Json, keep: RegExp): Json {
  const paths = (spec.paths ?? {}) as Record<string, unknown>;
  return { ...spec, paths: Object.fromEntries(Object.entries(paths).filter(([path]) => keep.test(path))) };
}

/**
 * Starts `prism mock` on a free loopback port over a patched copy of a Twilio spec (the paths
 * matching `keep`); stop() ends it.
 */
export async function startPrism(options: { specFile?: string; keep?: RegExp } = {}): Promise<PrismMock> {
  const specFile = options.specFile ?? 'twilio_api_v2010.json';
  const dir = mkdtempSync(join(tmpdir(), 'cc-prism-'));
  const spec = join(dir, specFile);
  const original = JSON.parse(readFileSync(join(twilioSpecDir, specFile), 'utf8')) as Json;
  writeFileSync(spec, JSON.stringify(patchArrayEncoding(options.keep ? onlyPaths(original, options.keep) : original)));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [prismBin, 'mock', '-h', '127.0.0.1', '-p', String(port), spec], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 3000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`Prism did not start within 60 s:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Prism is listening')) {
          clearTimeout(timer);
          ok();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`Prism exited with ${code}:\n${output}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://127.0.0.1:${port}`, stop };
}
