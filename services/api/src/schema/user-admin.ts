import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { z } from 'zod';
import { lastSignInAt, listUsers } from '@cc/db/repositories/users';
import { builder, maxPageSize } from '../builder';
import { createUserAccount } from '../accounts/create-user';
import { EmailTakenError } from '../accounts/errors';
import { inputErrors } from './errors';
import { newPassword } from './sessions';
import { RoleEnum, User } from './users';

/* Administrators create and list console users (the other account operations are in sessions.ts). */

builder.objectField(User, 'createdAt', (t) =>
  t.field({
    type: 'DateTime',
    description: 'When the account was created. Administrators only.',
    authScopes: { admin: true },
    resolve: (u) => u.created_at,
  }),
);

builder.objectField(User, 'lastSignInAt', (t) =>
  t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When the user last signed in; null if never. Administrators only.',
    authScopes: { admin: true },
    // The `users` list reads it with the page; elsewhere it is one lookup.
    resolve: (u, _a, ctx) => (u.last_sign_in_at !== undefined ? u.last_sign_in_at : lastSignInAt(ctx.db, u.id)),
  }),
);

const UserFilter = builder.inputType('UserFilter', {
  description: 'Narrows the user list; every given field must match.',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: false, description: 'Only users with this role.' }),
    disabled: t.boolean({ required: false, description: 'true: only disabled accounts; false: only enabled ones; omitted: both.' }),
  }),
});

builder.queryField('users', (t) =>
  t.connection({
    type: User,
    description: `Administrators: every console user, by email. Pages of at most ${maxPageSize}.`,
    authScopes: { admin: true },
    args: { filter: t.arg({ type: UserFilter, required: false, description: 'Which users; all when omitted.' }) },
    resolve: (_r, args, ctx) =>
      resolveOffsetConnection({ args, defaultSize: 50, maxSize: maxPageSize }, ({ limit, offset }) =>
        listUsers(ctx.db, { role: args.filter?.role ?? undefined, disabled: args.filter?.disabled ?? undefined }, { limit, offset }),
      ),
  }),
);

const CreateUserInput = builder.inputType('CreateUserInput', {
  description: 'A new console user.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Their sign-in email address (stored lower case); no other user may have it.', validate: z.string().trim().pipe(z.email('Enter a valid email address.')) }),
    name: t.string({
      required: true,
      description: 'Display name, 1–100 characters.',
      validate: z.string().trim().min(1, 'Enter the user’s name.').max(100, 'Use at most 100 characters.'),
    }),
    role: t.field({ type: RoleEnum, required: true, description: 'What they may do. To route contacts to an agent, also give them queues and capacity (saveAgent).' }),
    password: t.string({
      required: false,
      description: '12–256 characters. Omit it to have one generated and returned once in the payload.',
      validate: newPassword.nullish(),
    }),
  }),
});

const CreateUserPayload = builder.simpleObject('CreateUserPayload', {
  description: 'The user was created.',
  fields: (t) => ({
    user: t.field({ type: User, description: 'The new user.' }),
    generatedPassword: t.string({
      nullable: true,
      description: 'The password generated when none was given, shown only in this answer (only its hash is stored): hand it to the user by a safe channel. Null when a password was given.',
    }),
  }),
});

builder.mutationField('createUser', (t) =>
  t.field({
    type: CreateUserPayload,
    description: 'Administrators: create a console user (agent, supervisor or administrator) who can sign in at once. Audited.',
    authScopes: { admin: true },
    errors: { types: [EmailTakenError, ...inputErrors], directResult: true, union: { name: 'CreateUserResult' } },
    args: { input: t.arg({ type: CreateUserInput, required: true, description: 'Who, with which role and (optionally) password.' }) },
    resolve: (_r, { input }, ctx) => createUserAccount(ctx.db, ctx.principal.kind === 'user' ? ctx.principal.userId : null, input),
  }),
);
