import type { ServerResponse } from 'node:http';
import { authenticate, type ApiServices, type Principal } from '../context';
import { replyText } from '../webhooks/http';

/** Someone identified: a user or an API key (never the anonymous principal). */
export type SignedInCaller = Exclude<Principal, { kind: 'anonymous' }>;

/**
 * The caller of a plain HTTP route (files, CSV, transcripts): bearer token, API key or the
 * console's cookie. A missing or invalid credential answers 401 with `message` and gives null;
 * whether the caller may read the thing is the route's own question (403 or 404).
 */
export async function signedInCaller(services: ApiServices, headers: Headers, res: ServerResponse, message: string): Promise<SignedInCaller | null> {
  const principal = await authenticate(services, headers).catch(() => null);
  if (principal && principal.kind !== 'anonymous') return principal;
  replyText(res, 401, message, { 'www-authenticate': 'Bearer' });
  return null;
}
