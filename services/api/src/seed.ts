import { randomBytes } from 'node:crypto';
import type { Role } from '@cc/core/roles';
import type { Db } from '@cc/db/database';
import { ensureUser } from '@cc/db/repositories/users';
import { hashPassword } from './auth/password';

export const demoUsers: readonly { email: string; name: string; role: Role }[] = [
  { email: 'admin@demo.local', name: 'Ada Admin', role: 'admin' },
  { email: 'supervisor@demo.local', name: 'Sara Supervisora', role: 'supervisor' },
  { email: 'agent@demo.local', name: 'Álex Agente', role: 'agent' },
];

/**
 * Creates the demo users that do not exist yet. Returns the credentials of those just created
 * (printed once by `npm start`); existing users keep their passwords.
 */
export async function seedDemoUsers(
  db: Db,
  password?: string,
): Promise<{ email: string; role: Role; password: string }[]> {
  const created: { email: string; role: Role; password: string }[] = [];
  for (const u of demoUsers) {
    const pw = password ?? randomBytes(9).toString('base64url');
    const result = await ensureUser(db, { ...u, passwordHash: await hashPassword(pw) });
    if (result.created) created.push({ email: u.email, role: u.role, password: pw });
  }
  return created;
}
