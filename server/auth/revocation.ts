import type { AppDeps } from "../context.ts";
import { actorCache } from "./actorCache.ts";

/**
 * After the commit that ended a user's sessions (`endUserSessions` in models/queries/accounts.ts) or changed their
 * access: every instance forgets the cached user before this resolves (so the next request anywhere reads the new
 * row), and the user's sockets on every instance are disconnected (realtime/io.ts listens for the event).
 */
export async function announceAccessChange(deps: AppDeps, userId: string): Promise<void> {
  deps.bus.publish({ type: "user.access_changed", userId });
  await actorCache(deps).forgetEverywhere(userId);
}
