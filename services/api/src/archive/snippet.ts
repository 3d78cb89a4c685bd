import { snippetStart, snippetStop } from '@cc/db/repositories/archive';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML (element content or a quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/**
 * A search snippet as HTML: everything the customer or agent wrote escaped, and only the matches
 * (between the database's marks) wrapped in <mark>. The marks are control characters stripped from
 * the text before highlighting, so no written text can open or close a <mark>.
 */
export function snippetHtml(snippet: string): string {
  return snippet
    .split(snippetStart)
    .map((part, i) => {
      if (i === 0) return escapeHtml(part.replaceAll(snippetStop, ''));
      const [match = '', ...rest] = part.split(snippetStop);
      return `<mark>${escapeHtml(match)}</mark>${escapeHtml(rest.join(''))}`;
    })
    .join('');
}
