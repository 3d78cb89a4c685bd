import { GraphQLError } from 'graphql';
import { scopeAllows, type ApiKeyScope } from '@cc/core/roles';
import type { Context } from '../context';
import { mayReadInteractionById } from '../authorization/policy';

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

/**
 * A live view of one interaction (its updates, pushes, the visitor typing): the same rule as
 * reading it (authorization/policy.ts), checked when subscribing. Unknown and forbidden ids are
 * refused alike, so ids cannot be probed.
 */
export async function assertCanSubscribeToInteraction(ctx: Context, interactionId: string): Promise<void> {
  assertCanSubscribe(ctx, 'interactions:read');
  if (!(await mayReadInteractionById(ctx.db, ctx.principal, interactionId))) {
    throw new GraphQLError('You do not have permission to do this.', { extensions: { code: 'FORBIDDEN' } });
  }
}
