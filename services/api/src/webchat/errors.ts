import { DomainError } from '@cc/core/errors';
import type { ChatRefusal } from './chat';

/* Refusals of web chat actions; registered as GraphQL types in schema/webchat-visitor.ts. */

export class UnknownChatSiteError extends DomainError {
  constructor() {
    super('UNKNOWN_CHAT_SITE', 'No chat is set up for this site key; check the widget’s data-site attribute.');
  }
}
export class OriginNotAllowedError extends DomainError {
  constructor(origin: string | null) {
    super('ORIGIN_NOT_ALLOWED', origin ? `The chat of this site may not run on ${origin}.` : 'The chat runs only in a web page: the request carried no Origin.');
  }
}
export class ChatMessageRefusedError extends DomainError {
  constructor(readonly reason: ChatRefusal) {
    super(
      'CHAT_MESSAGE_REFUSED',
      {
        empty: 'The message is empty.',
        too_long: 'The message is too long.',
        no_site: 'This chat site no longer exists.',
        no_queue: 'The chat cannot be routed right now; try again later.',
        email_not_configured: 'Leaving an email is not available on this server.',
        no_chat: 'There is no open chat.',
      }[reason],
    );
  }
}
export class VisitorTokenInvalidError extends DomainError {
  constructor() {
    super('VISITOR_TOKEN_INVALID', 'This chat session is invalid or has expired; start without it.');
  }
}
