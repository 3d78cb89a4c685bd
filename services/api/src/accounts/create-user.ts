import type { Role } from '@cc/core/roles';
import type { Db } from '@cc/db/database';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { createUserUnlessEmailTaken } from '@cc/db/repositories/users';
import type { User } from '@cc/db/tables/users';
import { hashPassword } from '../auth/password';
import { EmailTakenError } from './errors';
import { generatePassword } from './generated-password';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  /** Chosen by the administrator; without it one is generated and returned once. */
  password?: string | null;
}

/**
 * An administrator creates a console user. The account and its audit event are one transaction;
 * the password is stored only as an argon2id hash.
 */
export async function createUserAccount(
  db: Db,
  actorId: string | null,
  input: NewUser,
): Promise<{ user: User; generatedPassword: string | null }> {
  const email = input.email.trim().toLowerCase();
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password || generatedPassword!);
  const user = await db.transaction().execute(async (trx) => {
    const row = await createUserUnlessEmailTaken(trx, { email, name: input.name.trim(), role: input.role, passwordHash });
    if (!row) throw new EmailTakenError(email);
    await recordAuditEvent(trx, {
      actorType: 'user',
      actorId,
      action: 'user.created',
      subjectType: 'user',
      subjectId: row.id,
      data: { role: row.role, passwordGenerated: generatedPassword !== null },
    });
    return row;
  });
  return { user, generatedPassword };
}
