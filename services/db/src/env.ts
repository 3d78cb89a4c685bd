import { z } from 'zod';
import { parseEnv } from '@cc/core/env';

/** Every environment variable the data layer reads, validated once. */
const schema = z.object({
  DATABASE_URL: z.url().optional(),
  /** Where the embedded PostgreSQL keeps its cluster when DATABASE_URL is unset. */
  PG_DATA_DIR: z.string().min(1).optional(),
});

export const dbEnv = parseEnv(schema, process.env, 'database');
