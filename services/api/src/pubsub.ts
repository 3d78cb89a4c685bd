import { createPubSub, type PubSub } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';

/**
 * Live events behind GraphQL subscriptions. Keys scope a topic (an agent's offers, one
 * interaction); payloads are plain JSON so they cross Redis unchanged.
 */
export type Topics = {
  /** Offers made to one agent, and their outcome. */
  offers: [agentId: string, payload: Record<string, unknown>];
  /** Any change to one interaction (status, messages, pushes). */
  interactionUpdated: [interactionId: string, payload: Record<string, unknown>];
  /** An in-call push changed (status, link opened, fallback), keyed by its interaction. */
  pushUpdated: [interactionId: string, payload: Record<string, unknown>];
  /** One web chat visitor's live events (`siteId:visitorId`): a message in or out, agent typing, chat ended. */
  visitorChat: [visitorKey: string, payload: Record<string, unknown>];
  /** The visitor is typing in a chat (for the agent's console). */
  chatTyping: [interactionId: string, payload: Record<string, unknown>];
  /** A queue's live figures changed. */
  queueStats: [payload: Record<string, unknown>];
  /** An agent's presence, load or routing profile changed (`{ agentId }`), for supervisors' agent list. */
  agentsUpdated: [payload: Record<string, unknown>];
  /** A push changed status, a link was opened or a push was refused: the push figures moved. */
  pushFiguresUpdated: [payload: Record<string, unknown>];
};

export type AppPubSub = PubSub<Topics>;

export interface PubSubHandle {
  pubsub: AppPubSub;
  /** `redis` or `in-process`, for the start-up banner and health. */
  transport: 'redis' | 'in-process';
  close(): Promise<void>;
}

/**
 * With `redisUrl`, events fan out through Redis to every API replica and worker; without it they
 * stay in this process (a single `npm start` runs API and worker together, so that is enough).
 */
export function createAppPubSub(redisUrl?: string): PubSubHandle {
  if (!redisUrl) return { pubsub: createPubSub<Topics>(), transport: 'in-process', close: async () => {} };
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<Topics>({ eventTarget }),
    transport: 'redis',
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
