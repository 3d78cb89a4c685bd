import { z } from 'zod';
import { envFlag, parseEnv } from '@cc/core/env';


/** Where Temporal is and how to reach it; read once. Unset address = the embedded dev server. */
const schema = z.object({
  /** host:port of a Temporal frontend (a cluster, or Temporal Cloud's `<ns>.<acct>.tmprl.cloud:7233`). */
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d+$/, 'TEMPORAL_ADDRESS must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('contact-center'),
  /** Temporal Cloud API key (implies TLS). */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: envFlag.optional(),
  /** mTLS client certificate and key (PEM file paths). */
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  /** Port of the embedded dev server when TEMPORAL_ADDRESS is unset (0 = any free port). */
  TEMPORAL_DEV_PORT: z.coerce.number().int().min(0).max(65535).default(7233),
});

export type TemporalEnv = z.infer<typeof schema>;

export function parseTemporalEnv(source: NodeJS.ProcessEnv): TemporalEnv {
  return parseEnv(schema, source, 'Temporal');
}
