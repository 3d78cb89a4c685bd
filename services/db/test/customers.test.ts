import { describe, expect, it } from 'vitest';
import { InvalidPhoneNumberError } from '@cc/core/errors';
import { listIdentities, resolveCustomerByIdentity } from '../src/repositories/customers';
import { useAppDatabase } from '../../../test/support/app-db';

const ctx = useAppDatabase();

async function counts() {
  const c = await ctx.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const i = await ctx.db.selectFrom('customer_identities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { customers: Number(c.n), identities: Number(i.n) };
}

describe('resolveCustomerByIdentity', () => {
  it('treats "+34 600 00 00 00" and "0034600000000" as one customer', async () => {
    const a = await resolveCustomerByIdentity(ctx.db, 'phone', '+34 600 00 00 00');
    const b = await resolveCustomerByIdentity(ctx.db, 'phone', '0034600000000');
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.customer.id).toBe(a.customer.id);
    expect(b.identity.value).toBe('+34600000000');
  });

  it('joins a WhatsApp identity to the caller with the same number', async () => {
    const call = await resolveCustomerByIdentity(ctx.db, 'phone', '+34 611 22 33 44');
    const wa = await resolveCustomerByIdentity(ctx.db, 'whatsapp', 'whatsapp:+34611223344', { label: 'Ana' });
    expect(wa.customer.id).toBe(call.customer.id);
    expect(wa.identity.kind).toBe('whatsapp');
    const ids = await listIdentities(ctx.db, [call.customer.id]);
    expect(ids.map((i) => i.kind).sort()).toEqual(['phone', 'whatsapp']);
  });

  it('refuses an invalid number before writing anything', async () => {
    const before = await counts();
    await expect(resolveCustomerByIdentity(ctx.db, 'phone', '12')).rejects.toBeInstanceOf(InvalidPhoneNumberError);
    expect(await counts()).toEqual(before);
  });

  it('creates exactly one customer when 20 requests race on a new identity', async () => {
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => resolveCustomerByIdentity(ctx.db, 'email', 'Race@Example.com')),
    );
    expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await counts()).toEqual({ customers: before.customers + 1, identities: before.identities + 1 });
  });
});
