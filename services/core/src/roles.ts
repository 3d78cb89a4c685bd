export const roles = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * Scopes an integrator's API key can hold. `admin` is not a scope: keys never administer users.
 */
export const apiKeyScopes = [
  'customers:read',
  'customers:write',
  'interactions:read',
  'interactions:write',
  'queues:read',
  'reports:read',
] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** Whether a key holding `granted` may act with `needed`: a `:write` scope also reads its resource. */
export function scopeAllows(granted: readonly ApiKeyScope[], needed: ApiKeyScope): boolean {
  return granted.includes(needed) || (needed.endsWith(':read') && granted.includes(needed.replace(/:read$/, ':write') as ApiKeyScope));
}
