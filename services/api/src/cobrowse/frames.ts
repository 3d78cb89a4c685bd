/**
 * What the agent's live socket (http/cobrowse-socket.ts) sends, one JSON text per message. A
 * batch's frame is built once, where the widget's batch is let through, from the events as the API
 * serialised them while checking them: it crosses pub/sub (Redis too) as a string and reaches
 * every watching socket unparsed.
 */
export type AgentFrame =
  | { kind: 'EVENTS'; seq: number; url: string | null; events: unknown[] }
  | { kind: 'STATUS'; seq: number };

export const eventsFrame = (seq: number, url: string | null, eventsJson: string): string => `{"kind":"EVENTS","seq":${seq},"url":${JSON.stringify(url)},"events":${eventsJson}}`;
export const statusFrame = (seq: number): string => JSON.stringify({ kind: 'STATUS', seq } satisfies AgentFrame);
