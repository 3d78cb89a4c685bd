import type { CombinedError } from '@urql/core';
import { useI18n } from 'vue-i18n';

/** A mutation's answer as the console shows it: done, or the reason in words to put in place. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

interface MutationAnswer<D> {
  data?: D;
  error?: CombinedError;
}

/**
 * Turns a result-union mutation answer into an outcome: the success member when `__typename`
 * matches, otherwise the server's own reason (`Error.message`), or our words for a network or
 * unexpected failure.
 */
export function useRefusal() {
  const { t } = useI18n();
  return function outcome<D, K extends keyof D, S extends string>(
    answer: MutationAnswer<D>,
    field: K,
    success: S,
  ): Outcome<Extract<D[K], { __typename: S }>> {
    if (answer.error) {
      if (answer.error.networkError) return { ok: false, message: t('errors.network') };
      const first = answer.error.graphQLErrors[0];
      if (first?.extensions?.code === 'FORBIDDEN') return { ok: false, message: t('errors.forbidden') };
      return { ok: false, message: first?.message || t('errors.unexpected') };
    }
    const payload = answer.data?.[field] as { __typename?: string; message?: string } | undefined;
    if (payload?.__typename === success) return { ok: true, value: payload as Extract<D[K], { __typename: S }> };
    return { ok: false, message: payload?.message || t('errors.unexpected') };
  };
}
