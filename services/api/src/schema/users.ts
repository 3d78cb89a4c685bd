import { z } from 'zod';
import { roles } from '@cc/core/roles';
import { findUserByEmail, getUsers } from '@cc/db/repositories/users';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { auditFailedLogin } from '../privacy/audit-log';
import type { User as UserRow } from '@cc/db/tables/users';
import { builder } from '../builder';
import { bookLoginAttempt } from '../auth/login-limits';
import { verifyPassword } from '../auth/password';
import { startSession } from '../auth/session';
import { inputErrors } from './errors';
import { InvalidCredentialsError, TooManyRequestsError } from '../auth/errors';

const roleDescriptions: Record<(typeof roles)[number], string> = {
  agent: 'Handles contacts: their own presence, offers and settings; acts only on interactions assigned to them.',
  supervisor: 'Everything an agent may, plus every interaction and customer, queues, agents, push figures, the document library and chat sites.',
  admin: 'Everything a supervisor may, plus users (disable, enable, reset password, role) and API keys.',
};

export const RoleEnum = builder.enumType('Role', {
  description: 'What a console user may do (the README’s Security section has the full table).',
  values: Object.fromEntries(roles.map((r) => [r.toUpperCase(), { value: r, description: roleDescriptions[r] }])) as Record<
    Uppercase<(typeof roles)[number]>,
    { value: (typeof roles)[number]; description: string }
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
  created_at: UserRow['created_at'];
  /** Present when read with the `users` list (listUsers). */
  last_sign_in_at?: Date | null;
}

export const User = builder.loadableNode('User', {
  id: { resolve: (u: UserShape) => u.id },
  load: async (ids: string[], ctx) => {
    const rows = await getUsers(ctx.db, ids);
    return ids.map((id) => rows.find((r) => r.id === id) ?? new Error(`User ${id} not found`));
  },
  // Only people signed in to the console see other users; integrators do not.
  authScopes: { user: true },
  description: 'A person who signs in to the console (agent, supervisor or admin). Visible to signed-in users only, never to API keys.',
  fields: (t) => ({
    email: t.exposeString('email', { description: 'Sign-in email address, lower case.' }),
    name: t.exposeString('name', { description: 'Display name, shown to colleagues and (as the agent’s name) to chat visitors.' }),
    role: t.expose('role', { type: RoleEnum, description: 'What they may do; read fresh on every request.' }),
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
  description: 'Signed in: a session token and who it belongs to.',
  fields: (t) => ({
    token: t.string({ description: 'For integrators: send as `Authorization: Bearer <token>`. The console ignores it and uses the httpOnly `cc_session` cookie set by the same response.' }),
    user: t.field({ type: User, description: 'The person signed in.' }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  description: 'Email and password of a console user.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The account’s email address.', validate: z.email('Enter a valid email address.') }),
    password: t.string({ required: true, description: 'The account’s password.', validate: z.string().min(1, 'Enter your password.') }),
  }),
});

builder.mutationField('login', (t) =>
  t.field({
    type: LoginPayload,
    description:
      'Signs a console user in (public; failed attempts are throttled per account and address). Returns a bearer token and sets the httpOnly cc_session cookie. Disabled accounts get InvalidCredentialsError.',
    errors: { types: [InvalidCredentialsError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'LoginResult' } },
    args: { input: t.arg({ type: LoginInput, required: true, description: 'The credentials.' }) },
    resolve: async (_root, { input }, ctx) => {
      // Before argon2: a throttled attempt costs no hashing and learns nothing about the password.
      const attempt = await bookLoginAttempt(ctx, input.email, ctx.clientAddress);
      if (!attempt.ok) {
        await auditFailedLogin(ctx.db, { email: input.email, userId: null, reason: 'throttled', clientAddress: ctx.clientAddress });
        throw new TooManyRequestsError(attempt.retryAfterSeconds, `Too many failed sign-in attempts — try again in ${attempt.retryAfterSeconds} s.`);
      }
      const user = await findUserByEmail(ctx.db, input.email);
      const ok = await verifyPassword(user?.password_hash, input.password);
      if (!user || !ok || user.disabled_at) {
        await auditFailedLogin(ctx.db, { email: input.email, userId: user?.id ?? null, reason: !user ? 'unknown_account' : !ok ? 'wrong_password' : 'disabled', clientAddress: ctx.clientAddress });
        throw new InvalidCredentialsError();
      }
      await attempt.succeeded();
      await recordAuditEvent(ctx.db, { actorType: 'user', actorId: user.id, action: 'user.login', subjectType: 'user', subjectId: user.id });
      // The rest of this operation (selecting the payload's user) runs as the person who signed in.
      ctx.principal = { kind: 'user', userId: user.id, role: user.role };
      return { token: await startSession(ctx, user), user };
    },
  }),
);
