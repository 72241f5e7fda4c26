/** One snapshot shared by every gauge of a registry, read at most once per `ttlMs` (a scrape reads many gauges). */
export function cachedSnapshot<T>(read: () => Promise<T>, ttlMs: number): () => Promise<T> {
  let at = 0;
  let value: Promise<T> | undefined;
  return () => {
    if (!value || Date.now() - at >= ttlMs) {
      at = Date.now();
      value = read();
      value.catch(() => (value = undefined));
    }
    return value;
  };
}
