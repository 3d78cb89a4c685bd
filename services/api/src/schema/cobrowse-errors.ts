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
for (const cls of [CobrowseCodeInvalidError, CobrowseInviteInvalidError, CobrowseGuidanceIncompleteError] as const) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, interfaces: [ErrorInterface], fields: () => ({}) });
}
builder.objectType(CobrowseStateError, { name: 'CobrowseStateError', interfaces: [ErrorInterface], fields: (t) => ({ status: t.exposeString('status') }) });
builder.objectType(CobrowseSiteNotFoundError, { name: 'CobrowseSiteNotFoundError', interfaces: [ErrorInterface], fields: (t) => ({ origin: t.exposeString('origin', { nullable: true }) }) });
builder.objectType(CobrowseNavigationNotAllowedError, { name: 'CobrowseNavigationNotAllowedError', interfaces: [ErrorInterface], fields: (t) => ({ host: t.exposeString('host', { nullable: true }) }) });
builder.objectType(CobrowseEventsRefusedError, {
  name: 'CobrowseEventsRefusedError',
  description: 'The batch was refused, nothing delivered: reason NOT_A_LIST, TOO_MANY_EVENTS, EVENT_TOO_LARGE, CANVAS or SESSION_LIMIT (the session ended).',
  interfaces: [ErrorInterface],
  fields: (t) => ({ reason: t.string({ resolve: (e) => e.reason.toUpperCase() }) }),
});

/** The refusals of co-browse operations (each mutation lists these beside its own). */
export const cobrowseErrors = [CobrowseCodeInvalidError, CobrowseInviteInvalidError, CobrowseStateError, CobrowseSiteNotFoundError, CobrowseNavigationNotAllowedError, CobrowseEventsRefusedError] as const;
