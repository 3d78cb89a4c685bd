/**
 * What `npm start` tells the person who ran it: addresses, and passwords shown only once. Plain
 * text on stdout, not log events — a person reads it in the terminal, and one-time passwords
 * never belong in a log pipeline.
 */
const rule = '─'.repeat(72);
const print = (line = '') => process.stdout.write(`${line}\n`);

export function printDemoUsersBanner(created: readonly { role: string; email: string; password: string }[]): void {
  print(`\n${rule}\n DEMO USERS SEEDED (SEED_DEMO_USERS=true): admin@demo.local, supervisor@demo.local, agent@demo.local`);
  print(' For demos and tests only — unset SEED_DEMO_USERS and disable these accounts in production.');
  if (created.length) {
    print(' Created now (passwords are shown only this once):');
    for (const u of created) print(`  ${u.role.padEnd(10)} ${u.email.padEnd(24)} ${u.password}`);
  }
  print(rule);
}

export function printFirstAdminBanner(admin: { email: string; password: string }): void {
  print(`\n${rule}\n FIRST ADMINISTRATOR CREATED — this password is shown only this once:`);
  print(`  admin      ${admin.email.padEnd(24)} ${admin.password}`);
  print(' Sign in, change the password, then create queues, agents and supervisors.');
  print(rule);
}

export function printAddresses(publicUrl: string, temporal: string): void {
  print(`\nConsole  ${publicUrl}/`);
  print(`GraphQL  ${publicUrl}/graphql`);
  print(`Health   ${publicUrl}/health  (readiness: ${publicUrl}/ready)`);
  print(`Temporal ${temporal}`);
  print('Press Ctrl-C to stop.\n');
}
