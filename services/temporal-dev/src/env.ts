import { z } from 'zod';
import { logLevels } from '@cc/core/logger';

/** The dev server's settings, read once from the environment (fails fast on bad values). */
const schema = z.object({
  TEMPORAL_DEV_HOST: z.string().default('127.0.0.1'),
  TEMPORAL_DEV_PORT: z.coerce.number().int().min(0).max(65535).default(7233),
  /** Where runs are stored; unset = in memory. Falls back to the app's DATABASE_URL. */
  TEMPORAL_DEV_DATABASE_URL: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  TEMPORAL_DEV_NAMESPACES: z.string().default('default'),
  TEMPORAL_DEV_IN_MEMORY: z.enum(['0', '1', 'true', 'false']).optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
});

export function readEnv(source: NodeJS.ProcessEnv = process.env) {
  const e = schema.parse(source);
  const inMemory = e.TEMPORAL_DEV_IN_MEMORY === '1' || e.TEMPORAL_DEV_IN_MEMORY === 'true';
  return {
    host: e.TEMPORAL_DEV_HOST,
    port: e.TEMPORAL_DEV_PORT,
    databaseUrl: inMemory ? undefined : (e.TEMPORAL_DEV_DATABASE_URL ?? e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    namespaces: e.TEMPORAL_DEV_NAMESPACES.split(',').map((s) => s.trim()).filter(Boolean),
  };
}
