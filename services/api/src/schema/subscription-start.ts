import { Repeater } from 'graphql-yoga';

/**
 * A live view that starts from the present: the payloads `current()` returns first, then the
 * events of `live`. Payloads only name what changed (a queue, an agent, an offer) and each
 * resolves to that thing as it is when sent, so a subscriber needs no separate query to start.
 *
 * `live` is listened to before `current()` runs, so a change made in between is not lost (at
 * worst its thing is sent twice, both times as it is now). Authorization stays with the caller,
 * who checks before calling this: nothing is read or sent for a refused subscription.
 */
export function startingWith<T>(current: () => Promise<readonly T[]>, live: AsyncIterable<T>): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
    const events = live[Symbol.asyncIterator]();
    // The first pull starts the pub/sub listener (yoga's Repeater runs its executor on it).
    const first = events.next();
    // Ending the source settles its pending pull, which ends the loop below.
    void stop.then(() => events.return?.());
    try {
      for (const payload of await current()) await push(payload);
      for (let r = await first; !r.done; r = await events.next()) await push(r.value);
    } finally {
      stop();
    }
  });
}
