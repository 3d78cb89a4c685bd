import type { Rule } from './operations';

/** Whether `url` matches a glob (`*` = any run of characters); null matches every page. */
export function urlMatches(pattern: string | null, url: string): boolean {
  if (!pattern) return true;
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(url);
}

/** The first rule whose every condition holds now. */
export function dueRule(rules: readonly Rule[], now: { url: string; visits: number; secondsOnPage: number; idleSeconds: number }, tried: ReadonlySet<string>): Rule | null {
  return (
    rules.find(
      (r) =>
        !tried.has(r.id) &&
        urlMatches(r.urlPattern, now.url) &&
        now.visits >= (r.minVisits ?? 1) &&
        now.secondsOnPage >= (r.minSecondsOnPage ?? 0) &&
        now.idleSeconds >= (r.minIdleSeconds ?? 0),
    ) ?? null
  );
}
