import { z } from 'zod';

/** `true/false/1/0` environment flags. */
export const envFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Validates environment variables against `schema`, failing fast with one line per bad variable.
 * Empty values count as unset, as in most `.env` files and process managers.
 */
export function parseEnv<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv, label: string): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid ${label} configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
