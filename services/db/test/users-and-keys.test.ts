import { describe, expect, it } from 'vitest';
import { createUser, ensureUser, findUserByEmail } from '../src/repositories/users';
import { findActiveApiKey, insertApiKey } from '../src/repositories/api-keys';
import { listAuditEvents, recordAuditEvent } from '../src/repositories/audit';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();

describe('users', () => {
  it('stores emails lower-case and finds them case-insensitively', async () => {
    const u = await createUser(ctx.db, { email: 'Sup@Example.com', name: 'Sup', role: 'supervisor', passwordHash: 'x' });
    expect(u.email).toBe('sup@example.com');
    expect((await findUserByEmail(ctx.db, ' SUP@example.COM '))?.id).toBe(u.id);
  });

  it('refuses a second user with the same email and an unknown role', async () => {
    await expect(createUser(ctx.db, { email: 'sup@example.com', name: 'Again', role: 'agent', passwordHash: 'x' })).rejects.toThrow(/unique/);
    // @ts-expect-error the database refuses roles the type also refuses
    await expect(createUser(ctx.db, { email: 'r@example.com', name: 'R', role: 'root', passwordHash: 'x' })).rejects.toThrow(/check/);
  });

  it('ensureUser is idempotent', async () => {
    const a = await ensureUser(ctx.db, { email: 'seed@example.com', name: 'Seed', role: 'agent', passwordHash: 'x' });
    const b = await ensureUser(ctx.db, { email: 'seed@example.com', name: 'Seed', role: 'agent', passwordHash: 'y' });
    expect([a.created, b.created]).toEqual([true, false]);
    expect(b.user.password_hash).toBe('x');
  });
});

describe('api keys and audit', () => {
  it('finds only unrevoked keys by prefix', async () => {
    const key = await insertApiKey(ctx.db, { name: 'crm', prefix: 'p1', secretHash: 'h', scopes: ['customers:read'], createdBy: null });
    expect((await findActiveApiKey(ctx.db, 'p1'))?.scopes).toEqual(['customers:read']);
    await ctx.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', key.id).execute();
    expect(await findActiveApiKey(ctx.db, 'p1')).toBeUndefined();
  });

  it('records audit events in order per subject', async () => {
    await recordAuditEvent(ctx.db, { actorType: 'system', actorId: null, action: 'a.first', subjectType: 'thing', subjectId: '1', data: { n: 1 } });
    await recordAuditEvent(ctx.db, { actorType: 'system', actorId: null, action: 'a.second', subjectType: 'thing', subjectId: '1' });
    const events = await listAuditEvents(ctx.db, 'thing', '1');
    expect(events.map((e) => e.action)).toEqual(['a.first', 'a.second']);
    expect(events[0]?.data).toEqual({ n: 1 });
  });
});
