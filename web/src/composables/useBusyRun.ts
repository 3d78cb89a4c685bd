import { ref } from 'vue';

/**
 * A busy flag around a view's mutations (buttons disable while one runs); after one that
 * succeeded, `refresh` reloads what it changed.
 */
export function useBusyRun(refresh: () => void) {
  const busy = ref(false);
  async function run<T extends { ok: boolean }>(work: () => Promise<T>): Promise<T> {
    busy.value = true;
    try {
      const result = await work();
      if (result.ok) refresh();
      return result;
    } finally {
      busy.value = false;
    }
  }
  return { busy, run };
}
