import { describe, expect, it } from 'vitest';
import { resolveCustomerByIdentity, resolveEmailSender } from '../src/repositories/customers';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();

describe('the customer behind an email sender', () => {
  it('unverified mail joins a customer known by email alone, never one also known on another channel', async () => {
    const emailOnly = await resolveEmailSender(ctx.db, 'Solo@Mail.test', { verified: true });
    expect(await resolveEmailSender(ctx.db, 'solo@mail.test', { verified: false })).toMatchObject({ customer: { id: emailOnly.customer.id }, keptApartFrom: null });

    const wa = await resolveCustomerByIdentity(ctx.db, 'whatsapp', '+34600123123');
    await ctx.db.insertInto('customer_identities').values({ customer_id: wa.customer.id, kind: 'email', value: 'vip@bank.test', label: null }).execute();
    const forged = await resolveEmailSender(ctx.db, 'vip@bank.test', { verified: false });
    expect(forged.customer.id).not.toBe(wa.customer.id);
    expect(forged).toMatchObject({ identity: { verified: false }, created: true, keptApartFrom: wa.customer.id });
    // Again: the same unverified customer; verified mail still reaches the real one.
    expect((await resolveEmailSender(ctx.db, 'vip@bank.test', { verified: false })).customer.id).toBe(forged.customer.id);
    expect((await resolveEmailSender(ctx.db, 'vip@bank.test', { verified: true })).customer.id).toBe(wa.customer.id);
  });

  it('an address first seen unverified is promoted by its first verified mail', async () => {
    const first = await resolveEmailSender(ctx.db, 'new@shop.test', { verified: false });
    expect(first.identity.verified).toBe(false);
    const proved = await resolveEmailSender(ctx.db, 'new@shop.test', { verified: true });
    expect(proved).toMatchObject({ customer: { id: first.customer.id }, identity: { id: first.identity.id, verified: true } });
    expect((await resolveCustomerByIdentity(ctx.db, 'email', 'new@shop.test')).customer.id).toBe(first.customer.id);
  });
});
