import { z } from 'zod';
import { roles } from '@cc/core/roles';
import { findUserByEmail, getUsers } from '@cc/db/repositories/users';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import type { User as UserRow } from '@cc/db/tables/users';
import { builder } from '../builder';
import { bookLoginAttempt } from '../auth/login-limits';
import { verifyPassword } from '../auth/password';
import { startSession } from '../auth/session';
import { inputErrors } from './errors';
import { InvalidCredentialsError, TooManyRequestsError } from '../auth/errors';

export const RoleEnum = builder.enumType('Role', {
  values: Object.fromEntries(roles.map((r) => [r.toUpperCase(), { value: r }])) as Record<
    Uppercase<(typeof roles)[number]>,
    { value: (typeof roles)[number] }
  >,
});

/** What GraphQL exposes of a user: never the password hash. */
export interface UserShape {
  id: string;
  email: string;
  name: string;
  role: UserRow['role'];
  time_zone: UserRow['time_zone'];
  disabled_at: UserRow['disabled_at'];
}

export const User = builder.loadableNode('User', {
  id: { resolve: (u: UserShape) => u.id },
  load: async (ids: string[], ctx) => {
    const rows = await getUsers(ctx.db, ids);
    return ids.map((id) => rows.find((r) => r.id === id) ?? new Error(`User ${id} not found`));
  },
  // Only people signed in to the console see other users; integrators do not.
  authScopes: { user: true },
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: RoleEnum }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: User,
    nullable: true,
    description: 'The signed-in person; null for anonymous callers and API keys.',
    resolve: (_root, _args, { principal }) => (principal.kind === 'user' ? principal.userId : null),
  }),
);

const LoginPayload = builder.simpleObject('LoginPayload', {
  fields: (t) => ({
    token: t.string({ description: 'For integrators: send as `Authorization: Bearer <token>`. The console ignores it and uses the httpOnly `cc_session` cookie set by the same response.' }),
    user: t.field({ type: User }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: z.email('Enter a valid email address.') }),
    password: t.string({ required: true, validate: z.string().min(1, 'Enter your password.') }),
  }),
});

builder.mutationField('login', (t) =>
  t.field({
    type: LoginPayload,
    errors: { types: [InvalidCredentialsError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'LoginResult' } },
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      // Before argon2: a throttled attempt costs no hashing and learns nothing about the password.
      const attempt = await bookLoginAttempt(ctx, input.email, ctx.clientAddress);
      if (!attempt.ok) throw new TooManyRequestsError(attempt.retryAfterSeconds, `Too many failed sign-in attempts — try again in ${attempt.retryAfterSeconds} s.`);
      const user = await findUserByEmail(ctx.db, input.email);
      const ok = await verifyPassword(user?.password_hash, input.password);
      if (!user || !ok || user.disabled_at) throw new InvalidCredentialsError();
      await attempt.succeeded();
      await recordAuditEvent(ctx.db, { actorType: 'user', actorId: user.id, action: 'user.login', subjectType: 'user', subjectId: user.id });
      // The rest of this operation (selecting the payload's user) runs as the person who signed in.
      ctx.principal = { kind: 'user', userId: user.id, role: user.role };
      return { token: await startSession(ctx, user), user };
    },
  }),
);
