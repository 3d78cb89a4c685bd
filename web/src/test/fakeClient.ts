// Test support: a real urql Client whose only exchange answers operations in-process, so
// components run their real GraphQL code paths without a server.
import {
  Client,
  makeErrorResult,
  makeResult,
  type Exchange,
  type Operation,
  type OperationResult,
} from '@urql/core';
import { filter, fromPromise, mergeMap, pipe } from 'wonka';

export type FakeResponse = { data: Record<string, unknown> | null } | { networkError: Error };

export function createFakeClient(respond: (operation: Operation) => FakeResponse | Promise<FakeResponse>) {
  const operations: Operation[] = [];

  const exchange: Exchange = () => (operations$) =>
    pipe(
      operations$,
      filter((operation) => operation.kind !== 'teardown'),
      mergeMap((operation) => {
        operations.push(operation);
        const result = Promise.resolve(respond(operation)).then(
          (response): OperationResult =>
            'networkError' in response
              ? makeErrorResult(operation, response.networkError)
              : makeResult(operation, { data: response.data }),
        );
        return fromPromise(result);
      }),
    );

  return { client: new Client({ url: '/graphql', exchanges: [exchange] }), operations };
}
