import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { InvalidIdentityError } from './errors';
import { normalizePhone } from './phone';

export const identityKinds = ['phone', 'whatsapp', 'email', 'webchat'] as const;
export type IdentityKind = (typeof identityKinds)[number];

/** Phone and WhatsApp identities of one E.164 number belong to the same person. */
export const phoneLikeKinds: readonly IdentityKind[] = ['phone', 'whatsapp'];

const email = z.email();

/**
 * The canonical value stored for an identity: E.164 for phone and WhatsApp (a `whatsapp:` prefix,
 * as Twilio sends it, is accepted), lower-cased address for email, the opaque visitor id for web chat.
 */
export function normalizeIdentity(kind: IdentityKind, input: string, region?: CountryCode): string {
  const raw = input.trim();
  switch (kind) {
    case 'phone':
      return normalizePhone(raw, region);
    case 'whatsapp':
      return normalizePhone(raw.replace(/^whatsapp:/i, ''), region);
    case 'email': {
      const lowered = raw.toLowerCase();
      if (!email.safeParse(lowered).success) throw new InvalidIdentityError(kind, input, 'not an email address');
      return lowered;
    }
    case 'webchat':
      if (!/^[A-Za-z0-9_-]{8,128}$/.test(raw)) {
        throw new InvalidIdentityError(kind, input, 'visitor ids are 8–128 letters, digits, _ or -');
      }
      return raw;
  }
}
