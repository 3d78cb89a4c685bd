import { DomainError } from '@cc/core/errors';

/* Co-browse refusals: each says what happened and what to do. Registered as GraphQL types in schema/cobrowse-errors.ts. */

export class CobrowseCodeInvalidError extends DomainError {
  constructor() {
    // One answer for mistyped, used and expired codes: the answer must not help guess codes.
    super('COBROWSE_CODE_INVALID', 'This code does not match a page waiting to be shared: it may be mistyped, used already or expired. Ask the customer to read it again, or to share the page again for a new code.');
  }
}

export class CobrowseInviteInvalidError extends DomainError {
  constructor() {
    super('COBROWSE_INVITE_INVALID', 'This co-browse invitation is not valid any more (expired, or the session ended); ask the agent to send a new one.');
  }
}

export class CobrowseStateError extends DomainError {
  constructor(
    readonly status: string,
    action: string,
  ) {
    super('COBROWSE_STATE', `This co-browse session is ${status.replace('_', ' ')}; it cannot be ${action} now.`);
  }
}

export class CobrowseSiteNotFoundError extends DomainError {
  constructor(readonly origin: string | null) {
    super('COBROWSE_SITE_NOT_FOUND', origin ? `No chat site allows pages on ${origin}: add the origin to a chat site (the co-browse widget runs with the chat widget).` : 'No chat site has this key; check the widget’s data-site attribute.');
  }
}

export type CobrowseEventsRefusal = 'not_a_list' | 'too_many_events' | 'event_too_large' | 'canvas' | 'session_limit';

export class CobrowseEventsRefusedError extends DomainError {
  constructor(
    readonly reason: CobrowseEventsRefusal,
    detail: string,
  ) {
    super('COBROWSE_EVENTS_REFUSED', 
      {
        not_a_list: `These are not rrweb events (${detail}).`,
        too_many_events: `Too many events in one batch (${detail}); send them in smaller batches.`,
        event_too_large: `An event is too large to share (${detail}); large pages are refused rather than cut.`,
        canvas: 'Canvas recording is never shared: turn recordCanvas off.',
        session_limit: `This session sent all the data it may (${detail}); it has ended.`,
      }[reason],
    );
  }
}

export class CobrowseNavigationNotAllowedError extends DomainError {
  constructor(readonly host: string | null) {
    super('COBROWSE_NAVIGATION_NOT_ALLOWED', host ? `The customer can only be sent to pages of this site or of the allowed link domains, not ${host}.` : 'That is not a web address (https://…).');
  }
}

export class CobrowseGuidanceIncompleteError extends DomainError {
  constructor(kind: string, needs: string) {
    super('COBROWSE_GUIDANCE_INCOMPLETE', `${kind} needs ${needs}.`);
  }
}
