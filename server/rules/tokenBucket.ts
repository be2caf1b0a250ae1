/**
 * A token bucket: `burst` calls at once, then `perSecond` on average. Each case:watch costs a visibility query,
 * so one socket must not be able to ask for thousands a second.
 */
export function tokenBucket(burst: number, perSecond: number, now = () => Date.now()): () => boolean {
  let tokens = burst;
  let at = now();
  return () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - at) / 1000) * perSecond);
    at = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
