import { builder } from '../builder';
import { ChatMessageRefusedError, OriginNotAllowedError, UnknownChatSiteError } from '../webchat/errors';
import { ErrorInterface } from './errors';

// The web chat domain's refusals (webchat/errors.ts) as GraphQL error types, named by class.
for (const cls of [UnknownChatSiteError, OriginNotAllowedError, ChatMessageRefusedError] as const) {
  builder.objectType(cls as unknown as typeof Error, { name: cls.name, interfaces: [ErrorInterface], fields: () => ({}) });
}
