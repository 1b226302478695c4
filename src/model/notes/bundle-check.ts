/**
 * The checks a value read from a bundle, a link or this browser's storage passes before it is
 * trusted: each names the field it failed at, and an import is held to BUNDLE_LIMITS.
 */

/** Thrown for a bundle that cannot be opened; `message` says why, for the reader. */
export class BundleError extends Error {
  override name = 'BundleError'
}

/**
 * The most an imported postmortem may hold. A crafted link or bundle with a 100 MB title or
 * 200,000 markers froze or crashed the tab; real postmortems stay far below these. Every text
 * and list without a limit of its own is held to `fieldChars` and `listItems`.
 */
export const BUNDLE_LIMITS = {
  titleChars: 1_000,
  sectionChars: 1_000_000,
  sections: 200,
  pins: 5_000,
  notes: 5_000,
  markers: 5_000,
  inputs: 1_000,
  fieldChars: 100_000,
  listItems: 10_000,
} as const

export type Json = Record<string, unknown>

/**
 * Where a value sits in the file, for messages. `capped` holds imports (bundles, links) to the
 * field limits; a postmortem read back from this browser's own storage is never refused for
 * its size, as that would lose what the user wrote.
 */
export class Check {
  constructor(
    private path: string,
    readonly capped = false,
  ) {}
  fail(expected: string, got: unknown): never {
    const shown = got === undefined ? 'nothing' : shortJson(got)
    throw new BundleError(
      `This .debrief file is damaged: ${this.path} should be ${expected}, not ${shown}.`,
    )
  }
  /** Refuses a value over a limit, naming the field, its size and the limit. */
  tooLarge(unit: string, n: number, max: number): never {
    throw new BundleError(
      `This postmortem is too large to open: ${this.path} (${unit}) has ${n.toLocaleString('en-US')}, and the most Debrief opens is ${max.toLocaleString('en-US')}.`,
    )
  }
  at(key: string | number): Check {
    return new Check(
      typeof key === 'number' ? `${this.path}[${key}]` : `${this.path}.${key}`,
      this.capped,
    )
  }
}

/** The start of a value for a message, without serialising all of a huge one. */
function shortJson(v: unknown): string | undefined {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40))
  if (Array.isArray(v)) return `a list of ${v.length.toLocaleString('en-US')}`
  if (typeof v === 'object' && v !== null) return 'an object'
  return JSON.stringify(v)?.slice(0, 40)
}

export function obj(v: unknown, c: Check): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) c.fail('an object', v)
  return v as Json
}
export function str(v: unknown, c: Check, max: number = BUNDLE_LIMITS.fieldChars): string {
  if (typeof v !== 'string') c.fail('text', v)
  if (c.capped && v.length > max) c.tooLarge('characters', v.length, max)
  return v
}
export function num(v: unknown, c: Check): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) c.fail('a number', v)
  return v as number
}
export function bool(v: unknown, c: Check): boolean {
  if (typeof v !== 'boolean') c.fail('true or false', v)
  return v as boolean
}
export function timeOrNull(v: unknown, c: Check): number | null {
  return v === null ? null : num(v, c)
}
export function oneOf<T extends string>(v: unknown, values: readonly T[], c: Check): T {
  if (typeof v !== 'string' || !values.includes(v as T)) c.fail(`one of ${values.join(', ')}`, v)
  return v as T
}
export function arr<T>(
  v: unknown,
  c: Check,
  each: (item: unknown, c: Check) => T,
  max: number = BUNDLE_LIMITS.listItems,
): T[] {
  if (!Array.isArray(v)) c.fail('a list', v)
  // Counted before any item is checked: 200,000 markers took half a minute to validate.
  if (c.capped && v.length > max) c.tooLarge('items', v.length, max)
  return v.map((item, i) => each(item, c.at(i)))
}
export function strs(v: unknown, c: Check): string[] {
  return arr(v, c, str)
}
