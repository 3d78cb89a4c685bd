/** Placeholders in a Content API template body: `{{1}}`, `{{ name }}`. */
const placeholder = /\{\{\s*(\w+)\s*\}\}/g;

/** The placeholder keys a template body uses, each once, in the order a reader meets them. */
export function templatePlaceholders(body: string | null): string[] {
  return [...new Set([...(body?.matchAll(placeholder) ?? [])].map((m) => m[1]!))];
}

/** The body as the customer reads it: each placeholder replaced by its value (unknown ones left as written). */
export function renderTemplate(body: string | null, variables: Record<string, string>): string | null {
  return body?.replace(placeholder, (whole, key: string) => variables[key] ?? whole) ?? null;
}

/** The placeholders of `body` without a non-blank value: WhatsApp rejects a template with an empty parameter. */
export function missingTemplateVariables(body: string | null, variables: Record<string, string>): string[] {
  return templatePlaceholders(body).filter((key) => !variables[key]?.trim());
}
