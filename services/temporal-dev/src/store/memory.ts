import type { Store } from './types';

/** Nothing survives the process: for unit tests and throwaway servers. */
export function createMemoryStore(): Store {
  return {
    durable: false,
    load: async () => [],
    save: async () => {},
    close: async () => {},
  };
}
