/** `{{1}}`, `{{ name }}`: the placeholders of a WhatsApp (Content API) template body. */
const placeholder = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * The values a template asks for, each once: its body's placeholders in reading order, then any
 * variable Twilio lists that the body does not show. Numeric keys sort as numbers.
 */
export function templateKeys(template: { body: string | null; variables: readonly { key: string }[] }): string[] {
  const inBody = [...(template.body?.matchAll(placeholder) ?? [])].map((m) => m[1]!);
  const listed = template.variables.map((v) => v.key).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return [...new Set([...inBody, ...listed])];
}

/**
 * The placeholder a push fills with what it carries (tracked link, file, map pin): the
 * highest-numbered one, as the server picks it (templates put the link last by convention).
 */
export function contentSlot(template: { body: string | null; variables: readonly { key: string }[] }): string | null {
  const keys = templateKeys(template).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return keys.at(-1) ?? null;
}

/** The body as the customer will read it; placeholders still empty stay as written. */
export function renderTemplate(body: string | null, values: Record<string, string>): string {
  return (body ?? '').replace(placeholder, (whole, key: string) => values[key]?.trim() || whole);
}

/** An approved template and its placeholder values, as sendWhatsAppMessage takes them. */
export interface TemplateChoice {
  contentSid: string;
  variables: { key: string; value: string }[];
}
