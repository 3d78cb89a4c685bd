import { describe, expect, it } from 'vitest';
import { createFirstUser, createUser } from '../src/repositories/users';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();

describe('the first administrator', () => {
  it('is created on a database without users, once, even when asked twice at the same time', async () => {
    const admin = { email: 'Admin@Example.com', name: 'Administrator', role: 'admin' as const, passwordHash: 'x' };
    const [a, b] = await Promise.all([createFirstUser(ctx.db, admin), createFirstUser(ctx.db, { ...admin, email: 'other@example.com' })]);
    const created = [a, b].filter((u) => u !== null);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ role: 'admin', disabled_at: null });
    expect(await ctx.db.selectFrom('users').select('email').execute()).toHaveLength(1);
  });

  it('is never created once any user exists', async () => {
    await createUser(ctx.db, { email: 'agent@example.com', name: 'A', role: 'agent', passwordHash: 'x' });
    expect(await createFirstUser(ctx.db, { email: 'late@example.com', name: 'Late', role: 'admin', passwordHash: 'x' })).toBeNull();
  });
});
