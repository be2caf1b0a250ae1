import { findUserById } from "../../models/queries/directory.ts";
import type { AppDeps } from "../context.ts";
import { actorOfUser, type Actor } from "./actor.ts";

/** How long a signed-in user's row is trusted without reading it again. */
const TTL_MS = 5_000;
/** More distinct users than this within one TTL, and the cache starts over rather than grow. */
const MAX_ENTRIES = 10_000;

/** Tells the other instances to forget a user; resolves once they all have (or gave up waiting). */
export type EvictionRelay = (userId: string) => Promise<void>;

/**
 * The active users behind bearer tokens and sessions, read at most once per TTL per instance instead of on
 * every request. A change to a user's access is evicted on every instance before the change is answered:
 * here directly, on the other instances through the relays (realtime/io.ts relays through the Redis adapter).
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: Actor | null; at: number }>();
  private readonly relays = new Set<EvictionRelay>();
  /** Counts evictions, so that a read that began before one does not store the row it read. */
  private evictions = 0;

  constructor(private readonly deps: AppDeps) {
    deps.bus.subscribe((e) => {
      if (e.type === "user.access_changed") this.forget(e.userId);
    });
  }

  /** The actor of an active user, or null for an unknown or disabled one. */
  async get(userId: string): Promise<Actor | null> {
    const hit = this.entries.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.actor;
    const before = this.evictions;
    const user = await findUserById(this.deps.database.db, userId);
    const actor = user?.active ? actorOfUser(user) : null;
    if (before !== this.evictions) return actor;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(userId, { actor, at: Date.now() });
    return actor;
  }

  /** Drops a user from this instance's cache. */
  forget(userId: string): void {
    this.evictions += 1;
    this.entries.delete(userId);
  }

  /** Drops a user here and on every other instance, waiting for them. */
  async forgetEverywhere(userId: string): Promise<void> {
    this.forget(userId);
    await Promise.all([...this.relays].map((relay) => relay(userId)));
  }

  /** Registers how evictions reach the other instances; returns the unregistration. */
  addRelay(relay: EvictionRelay): () => void {
    this.relays.add(relay);
    return () => this.relays.delete(relay);
  }
}

const caches = new WeakMap<AppDeps, ActorCache>();

/** The actor cache of one app instance. */
export function actorCache(deps: AppDeps): ActorCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new ActorCache(deps)));
  return cache;
}
