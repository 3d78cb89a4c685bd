import type { Store } from './types';

/** Nothing survives the process: for unit tests and throwaway servers. */
export function createMemoryStore(): Store {
  return {
    durable: false,
    healthy: () => true,
    load: async () => [],
    loadSchedules: async () => [],
    save: async () => {},
    close: async () => {},
  };
}
