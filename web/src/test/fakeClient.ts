// Test support: a real urql Client whose only exchange answers operations in-process, so
// components run their real GraphQL code paths without a server. Queries and mutations get
// `respond`'s answer; subscriptions stay open until the test `push`es events to them.
import {
  Client,
  makeErrorResult,
  makeResult,
  type Exchange,
  type Operation,
  type OperationResult,
} from '@urql/core';
import { getOperationAST } from 'graphql';
import { filter, fromPromise, make, mergeMap, pipe, share, takeUntil } from 'wonka';

export type FakeResponse = { data: Record<string, unknown> | null } | { networkError: Error };

/** The operation's name, e.g. "AcceptOffer". */
export function operationName(operation: Operation): string {
  return getOperationAST(operation.query)?.name?.value ?? '';
}

export function createFakeClient(respond: (operation: Operation) => FakeResponse | Promise<FakeResponse>) {
  const operations: Operation[] = [];
  const live = new Set<{ operation: Operation; next: (result: OperationResult) => void }>();

  const exchange: Exchange = () => (ops$) => {
    const shared$ = share(ops$);
    return pipe(
      shared$,
      filter((operation) => operation.kind !== 'teardown'),
      mergeMap((operation) => {
        operations.push(operation);
        const teardown$ = pipe(shared$, filter((op) => op.kind === 'teardown' && op.key === operation.key));
        if (operation.kind === 'subscription') {
          return pipe(
            make<OperationResult>((observer) => {
              const entry = { operation, next: observer.next };
              live.add(entry);
              return () => live.delete(entry);
            }),
            takeUntil(teardown$),
          );
        }
        const result = Promise.resolve(respond(operation)).then(
          (response): OperationResult =>
            'networkError' in response
              ? makeErrorResult(operation, response.networkError)
              : makeResult(operation, { data: response.data }),
        );
        return pipe(fromPromise(result), takeUntil(teardown$));
      }),
    );
  };

  /** Sends `data` to every open subscription named `name` (optionally only those whose variables match). */
  function push(name: string, data: Record<string, unknown>, variables?: (vars: Record<string, unknown>) => boolean): number {
    let sent = 0;
    for (const entry of [...live]) {
      if (operationName(entry.operation) !== name) continue;
      if (variables && !variables((entry.operation.variables ?? {}) as Record<string, unknown>)) continue;
      entry.next(makeResult(entry.operation, { data }));
      sent += 1;
    }
    return sent;
  }

  return {
    client: new Client({ url: '/graphql', exchanges: [exchange] }),
    operations,
    push,
    /** Names of the subscriptions open now. */
    openSubscriptions: () => [...live].map((e) => operationName(e.operation)),
  };
}
