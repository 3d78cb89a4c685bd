import { builder } from '../builder';
import { ChatMessageRefusedError, OriginNotAllowedError, UnknownChatSiteError } from '../webchat/errors';
import { ErrorInterface } from './errors';

// The web chat domain's refusals (webchat/errors.ts) as GraphQL error types, named by class.
const descriptions: Record<string, string> = {
  UnknownChatSiteError: 'No chat site has this site key (the widget’s data-site attribute); nothing was started.',
  OriginNotAllowedError: 'The page’s Origin is not among the chat site’s allowed origins (or the request carried none); nothing was started.',
  ChatMessageRefusedError: 'The chat message or email was refused, nothing sent: empty, too long, the site or its queue is gone, email is not configured, or there is no open chat (the message says which).',
};
for (const cls of [UnknownChatSiteError, OriginNotAllowedError, ChatMessageRefusedError] as const) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, description: descriptions[cls.name], interfaces: [ErrorInterface], fields: () => ({}) });
}
