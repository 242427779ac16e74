// Learner preferences (theme, language, split width) in localStorage, validated on load.
import { PREFERENCES_KEY, PreferencesSchema, type Preferences } from '../../../shared/contracts/browser-state-schemas.ts';
import { readJson, removeKey, writeJson, type KeyValueStore } from './browser-storage.ts';

export interface LoadedPreferences {
  preferences: Preferences;
  /** True when stored preferences were corrupt and have been reset. */
  dropped: boolean;
}

export function loadPreferences(storage: KeyValueStore | null): LoadedPreferences {
  const raw = storage ? readJson(storage, PREFERENCES_KEY) : undefined;
  if (!storage || raw === undefined) return { preferences: {}, dropped: false };
  const parsed = 'value' in raw ? PreferencesSchema.safeParse(raw.value) : null;
  if (parsed?.success) return { preferences: parsed.data, dropped: false };
  console.warn('[slipway] dropping corrupt saved preferences');
  removeKey(storage, PREFERENCES_KEY);
  return { preferences: {}, dropped: true };
}

export function savePreferences(storage: KeyValueStore | null, patch: Partial<Preferences>): void {
  if (!storage) return;
  const next = { ...loadPreferences(storage).preferences, ...patch };
  // undefined means "back to the default": drop the key rather than store null.
  for (const key of Object.keys(next) as (keyof Preferences)[]) if (next[key] === undefined) delete next[key];
  writeJson(storage, PREFERENCES_KEY, next);
}
