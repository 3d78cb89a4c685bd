import { GraphQLError } from 'graphql';
import { scopeAllows, type ApiKeyScope } from '@cc/core/roles';
import type { Context } from '../context';

/**
 * Field scopes are checked when each event resolves; a subscription that should never have
 * started must be refused when it subscribes, or a caller without rights would wait forever on a
 * silent stream. Same rule as the fields: a signed-in user, or a key holding `scope`.
 */
export function assertCanSubscribe(ctx: Context, scope?: ApiKeyScope): void {
  const p = ctx.principal;
  if (p.kind === 'user') return;
  if (p.kind === 'apiKey' && scope && scopeAllows(p.scopes, scope)) return;
  throw p.kind === 'anonymous'
    ? new GraphQLError('Sign in (or send an API key) to do this.', { extensions: { code: 'UNAUTHENTICATED' } })
    : new GraphQLError('You do not have permission to do this.', { extensions: { code: 'FORBIDDEN' } });
}

/** Live views of the whole floor (agents, push figures) are for supervisors and admins only. */
export function assertSupervisorCanSubscribe(ctx: Context): void {
  assertCanSubscribe(ctx);
  const p = ctx.principal;
  if (p.kind === 'user' && (p.role === 'supervisor' || p.role === 'admin')) return;
  throw new GraphQLError('You do not have permission to do this.', { extensions: { code: 'FORBIDDEN' } });
}
