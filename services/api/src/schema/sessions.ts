import { z } from 'zod';
import { bumpTokenVersion, getUsers, setUserDisabled, setUserPassword, setUserRole } from '@cc/db/repositories/users';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import type { User as UserRow } from '@cc/db/tables/users';
import { builder } from '../builder';
import type { Context } from '../context';
import { bookLoginAttempt } from '../auth/login-limits';
import { hashPassword, verifyPassword } from '../auth/password';
import { endSessionCookie, startSession } from '../auth/session';
import { ErrorInterface, inputErrors } from './errors';
import { TooManyRequestsError } from '../auth/errors';
import { NotFoundError } from '../routing/errors';
import { RoleEnum, User } from './users';
import { generatePassword } from '../accounts/generated-password';

/*
 * Sessions that can be revoked: every session token carries its user's token version, and every
 * request checks it (and the role and disabled state) against the database. Bumping the version
 * ends all of a user's sessions.
 */

export class IncorrectPasswordError extends Error {
  constructor() {
    super('Your current password is incorrect.');
  }
}
export class CannotChangeOwnAccountError extends Error {
  constructor(action: string) {
    super(`You cannot ${action} your own account; ask another administrator.`);
  }
}
const accountErrorDescriptions: Record<string, string> = {
  IncorrectPasswordError: 'The current password given is wrong; nothing was changed (repeated failures are throttled).',
  CannotChangeOwnAccountError: 'Administrators cannot disable themselves or change their own role; another administrator must.',
};
for (const cls of [IncorrectPasswordError, CannotChangeOwnAccountError]) {
  builder.objectType(cls as typeof Error, { name: cls.name, description: accountErrorDescriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}

export const newPassword = z.string().min(12, 'Use at least 12 characters.').max(256, 'Use at most 256 characters.');
const actorId = (ctx: Context) => (ctx.principal.kind === 'user' ? ctx.principal.userId : null);

builder.objectField(User, 'disabledAt', (t) =>
  t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When an administrator disabled the account (it cannot sign in and its sessions ended); null while enabled. Administrators only.',
    authScopes: { admin: true },
    resolve: (u) => u.disabled_at,
  }),
);

builder.mutationField('logout', (t) =>
  t.field({
    type: builder.simpleObject('LogoutPayload', { description: 'Signed out.', fields: (f) => ({ signedOut: f.boolean({ description: 'Always true.' }) }) }),
    description: 'Signs the caller out everywhere: every session token of theirs stops working and the console’s cookie is deleted.',
    authScopes: { user: true },
    resolve: async (_r, _a, ctx) => {
      const userId = actorId(ctx)!;
      await ctx.db.transaction().execute(async (trx) => {
        await bumpTokenVersion(trx, userId);
        await recordAuditEvent(trx, { actorType: 'user', actorId: userId, action: 'user.logout', subjectType: 'user', subjectId: userId });
      });
      ctx.sessions.forget(userId);
      endSessionCookie(ctx);
      return { signedOut: true };
    },
  }),
);

const SessionPayload = builder.simpleObject('ChangePasswordPayload', {
  description: 'The password was changed: a new session for this caller.',
  fields: (t) => ({
    token: t.string({ description: 'The new session (older ones have ended); the console uses the cookie set by the same response.' }),
    user: t.field({ type: User, description: 'The signed-in user.' }),
  }),
});

builder.mutationField('changePassword', (t) =>
  t.field({
    type: SessionPayload,
    description: 'Changes the signed-in user’s password. Every session of theirs ends; this one continues with the returned token (and cookie).',
    authScopes: { user: true },
    errors: { types: [IncorrectPasswordError, TooManyRequestsError, ...inputErrors], directResult: true, union: { name: 'ChangePasswordResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('ChangePasswordInput', {
          description: 'The current password and the new one.',
          fields: (f) => ({
            currentPassword: f.string({ required: true, description: 'The password in use now.', validate: z.string().min(1, 'Enter your current password.') }),
            newPassword: f.string({ required: true, description: '12–256 characters.', validate: newPassword }),
          }),
        }),
        required: true,
        description: 'Both passwords.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      const userId = actorId(ctx)!;
      const [current] = await getUsers(ctx.db, [userId]);
      if (!current) throw new IncorrectPasswordError();
      // Guesses at the current password (someone at an unlocked console) share sign-in's budgets.
      const attempt = await bookLoginAttempt(ctx, current.email, ctx.clientAddress);
      if (!attempt.ok) throw new TooManyRequestsError(attempt.retryAfterSeconds, `Too many wrong passwords — try again in ${attempt.retryAfterSeconds} s.`);
      if (!(await verifyPassword(current.password_hash, input.currentPassword))) throw new IncorrectPasswordError();
      await attempt.succeeded();
      const passwordHash = await hashPassword(input.newPassword);
      const user = await ctx.db.transaction().execute(async (trx) => {
        const row = await setUserPassword(trx, userId, passwordHash);
        await recordAuditEvent(trx, { actorType: 'user', actorId: userId, action: 'user.password_changed', subjectType: 'user', subjectId: userId });
        return row!;
      });
      ctx.sessions.forget(userId);
      return { token: await startSession(ctx, user), user };
    },
  }),
);

/* Administrators' operations on accounts. Each ends the user's sessions where it must, and is audited. */

const UserAccountPayload = builder.simpleObject('UserAccountPayload', {
  description: 'The account as changed.',
  fields: (t) => ({ user: t.field({ type: User, description: 'The user, as it is now.' }) }),
});

async function changeAccount(
  ctx: Context,
  userId: string,
  action: string,
  change: (trx: Context['db']) => Promise<UserRow | undefined>,
  data?: Record<string, unknown>,
): Promise<UserRow> {
  const user = await ctx.db.transaction().execute(async (trx) => {
    const row = await change(trx);
    if (!row) throw new NotFoundError('User');
    await recordAuditEvent(trx, { actorType: 'user', actorId: actorId(ctx), action, subjectType: 'user', subjectId: row.id, data });
    return row;
  });
  ctx.sessions.forget(userId);
  return user;
}

const accountErrors = [NotFoundError, CannotChangeOwnAccountError, ...inputErrors];

builder.mutationField('disableUser', (t) =>
  t.field({
    type: UserAccountPayload,
    description: 'Administrators: disable an account. It cannot sign in, and its sessions end at once.',
    authScopes: { admin: true },
    errors: { types: accountErrors, directResult: true, union: { name: 'DisableUserResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('DisableUserInput', { description: 'The account to disable.', fields: (f) => ({ userId: f.globalID({ required: true, for: [User], description: 'User.id; not your own.' }) }) }),
        required: true,
        description: 'Which account.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      const userId = String(input.userId.id);
      if (userId === actorId(ctx)) throw new CannotChangeOwnAccountError('disable');
      return { user: await changeAccount(ctx, userId, 'user.disabled', (trx) => setUserDisabled(trx, userId, ctx.clock())) };
    },
  }),
);

builder.mutationField('enableUser', (t) =>
  t.field({
    type: UserAccountPayload,
    description: 'Administrators: enable a disabled account again; its user signs in anew.',
    authScopes: { admin: true },
    errors: { types: accountErrors, directResult: true, union: { name: 'EnableUserResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('EnableUserInput', { description: 'The account to enable.', fields: (f) => ({ userId: f.globalID({ required: true, for: [User], description: 'User.id.' }) }) }),
        required: true,
        description: 'Which account.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      const userId = String(input.userId.id);
      return { user: await changeAccount(ctx, userId, 'user.enabled', (trx) => setUserDisabled(trx, userId, null)) };
    },
  }),
);

const ResetUserPasswordPayload = builder.simpleObject('ResetUserPasswordPayload', {
  description: 'The password was replaced and the user’s sessions ended.',
  fields: (t) => ({
    user: t.field({ type: User, description: 'The user, as it is now.' }),
    generatedPassword: t.string({
      nullable: true,
      description: 'The password generated when none was given, shown only in this answer (only its hash is stored): hand it to the user by a safe channel. Null when newPassword was given.',
    }),
  }),
});

builder.mutationField('resetUserPassword', (t) =>
  t.field({
    type: ResetUserPasswordPayload,
    description: 'Administrators: set a new password for a user (e.g. one who forgot theirs), given or generated. Their sessions end at once.',
    authScopes: { admin: true },
    errors: { types: accountErrors, directResult: true, union: { name: 'ResetUserPasswordResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('ResetUserPasswordInput', {
          description: 'The account and, optionally, its new password.',
          fields: (f) => ({
            userId: f.globalID({ required: true, for: [User], description: 'User.id.' }),
            newPassword: f.string({
              required: false,
              description: '12–256 characters; tell the user by a safe channel. Omit it to have one generated and returned once in the payload.',
              validate: newPassword.nullish(),
            }),
          }),
        }),
        required: true,
        description: 'Which account and the new password.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      const userId = String(input.userId.id);
      const generatedPassword = input.newPassword ? null : generatePassword();
      const passwordHash = await hashPassword(input.newPassword || generatedPassword!);
      const user = await changeAccount(ctx, userId, 'user.password_reset', (trx) => setUserPassword(trx, userId, passwordHash), {
        passwordGenerated: generatedPassword !== null,
      });
      return { user, generatedPassword };
    },
  }),
);

builder.mutationField('setUserRole', (t) =>
  t.field({
    type: UserAccountPayload,
    description: 'Administrators: change a user’s role. It applies to their next request (sessions carry no role).',
    authScopes: { admin: true },
    errors: { types: accountErrors, directResult: true, union: { name: 'SetUserRoleResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('SetUserRoleInput', {
          description: 'The account and its new role.',
          fields: (f) => ({
            userId: f.globalID({ required: true, for: [User], description: 'User.id; not your own.' }),
            role: f.field({ type: RoleEnum, required: true, description: 'The new role.' }),
          }),
        }),
        required: true,
        description: 'Which account and role.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      const userId = String(input.userId.id);
      // An administrator cannot demote themselves: the last one would lock everyone out of user admin.
      if (userId === actorId(ctx)) throw new CannotChangeOwnAccountError('change the role of');
      return {
        user: await changeAccount(ctx, userId, 'user.role_changed', (trx) => setUserRole(trx, userId, input.role), { role: input.role }),
      };
    },
  }),
);
