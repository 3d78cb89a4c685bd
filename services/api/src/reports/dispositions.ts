import { saveDisposition as saveRow, setInteractionDisposition as setRow } from '@cc/db/repositories/dispositions';
import { getInteraction } from '@cc/db/repositories/interactions';
import type { Db } from '@cc/db/database';
import type { Interaction } from '@cc/db/tables/interactions';
import { InteractionStateError, InvalidRoutingSettingError, NotFoundError, NotYourInteractionError } from '../routing/errors';
import { UnknownDispositionError } from './errors';

export interface DispositionDeps {
  db: Db;
  clock: () => Date;
  /** Announces the changed interaction (its timeline gained the code). */
  interactionChanged: (interaction: Interaction) => Promise<void>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const codePattern = /^[A-Z0-9][A-Z0-9_.-]{0,39}$/;

/** Supervisors add a wrap-up code to a queue, relabel it, or retire / restore it. */
export async function saveDisposition(deps: Pick<DispositionDeps, 'db'>, input: { queueId: string; code: string; label: string; active: boolean }) {
  const code = input.code.trim().toUpperCase();
  const label = input.label.trim();
  if (!codePattern.test(code)) throw new InvalidRoutingSettingError('A wrap-up code is 1–40 letters, digits, "_", "." or "-", e.g. SALE or NO_ANSWER.');
  if (label.length === 0 || label.length > 100) throw new InvalidRoutingSettingError('Give the wrap-up code a label of 1–100 characters.');
  const r = await saveRow(deps.db, { queueId: input.queueId, code, label, active: input.active });
  if (!r.ok) throw new NotFoundError('Queue');
  return r.disposition;
}

/** The agent records the interaction's wrap-up code (while handling it, in wrap-up, or after it ended). */
export async function setInteractionDisposition(deps: DispositionDeps, input: { interactionId: string; dispositionId: string; agentId: string }) {
  const dispositionId = uuid.test(input.dispositionId) ? input.dispositionId : null;
  const r = await setRow(deps.db, { ...input, dispositionId, now: deps.clock() });
  if (!r.ok) {
    if (r.reason === 'not_found') throw new NotFoundError('Interaction');
    if (r.reason === 'not_yours') throw new NotYourInteractionError();
    if (r.reason === 'no_such_disposition') throw new UnknownDispositionError();
    const current = await getInteraction(deps.db, input.interactionId);
    throw new InteractionStateError(current?.status ?? 'unknown', 'given a wrap-up code');
  }
  await deps.interactionChanged(r.interaction);
  return r.interaction;
}
