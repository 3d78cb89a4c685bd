/**
 * A chat message as stored: plain text, never markup. Control characters (except newlines and
 * tabs) are dropped and line endings unified; HTML stays literal text for the console to show as
 * text. Null when nothing is left.
 */
export function normalizeChatText(raw: string): string | null {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .trim();
  return text || null;
}

/** Whether `url` matches a trigger's glob (`*` = any run of characters); null matches every page. */
export function urlMatches(pattern: string | null, url: string): boolean {
  if (!pattern) return true;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(url);
}
