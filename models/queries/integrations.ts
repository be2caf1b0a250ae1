import { eq, lt } from "drizzle-orm";
import type { Executor } from "../db.ts";
import { integrationClients, requestSignatures } from "../schema/index.ts";

/** An integration client by id. */
export async function findIntegrationClientById(ex: Executor, id: string) {
  const rows = await ex.select().from(integrationClients).where(eq(integrationClients.id, id)).limit(1);
  return rows[0];
}

/** Changes a client's name, state, signature requirement or credentials. */
export async function updateIntegrationClient(ex: Executor, id: string, patch: Partial<typeof integrationClients.$inferInsert>) {
  const [row] = await ex
    .update(integrationClients)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(integrationClients.id, id))
    .returning();
  return row;
}

/** Records a signature as seen; false when it was seen before (a replay). */
export async function rememberSignature(ex: Executor, clientId: string, signature: string, at: Date): Promise<boolean> {
  const rows = await ex.insert(requestSignatures).values({ signature, clientId, seenAt: at }).onConflictDoNothing().returning({ s: requestSignatures.signature });
  return rows.length > 0;
}

/** Forgets signatures older than the given instant (outside the replay window they are refused as stale anyway). */
export async function forgetSignaturesBefore(ex: Executor, before: Date): Promise<void> {
  await ex.delete(requestSignatures).where(lt(requestSignatures.seenAt, before));
}
