import { z } from 'zod';
import { parseEnv } from '@cc/core/env';

/** Every environment variable the data layer uses; the process's config loader parses them at start. */
const schema = z.object({
  DATABASE_URL: z.url().optional(),
  /** Where the embedded PostgreSQL keeps its cluster when DATABASE_URL is unset. */
  PG_DATA_DIR: z.string().min(1).optional(),
});

export type DatabaseEnv = z.infer<typeof schema>;

export function parseDatabaseEnv(source: NodeJS.ProcessEnv): DatabaseEnv {
  return parseEnv(schema, source, 'database');
}
