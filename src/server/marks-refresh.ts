/**
 * How a cache handler keeps its local copy of the revalidation marks fresh without putting its
 * store on the request path. While there is no copy (at start, or after the handler dropped it),
 * a call waits for one load, shared by concurrent callers; afterwards, at most every `refreshMs`,
 * a call starts a reload in the background and answers from the copy at once.
 */
export interface MarksRefreshOptions {
  load(): Promise<void>;
  loaded(): boolean;
  refreshMs: number;
  now(): number;
}

export function marksRefresher(options: MarksRefreshOptions): () => Promise<void> {
  const { load, loaded, refreshMs, now } = options;
  let lastCheck = -Infinity;
  let loading: Promise<void> | null = null;
  return async () => {
    if (!loaded()) {
      loading ??= load().finally(() => {
        loading = null;
        lastCheck = now();
      });
      await loading;
    } else if (now() - lastCheck >= refreshMs && loading === null) {
      lastCheck = now();
      loading = load()
        .catch(() => {})
        .finally(() => {
          loading = null;
        });
    }
  };
}
