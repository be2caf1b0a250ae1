import { findUserById } from "../../models/queries/directory.ts";
import type { AppDeps } from "../context.ts";
import { actorOfUser, type Actor } from "./actor.ts";

/** How long a signed-in user's row is trusted without reading it again. */
const TTL_MS = 5_000;
/** More distinct users than this within one TTL, and the cache starts over rather than grow. */
const MAX_ENTRIES = 10_000;

/**
 * The active users behind bearer tokens and sessions, read at most once per TTL per instance instead of on
 * every request. An admin's change to a user evicts it here at once (the change is made on this instance,
 * and `user.access_changed` also arrives on it); another instance may honour the old row for up to the TTL.
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: Actor | null; at: number }>();

  constructor(private readonly deps: AppDeps) {
    deps.bus.subscribe((e) => {
      if (e.type === "user.access_changed") this.forget(e.userId);
    });
  }

  /** The actor of an active user, or null for an unknown or disabled one. */
  async get(userId: string): Promise<Actor | null> {
    const hit = this.entries.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.actor;
    const user = await findUserById(this.deps.database.db, userId);
    const actor = user?.active ? actorOfUser(user) : null;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(userId, { actor, at: Date.now() });
    return actor;
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }
}

const caches = new WeakMap<AppDeps, ActorCache>();

/** The actor cache of one app instance. */
export function actorCache(deps: AppDeps): ActorCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new ActorCache(deps)));
  return cache;
}
