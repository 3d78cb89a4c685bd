import { randomBytes } from 'node:crypto';
import type { Role } from '@cc/core/roles';
import type { Db } from '@cc/db/database';
import { createFirstUser, ensureUser, findUserByEmail } from '@cc/db/repositories/users';
import { createQueue, listQueues } from '@cc/db/repositories/queues';
import { createAgent, getAgent } from '@cc/db/repositories/agents';
import { channels } from '@cc/core/channels';
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

/**
 * On a database with no user at all, the first administrator (so `npm start` on a fresh install
 * is usable without demo accounts). Returns its one-time password, or null when users exist.
 */
export async function seedFirstAdmin(db: Db, email: string, password?: string): Promise<{ email: string; password: string } | null> {
  const pw = password ?? randomBytes(12).toString('base64url');
  const created = await createFirstUser(db, { email, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(pw) });
  return created ? { email: created.email, password: pw } : null;
}

/**
 * A first queue serving every channel, with the demo agent in it, so a fresh install routes
 * contacts at once. Only when no queue exists yet: never touches a configured installation.
 */
export async function seedDemoRouting(db: Db, now: Date): Promise<void> {
  if ((await listQueues(db)).length > 0) return;
  const queue = await createQueue(db, { name: 'General', channels, closedAutoReply: null });
  const agent = await findUserByEmail(db, 'agent@demo.local');
  if (agent && !(await getAgent(db, agent.id))) {
    await createAgent(db, { userId: agent.id, skills: {}, capacity: { voice: 1, whatsapp: 4, webchat: 3, email: 5 }, queueIds: [queue.id] }, now);
  }
}
