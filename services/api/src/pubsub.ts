import { createPubSub, type PubSub } from 'graphql-yoga';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { watchRedis } from './redis-watch';
import { logger } from '@cc/core/logger';
import type { OfferEvent } from './routing/offer-events';

/**
 * Live events behind GraphQL subscriptions. Keys scope a topic (an agent's offers, one
 * interaction); payloads are plain JSON so they cross Redis unchanged.
 */
export type Topics = {
  /** Offers made to one agent, and their outcome. */
  offers: [agentId: string, payload: OfferEvent];
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
  /** To the agent (and watching supervisors) of one co-browse session: event batches in order, status changes. */
  cobrowseAgent: [sessionId: string, payload: Record<string, unknown>];
  /** To the customer's widget of one co-browse session: join request, guidance, snapshot request, end. */
  cobrowseCustomer: [sessionId: string, payload: Record<string, unknown>];
  /**
   * A co-browse session's status changed (`{ sessionId }`): replicas counting its batches read it
   * again; or a replica took the lease to count them (`leasedTo`: that replica), see cobrowse/ledger.ts.
   */
  cobrowseSessionChanged: [payload: { sessionId: string; leasedTo?: string }];
  /** A campaign's status or figures changed (`{ campaignId }`), keyed by the campaign. */
  campaignUpdated: [campaignId: string, payload: { campaignId: string }];
};

export type AppPubSub = PubSub<Topics>;

export interface PubSubHandle {
  pubsub: AppPubSub;
  /** `redis` or `in-process`, for the start-up banner and health. */
  transport: 'redis' | 'in-process';
  /** Whether Redis answers now (`not-configured` in-process), for `/ready`. */
  redisState(): 'up' | 'down' | 'not-configured';
  close(): Promise<void>;
}

type Log = (line: string) => void;
type AppEventTarget = NonNullable<NonNullable<Parameters<typeof createPubSub<Topics>>[0]>['eventTarget']>;
const defaultLog: Log = (line) => logger({ component: 'pubsub' }).warn(line);

/**
 * With `redisUrl`, events fan out through Redis to every API replica and worker; without it they
 * stay in this process (a single `npm start` runs API and worker together, so that is enough).
 * Losing Redis degrades fan-out to this process; it never fails a publish or a subscription.
 */
export function createAppPubSub(redisUrl?: string, log: Log = defaultLog): PubSubHandle {
  if (!redisUrl) return { pubsub: createPubSub<Topics>(), transport: 'in-process', redisState: () => 'not-configured', close: async () => {} };
  // Publishes fail at once while Redis is away (this process then delivers them itself) rather
  // than queue up behind a reconnect nobody waits for. The publishes of one event loop turn go in
  // one write (an arrival announces four: offer, interaction, queue figures, agent load).
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, enableAutoPipelining: true });
  // SUBSCRIBE/UNSUBSCRIBE wait for the connection: ioredis replays them (and every channel already
  // subscribed) when Redis returns, which resumes fan-out.
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const eventTarget = createResilientRedisEventTarget(publishClient, subscribeClient, log);
  return {
    pubsub: createPubSub<Topics>({ eventTarget }),
    transport: 'redis',
    redisState: () => (publishClient.status === 'ready' && subscribeClient.status === 'ready' ? 'up' : 'down'),
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

/**
 * `@graphql-yoga/redis-event-target`'s model (its target leaves SUBSCRIBE and PUBLISH promises
 * unhandled, which ends the process when Redis goes away) — one Redis channel per topic, JSON
 * payloads — except that this process's own subscribers hear what it publishes at once, not after
 * a round trip through Redis (a co-browse batch reaches an agent on the same replica without it;
 * one SUBSCRIBE not yet acknowledged misses nothing; Redis away, agents here keep getting offers):
 * the echo Redis carries back is recognised by the event's id and dropped. Redis fans out to the
 * other replicas and workers. No call here ever rejects unhandled.
 */
/** A published message starts `{"i":"<event id>"` (a UUID, 36 characters). */
const idPrefix = '{"i":"';
const idLength = 36;

function createResilientRedisEventTarget(publishClient: Redis, subscribeClient: Redis, log: Log): AppEventTarget {
  watchRedis(publishClient, 'publish', log);
  watchRedis(subscribeClient, 'subscribe', log);
  const listeners = new Map<string, Set<EventListener>>();
  /** Ids of events this process published (and delivered here), so their echo through Redis is dropped. */
  const deliveredHere = new Map<string, true>();
  const deliverLocally = (topic: string, detail: unknown) => {
    for (const callback of [...(listeners.get(topic) ?? [])]) callback(new CustomEvent(topic, { detail }));
  };
  const rememberDelivered = (id: string) => {
    deliveredHere.set(id, true);
    if (deliveredHere.size > 10_000) deliveredHere.delete(deliveredHere.keys().next().value!);
  };
  subscribeClient.on('message', (channel: string, message: string) => {
    // Our own echo is told by its id, which leads the message (see dispatchEvent), unparsed.
    if (message.startsWith(idPrefix) && deliveredHere.delete(message.slice(idPrefix.length, idPrefix.length + idLength))) return;
    const { i: id, d: detail } = JSON.parse(message) as { i: string; d: unknown };
    if (deliveredHere.delete(id)) return;
    deliverLocally(channel, detail);
  });
  const listenerOf = (l: EventListener | EventListenerObject | null) => (l && 'handleEvent' in l ? l.handleEvent.bind(l) : l);
  return {
    addEventListener(topic: string, l: EventListener | EventListenerObject | null) {
      const callback = listenerOf(l);
      if (!callback) return;
      let set = listeners.get(topic);
      if (!set) {
        listeners.set(topic, (set = new Set()));
        subscribeClient.subscribe(topic).catch((e: Error) => log(`redis subscribe ${topic} failed: ${e.message}`));
      }
      set.add(callback);
    },
    removeEventListener(topic: string, l: EventListener | EventListenerObject | null) {
      const callback = listenerOf(l);
      const set = listeners.get(topic);
      if (!callback || !set) return;
      set.delete(callback);
      if (set.size > 0) return;
      listeners.delete(topic);
      subscribeClient.unsubscribe(topic).catch((e: Error) => log(`redis unsubscribe ${topic} failed: ${e.message}`));
    },
    dispatchEvent(event: CustomEvent) {
      const topic = event.type;
      const detail: unknown = event.detail ?? null;
      const id = randomUUID();
      const here = listeners.has(topic);
      if (here) {
        rememberDelivered(id);
        deliverLocally(topic, detail);
      }
      // To the other processes once this one's subscribers have been written to (they run on in
      // microtasks): serialising and the write to Redis do not delay them. In order (FIFO).
      setImmediate(() => {
        if (publishClient.status !== 'ready') return void (here && deliveredHere.delete(id));
        publishClient.publish(topic, JSON.stringify({ i: id, d: detail })).catch(() => {
          if (here) deliveredHere.delete(id);
        });
      });
      return true;
    },
  };
}
