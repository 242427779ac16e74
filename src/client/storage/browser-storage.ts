// localStorage as the rest of the page sees it: absent (disabled, private mode) or throwing (full) never
// breaks a page; the learner just loses persistence.
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The page's localStorage, or null where the browser refuses it. */
export function browserStorage(): KeyValueStore | null {
  return probe(() => window.localStorage);
}

/** This tab's sessionStorage (kept across reloads, not shared with other tabs), or null where refused. */
export function tabStorage(): KeyValueStore | null {
  return probe(() => window.sessionStorage);
}

function probe(get: () => Storage): KeyValueStore | null {
  try {
    const storage = get();
    storage.getItem('slipway.probe');
    return storage;
  } catch {
    return null;
  }
}

/** Parsed JSON at key: undefined when absent, `{ unreadable: true }` when it is not JSON. */
export function readJson(storage: KeyValueStore, key: string): { value: unknown } | { unreadable: true } | undefined {
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return undefined;
  }
  if (text === null) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { unreadable: true };
  }
}

export function writeJson(storage: KeyValueStore, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch (error) {
    console.warn(`[slipway] could not save ${key}:`, error);
  }
}

export function removeKey(storage: KeyValueStore, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to remove where storage is unavailable.
  }
}

/** An in-memory store with the same interface, for tests and for browsers without storage. */
export function memoryStorage(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
  };
}
