import DataLoader from 'dataloader';
import { scopeAllows } from '@cc/core/roles';
import type { Db } from '@cc/db/database';
import { agentCustomerAccesses, agentWasInvolved, interactionForVisibility } from '@cc/db/repositories/interaction-visibility';
import type { ArchiveVisibility } from '@cc/db/repositories/archive';
import type { MediaObject } from '@cc/db/tables/media-objects';
import type { Principal } from '../context';

/**
 * Who may see what — the one place the rules live. GraphQL fields and subscriptions, file
 * downloads and exports all ask here.
 *
 * - Supervisors and admins see everything; API keys see what their scopes name.
 * - An agent sees an interaction they hold, were offered, or transferred on.
 * - An agent sees a customer, with the whole history, only while they hold (assigned or wrapping
 *   up) or are being offered one of that customer's interactions; once that ends, only the
 *   interactions they took part in (and the customer's name and identities through them).
 * - Web-chat visitors see only their own chat (checked by the visitor's own fields).
 * - A co-browse session: its agent while they hold the call, supervisors watching; the customer's
 *   token reaches only that session (mayWatchCobrowse, mayGuideCobrowse, mayActAsCobrowseCustomer).
 * - Blocked records (what the law keeps after an erasure): administrators only, with a stated reason
 *   (mayReadBlockedRecords); never supervisors, agents or API keys.
 */
export type CustomerAccess = 'all' | 'involved' | 'none';

interface InteractionRef {
  id: string;
  assigned_agent_id: string | null;
  transferred_from_id: string | null;
}

const isSupervisor = (p: Principal) => p.kind === 'user' && (p.role === 'supervisor' || p.role === 'admin');

export async function mayReadInteraction(db: Db, principal: Principal, interaction: InteractionRef): Promise<boolean> {
  if (principal.kind === 'apiKey') return scopeAllows(principal.scopes, 'interactions:read');
  if (principal.kind !== 'user') return false;
  if (isSupervisor(principal) || isAssignedTo(principal.userId, interaction)) return true;
  if (offeredToPrincipal.get(principal)?.has(interaction.id)) return true;
  return agentWasInvolved(db, interaction, principal.userId);
}

/**
 * Interactions a principal is known to have been offered, from offer rows already in hand (the
 * agent's `offers` subscription): an offer, whatever became of it, lets its agent see the
 * interaction (agentWasInvolved), so reading that again from the database would only repeat it.
 * Lives as long as the principal (one request or subscription).
 */
const offeredToPrincipal = new WeakMap<Principal, Set<string>>();

export function noteOfferSeen(principal: Principal, offer: { agent_id: string; interaction_id: string }): void {
  if (principal.kind !== 'user' || principal.userId !== offer.agent_id) return;
  let seen = offeredToPrincipal.get(principal);
  if (!seen) offeredToPrincipal.set(principal, (seen = new Set()));
  seen.add(offer.interaction_id);
}

/** False for an unknown id as well: callers answer "not found" or "forbidden" as suits them. */
export async function mayReadInteractionById(db: Db, principal: Principal, interactionId: string): Promise<boolean> {
  if (isSupervisor(principal)) return true;
  if (principal.kind === 'apiKey') return scopeAllows(principal.scopes, 'interactions:read');
  if (principal.kind !== 'user') return false;
  const interaction = await interactionForVisibility(db, interactionId);
  return !!interaction && mayReadInteraction(db, principal, interaction);
}

/**
 * Decisions per principal and customer, batched and memoised. A principal is made afresh for each
 * request (or subscription), so this lives exactly as long as one: the customers of a list asked
 * in the same tick are decided in one statement, and the Customer type's check and the timeline
 * asking again in the same request read the database once.
 */
const customerAccessLoaders = new WeakMap<Principal, DataLoader<string, CustomerAccess>>();

/** How much of a customer the principal may see (profile always with `involved`; history per rule above). */
export function customerAccess(db: Db, principal: Principal, customerId: string): Promise<CustomerAccess> {
  let loader = customerAccessLoaders.get(principal);
  if (!loader) customerAccessLoaders.set(principal, (loader = new DataLoader((ids) => decideCustomerAccess(db, principal, ids))));
  return loader.load(customerId);
}

async function decideCustomerAccess(db: Db, principal: Principal, customerIds: readonly string[]): Promise<CustomerAccess[]> {
  const all = (access: CustomerAccess) => customerIds.map(() => access);
  if (isSupervisor(principal)) return all('all');
  if (principal.kind === 'apiKey') return all(scopeAllows(principal.scopes, 'customers:read') ? 'all' : 'none');
  if (principal.kind !== 'user') return all('none');
  const accesses = await agentCustomerAccesses(db, customerIds, principal.userId);
  return customerIds.map((id) => {
    const access = accesses.get(id);
    return access === 'current' ? 'all' : access === 'past' ? 'involved' : 'none';
  });
}

/** The whole timeline of a customer (messages outside any interaction, every interaction's events). */
export async function mayReadWholeHistory(db: Db, principal: Principal, customerId: string): Promise<boolean> {
  if (principal.kind === 'apiKey') return scopeAllows(principal.scopes, 'interactions:read') && scopeAllows(principal.scopes, 'customers:read');
  return (await customerAccess(db, principal, customerId)) === 'all';
}

/** Lists of interactions: the agent whose involvement filters them, or undefined when the caller sees all. */
export function interactionListAgent(principal: Principal): string | undefined {
  return principal.kind === 'user' && principal.role === 'agent' ? principal.userId : undefined;
}

/**
 * What an archive search may return: supervisors, admins and keys with interactions:read search
 * everything; an agent only the interactions they took part in (held, were offered, transferred).
 * Null: nothing (visitors, co-browse customers, keys without the scope).
 */
export function archiveVisibility(principal: Principal): ArchiveVisibility | null {
  if (isSupervisor(principal)) return { kind: 'all' };
  if (principal.kind === 'apiKey') return scopeAllows(principal.scopes, 'interactions:read') ? { kind: 'all' } : null;
  if (principal.kind === 'user') return { kind: 'involved', agentId: principal.userId };
  return null;
}

/** Acting for the customer (reply, push, consent, hold): only the agent the interaction is assigned to. */
export function isAssignedAgent(principal: Principal, interaction: { assigned_agent_id: string | null }): boolean {
  return principal.kind === 'user' && isAssignedTo(principal.userId, interaction);
}

/** The same rule where a use case already knows the acting agent's id. */
export function isAssignedTo(agentId: string, interaction: { assigned_agent_id: string | null }): boolean {
  return interaction.assigned_agent_id === agentId;
}

interface CobrowseRef {
  id: string;
  agent_id: string | null;
  interaction_id: string | null;
}

/**
 * Watching a co-browse session (its events, its record): the agent who asked, while the call is
 * theirs, and supervisors (read-only). A share not yet bound to a call is nobody's to watch. The
 * customer's side is their own session only (see mayActAsCobrowseCustomer).
 */
export function mayWatchCobrowse(principal: Principal, session: CobrowseRef, interaction: { assigned_agent_id: string | null } | undefined): boolean {
  if (!session.interaction_id || !interaction) return false;
  if (isSupervisor(principal)) return true;
  return mayGuideCobrowse(principal, session, interaction);
}

/** Guiding (pointer, highlight, scroll, navigate), asking for a snapshot, ending: only the session's agent holding the call. */
export function mayGuideCobrowse(principal: Principal, session: CobrowseRef, interaction: { assigned_agent_id: string | null } | undefined): boolean {
  return principal.kind === 'user' && !!interaction && session.agent_id === principal.userId && interaction.assigned_agent_id === principal.userId;
}

/** The customer's widget, with the token of this very session. */
export function mayActAsCobrowseCustomer(principal: Principal, session: Pick<CobrowseRef, 'id'>): boolean {
  return principal.kind === 'cobrowseCustomer' && principal.sessionId === session.id;
}

/**
 * Whether a signed-in principal may download a stored file: whoever may read its interaction; any
 * user for a library document (agents push them); its uploader for a push upload not yet pushed;
 * otherwise (a file outside any interaction) supervisors and admins only.
 */
export async function mayReadMedia(db: Db, principal: Principal, media: Pick<MediaObject, 'kind' | 'interaction_id' | 'uploaded_by'>): Promise<boolean> {
  if (media.interaction_id && (await mayReadInteractionById(db, principal, media.interaction_id))) return true;
  if (principal.kind !== 'user') return false;
  if (media.kind === 'push_document') return true;
  if (media.kind === 'push_upload' && media.uploaded_by === principal.userId) return true;
  return !media.interaction_id && isSupervisor(principal);
}

/** Blocked records of erased customers (LOPDGDD art. 32): administrators only — never supervisors, agents or integrators. */
export function mayReadBlockedRecords(principal: Principal): boolean {
  return principal.kind === 'user' && principal.role === 'admin';
}
