import { canonicalTimeZone } from '@cc/core/time-zone';
import { setUserTimeZone } from '@cc/db/repositories/users';
import { builder } from '../builder';
import { ErrorInterface, inputErrors } from './errors';
import { User } from './users';

export class InvalidTimeZoneError extends Error {
  constructor(readonly timeZone: string) {
    super(`"${timeZone}" is not a time zone; use an IANA name such as Europe/Madrid.`);
  }
}

builder.objectType(InvalidTimeZoneError, {
  name: 'InvalidTimeZoneError',
  description: 'The time zone is not an IANA name (such as Europe/Madrid); nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ timeZone: t.exposeString('timeZone', { description: 'The value refused, as sent.' }) }),
});

builder.objectField(User, 'timeZone', (t) =>
  t.string({
    nullable: true,
    description: 'IANA time zone the console formats dates in; null until chosen (the browser’s is used). Shown to the user and supervisors only.',
    resolve: (u, _a, { principal }) =>
      principal.kind === 'user' && (principal.userId === u.id || principal.role !== 'agent') ? u.time_zone : null,
  }),
);

const SetTimeZonePayload = builder.simpleObject('SetTimeZonePayload', {
  description: 'The time zone was saved.',
  fields: (t) => ({ user: t.field({ type: User, description: 'The signed-in user, with the time zone in its canonical spelling.' }) }),
});

builder.mutationField('setTimeZone', (t) =>
  t.field({
    type: SetTimeZonePayload,
    description: 'Sets the signed-in user’s time zone (an IANA name, e.g. Europe/Madrid); stored in its canonical spelling.',
    authScopes: { user: true },
    errors: { types: [InvalidTimeZoneError, ...inputErrors], directResult: true, union: { name: 'SetTimeZoneResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('SetTimeZoneInput', {
          description: 'The time zone to format the console’s dates in.',
          fields: (f) => ({ timeZone: f.string({ required: true, description: 'An IANA time zone name, e.g. Europe/Madrid.' }) }),
        }),
        required: true,
        description: 'The time zone to save.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      const timeZone = canonicalTimeZone(input.timeZone);
      if (!timeZone) throw new InvalidTimeZoneError(input.timeZone);
      if (ctx.principal.kind !== 'user') throw new Error('unreachable: scope requires a user');
      const user = await setUserTimeZone(ctx.db, ctx.principal.userId, timeZone);
      if (!user) throw new Error('The signed-in user no longer exists.');
      return { user };
    },
  }),
);
