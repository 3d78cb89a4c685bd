import type { IncomingMessage, ServerResponse } from 'node:http';

export type DependencyState = 'up' | 'down' | 'not-configured';

/** What `/ready` asks; each check answers on its own (a slow one counts as down). */
export interface ReadinessChecks {
  database(): Promise<DependencyState>;
  temporal(): Promise<DependencyState>;
  redis(): Promise<DependencyState>;
  smtp(): Promise<DependencyState>;
}

/** Without these the API cannot take contacts; Redis and SMTP only degrade it (live fan-out, email). */
const required = ['database', 'temporal'] as const;
const checkTimeoutMs = 3000;

/** `GET /health`: liveness — the process is alive and serving HTTP; it checks nothing else. */
export function handleHealth(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: 'ok' }));
}

/**
 * `GET /ready`: readiness — each dependency up, down or not configured; 503 while a required one
 * (database, Temporal) is down, so a load balancer sends traffic to another replica.
 */
export async function handleReady(checks: ReadinessChecks, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  const names = ['database', 'temporal', 'redis', 'smtp'] as const;
  const states = await Promise.all(names.map((name) => withTimeout(checks[name]())));
  const body = Object.fromEntries(names.map((name, i) => [name, states[i]!])) as Record<(typeof names)[number], DependencyState>;
  const ok = required.every((name) => body[name] !== 'down');
  const degraded = names.some((name) => body[name] === 'down');
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: ok ? (degraded ? 'degraded' : 'ready') : 'unavailable', ...body }));
}

async function withTimeout(check: Promise<DependencyState>): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DependencyState>((ok) => (timer = setTimeout(() => ok('down'), checkTimeoutMs)));
  try {
    return await Promise.race([check.catch((): DependencyState => 'down'), late]);
  } finally {
    clearTimeout(timer);
  }
}
