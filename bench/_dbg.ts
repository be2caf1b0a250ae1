import { openDatabase } from "../server/db.ts";
import { seedReferenceData } from "../server/seed.ts";
const database = await openDatabase({ databaseUrl: null, dataDir: "memory://" });
console.time("migrate"); await database.migrate(); console.timeEnd("migrate");
console.time("seed"); await seedReferenceData(database.db); console.timeEnd("seed");
await database.close();
