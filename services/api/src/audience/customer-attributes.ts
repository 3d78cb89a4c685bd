import { recordAuditEvent } from '@cc/db/repositories/audit';
import { setCustomerAttributes } from '@cc/db/repositories/customer-attributes';
import { inTransaction } from '@cc/db/repositories/transaction';
import type { Customer } from '@cc/db/tables/customers';
import type { ApiServices, Principal } from '../context';
import { NotFoundError } from '../routing/errors';
import { attributeChangesFrom, type AttributeInput } from './attribute-rules';
import { isRowId } from './errors';

/**
 * An integrator or supervisor sets a customer's tags, language, country, time zone or custom
 * fields (validated: see attribute-rules.ts); the change and who made it go to the audit log together.
 */
export async function updateCustomerAttributes(
  deps: Pick<ApiServices, 'db' | 'clock'>,
  request: { principal: Principal; customerId: string; input: AttributeInput },
): Promise<Customer> {
  if (!isRowId(request.customerId)) throw new NotFoundError('Customer');
  const changes = attributeChangesFrom(request.input);
  const now = deps.clock();
  const actor = request.principal.kind === 'user' ? { actorType: 'user' as const, actorId: request.principal.userId } : request.principal.kind === 'apiKey' ? { actorType: 'api_key' as const, actorId: request.principal.keyId } : null;
  const customer = await inTransaction(deps.db, async (trx) => {
    const updated = await setCustomerAttributes(trx, request.customerId, changes, now);
    if (updated && actor) await recordAuditEvent(trx, { ...actor, action: 'customer.attributes_set', subjectType: 'customer', subjectId: updated.id, data: { ...changes } });
    return updated;
  });
  if (!customer) throw new NotFoundError('Customer');
  return customer;
}
