/**
 * Named transform stacks ("our services only") kept in this browser's local storage, so one
 * made on one incident applies to the next. Stored in the shared text form; an entry that no
 * longer reads is skipped, never thrown at the user.
 */
import { parseTransforms } from '../model/transforms/syntax'

export type TransformPreset = { name: string; transforms: string }

const KEY = 'debrief.transformPresets'
/** Presets kept at most; the oldest goes first. */
const MAX_PRESETS = 50

export function loadTransformPresets(): TransformPreset[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]')
    if (!Array.isArray(raw)) return []
    return raw.filter(
      (p): p is TransformPreset =>
        typeof p === 'object' &&
        p !== null &&
        typeof p.name === 'string' &&
        typeof p.transforms === 'string' &&
        'transforms' in parseTransforms(p.transforms),
    )
  } catch {
    return []
  }
}

/** Saves (or replaces, by name) a preset; returns the list as now stored. */
export function saveTransformPreset(preset: TransformPreset): TransformPreset[] {
  const list = [...loadTransformPresets().filter((p) => p.name !== preset.name), preset]
  return store(list.slice(-MAX_PRESETS))
}

export function deleteTransformPreset(name: string): TransformPreset[] {
  return store(loadTransformPresets().filter((p) => p.name !== name))
}

function store(list: TransformPreset[]): TransformPreset[] {
  try {
    localStorage.setItem(KEY, JSON.stringify(list))
  } catch {
    // Storage full or disabled: the preset lives until the page closes.
  }
  return list
}
