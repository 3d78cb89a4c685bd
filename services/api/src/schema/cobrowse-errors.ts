import { builder } from '../builder';
import {
  CobrowseCodeInvalidError,
  CobrowseEventsRefusedError,
  CobrowseGuidanceIncompleteError,
  CobrowseInviteInvalidError,
  CobrowseNavigationNotAllowedError,
  CobrowseSiteNotFoundError,
  CobrowseStateError,
} from '../cobrowse/errors';
import { ErrorInterface } from './errors';

// Registers the co-browse domain's refusals as GraphQL types — nothing else.
const descriptions: Record<string, string> = {
  // One answer for mistyped, used and expired codes, so it does not help guess codes.
  CobrowseCodeInvalidError: 'The 6-digit code matches no page waiting to be shared: mistyped, used already or expired. Ask the caller to read it again or share again for a new code.',
  CobrowseInviteInvalidError: 'The co-browse invitation expired or its session ended; the agent must send a new one.',
  CobrowseGuidanceIncompleteError: 'The guidance lacks what its kind needs (a selector, a point or a URL); nothing was sent.',
};
for (const cls of [CobrowseCodeInvalidError, CobrowseInviteInvalidError, CobrowseGuidanceIncompleteError] as const) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description: descriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}
builder.objectType(CobrowseStateError, {
  name: 'CobrowseStateError',
  description: 'The co-browse session’s status does not allow this now (e.g. guidance before the customer consented, or after it ended).',
  interfaces: [ErrorInterface],
  fields: (t) => ({ status: t.exposeString('status', { description: 'The session’s status now, in lower case (invited, waiting_for_agent, pending_consent, active, ended).' }) }),
});
builder.objectType(CobrowseSiteNotFoundError, {
  name: 'CobrowseSiteNotFoundError',
  description: 'No chat site has this key or allows pages on this origin; co-browse runs only on a chat site’s allowed origins.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ origin: t.exposeString('origin', { nullable: true, description: 'The page’s Origin as received; null when the request carried none.' }) }),
});
builder.objectType(CobrowseNavigationNotAllowedError, {
  name: 'CobrowseNavigationNotAllowedError',
  description: 'NAVIGATE may only send the customer to pages of the shared site or of the allowed link domains (PUSH_LINK_DOMAINS), over https.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ host: t.exposeString('host', { nullable: true, description: 'The refused host; null when the URL could not be read at all.' }) }),
});
builder.objectType(CobrowseEventsRefusedError, {
  name: 'CobrowseEventsRefusedError',
  description: 'The batch was refused, nothing delivered: reason NOT_A_LIST, TOO_MANY_EVENTS, EVENT_TOO_LARGE, CANVAS or SESSION_LIMIT (the session ended).',
  interfaces: [ErrorInterface],
  fields: (t) => ({ reason: t.string({ description: 'Why: NOT_A_LIST, TOO_MANY_EVENTS, EVENT_TOO_LARGE, CANVAS or SESSION_LIMIT.', resolve: (e) => e.reason.toUpperCase() }) }),
});

/** The refusals of co-browse operations (each mutation lists these beside its own). */
export const cobrowseErrors = [CobrowseCodeInvalidError, CobrowseInviteInvalidError, CobrowseStateError, CobrowseSiteNotFoundError, CobrowseNavigationNotAllowedError, CobrowseEventsRefusedError] as const;
