/**
 * `npm run db:seed [-- --reset-admin-password]`: seeds reference data and the first admin. The admin's generated
 * password is printed here once (stored only as a hash); `--reset-admin-password` makes and prints a new one.
 */
import { closeDb, getDb } from '../client';
import { env } from '../../server/env.js';
import { loadNationBoundaries } from '../../server/geo/load-nation-boundaries';
import { seedDatabase } from './seed-database';

const db = await getDb();
const result = await seedDatabase(db, {
  adminEmail: env.ADMIN_EMAIL,
  resetAdminPassword: process.argv.includes('--reset-admin-password'),
});
const boundaries = await loadNationBoundaries(db);
await closeDb();
if (boundaries.loaded.length) console.log(`  ✓ loaded ${boundaries.loaded.length} nation boundaries (Natural Earth 1:10m)`);
if (boundaries.missing.length) console.warn(`  ! no boundary for: ${boundaries.missing.join(', ')}`);

console.log(
  `  ✓ seeded ${result.scopes} scopes, ${result.services} services, ${result.nations} nations, ${result.manualTaskTypes} manual task types`,
);
if (result.admin) {
  const lines = [
    result.admin.created ? 'First console admin created. The password is shown only now:' : 'Admin password reset:',
    `  e-mail:   ${result.admin.email}`,
    `  password: ${result.admin.password}`,
    'You will be asked to change it at first sign-in. Lost it? npm run db:seed -- --reset-admin-password',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  console.log(`\n  ┌${'─'.repeat(width + 2)}┐`);
  for (const l of lines) console.log(`  │ ${l.padEnd(width)} │`);
  console.log(`  └${'─'.repeat(width + 2)}┘\n`);
}
