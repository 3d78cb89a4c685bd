import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (OWASP-level memory cost).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against a fixed hash when the user does not exist keeps the timing of "unknown email"
// and "wrong password" alike, so login does not reveal which emails exist.
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    decoy ??= hash('decoy-password-for-timing');
    await verify(await decoy, password);
    return false;
  }
  return verify(passwordHash, password);
}
