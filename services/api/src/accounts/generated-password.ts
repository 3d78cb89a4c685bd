import { randomBytes } from 'node:crypto';

/**
 * A password an administrator hands to a user (new account, reset): 16 URL-safe characters from
 * 96 random bits, over the 12-character minimum. Shown once; only its argon2 hash is stored.
 */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
