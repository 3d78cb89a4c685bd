/** Twilio's webhook parameters: form fields, each sent once. */
export type TwilioParams = Record<string, string>;

export type FormResult = { ok: true; params: TwilioParams } | { ok: false; reason: string };

/** Parses an `application/x-www-form-urlencoded` body; a repeated field is refused (Twilio never repeats one). */
export function parseTwilioForm(body: string): FormResult {
  const params: TwilioParams = Object.create(null);
  let search: URLSearchParams;
  try {
    // URLSearchParams replaces bad percent-escapes silently; Twilio never sends them.
    decodeURIComponent(body.replace(/\+/g, ' '));
    search = new URLSearchParams(body);
  } catch {
    return { ok: false, reason: 'the body is not valid form encoding' };
  }
  for (const [key, value] of search) {
    if (key in params) return { ok: false, reason: `parameter ${key} is repeated` };
    params[key] = value;
  }
  return { ok: true, params: { ...params } };
}

/** One clear sentence for the first invalid parameter. */
export function describeIssue(issues: readonly { path: PropertyKey[]; message: string }[], params: TwilioParams): string {
  const issue = issues[0];
  if (!issue) return 'invalid parameters';
  const name = issue.path.map(String).join('.');
  if (params[name] === undefined) return `${name} is required`;
  return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
}
