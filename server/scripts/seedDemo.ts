/** `npm run seed:demo`: loads reference and demo data into the configured database (never in production). */
import { openDatabase } from "../db.ts";
import { loadEnv } from "../env.ts";
import { seedDemoData, seedReferenceData, DEMO_PASSWORD, DEMO_USERS } from "../seed.ts";

const env = loadEnv();
if (env.nodeEnv === "production") {
  // The demo accounts' password is printed in the README: on a production server they are open doors.
  console.error("Refusing to load demo accounts with NODE_ENV=production: their password is published. Create real accounts as admin instead.");
  process.exit(1);
}
const database = await openDatabase(env);
try {
  await database.migrate();
  await seedReferenceData(database.db);
  await seedDemoData(database.db);
  console.log(`Demo data loaded into ${env.databaseUrl ? "PostgreSQL" : env.dataDir}.`);
  console.log(`Accounts (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(", ")}`);
} finally {
  await database.close();
}
