import type { RegionFormat } from './region'

/** Bits of the formats (by index in the scanner's list) whose hints a line contains. */
export type FormatMask = number

/** A hint, the column of its probed bigram within it, and its formats. */
type Hint = { text: string; at: number; mask: FormatMask }

// Bigram hash table size: a power of two, big enough that the ~100 hints rarely share a slot.
const SLOTS = 4096

/**
 * One pass over a line that tells which formats' sniffers could accept it.
 *
 * A plain log line used to be offered to twenty sniffers, each searching it for its own fixed
 * texts: most of a log's parse time. Each format now lists those texts (`RegionFormat.hints`)
 * and this filter looks for all of them at once: a table keyed by two characters of each hint
 * (its least common pair) is probed at every column, and only a hit compares the whole hint.
 * One-character hints (`#`, `;`, `"`) are a per-character table. Formats without hints are
 * always offered the line.
 */
export class SniffHints {
  /** Formats offered every line: those without hints. */
  private always: FormatMask = 0
  /** Formats with one-character hints, by character code (ASCII only). */
  private readonly single = new Int32Array(128)
  /** Bucket number + 1 per bigram slot, 0 when no hint starts with a bigram of that slot. */
  private readonly slots = new Uint16Array(SLOTS)
  private readonly buckets: Hint[][] = []

  constructor(formats: readonly RegionFormat[]) {
    formats.forEach((format, index) => {
      const hints = format.hints
      // Past bit 30 a format cannot be masked: `admits` always lets it through.
      if (index > 30) return
      if (!hints || hints.some((h) => h === '' || h.charCodeAt(0) >= 128)) {
        this.always |= 1 << index
        return
      }
      const mask = 1 << index
      for (const text of hints) {
        if (text.length === 1) {
          this.single[text.charCodeAt(0)] |= mask
          continue
        }
        const at = rarestBigram(text)
        const slot = slotOf(text.charCodeAt(at), text.charCodeAt(at + 1))
        if (this.slots[slot] === 0) {
          this.buckets.push([])
          this.slots[slot] = this.buckets.length
        }
        this.buckets[this.slots[slot] - 1].push({ text, at, mask })
      }
    })
  }

  /** The formats whose sniffers may accept `line`: a superset of those that do. */
  candidates(line: string): FormatMask {
    let found = this.always
    const n = line.length
    if (n === 0) return found
    const single = this.single
    const slots = this.slots
    let next = line.charCodeAt(0)
    for (let i = 0; i < n; i++) {
      const c = next
      next = i + 1 < n ? line.charCodeAt(i + 1) : 0
      if (c < 128) found |= single[c]
      const bucket = slots[slotOf(c, next)]
      if (bucket !== 0) {
        for (const hint of this.buckets[bucket - 1]) {
          const start = i - hint.at
          if ((found & hint.mask) === 0 && start >= 0 && line.startsWith(hint.text, start))
            found |= hint.mask
        }
      }
    }
    return found
  }

  /** Whether the format at `index` may accept a line with these candidates. */
  admits(mask: FormatMask, index: number): boolean {
    return index > 30 || (mask & (1 << index)) !== 0
  }
}

const cache = new WeakMap<readonly RegionFormat[], SniffHints>()

/** The filter of a format list, built once per list. */
export function sniffHintsFor(formats: readonly RegionFormat[]): SniffHints {
  let hints = cache.get(formats)
  if (!hints) {
    hints = new SniffHints(formats)
    cache.set(formats, hints)
  }
  return hints
}

/**
 * The column of the bigram of `text` least likely in log text, so that probes of ordinary
 * lines rarely hit: lowercase letters, digits, spaces and `=:/.-_` are everywhere in logs.
 */
function rarestBigram(text: string): number {
  let best = 0
  let bestScore = -1
  for (let i = 0; i + 1 < text.length; i++) {
    const score = rarity(text.charCodeAt(i)) + rarity(text.charCodeAt(i + 1))
    if (score > bestScore) {
      best = i
      bestScore = score
    }
  }
  return best
}

function rarity(c: number): number {
  if (c >= 97 && c <= 122) return 0
  if (c >= 48 && c <= 57) return 0
  if (c === 32 || c === 61 || c === 58 || c === 47 || c === 46 || c === 45 || c === 95) return 0
  // Capitals start level words and HTTP methods: rarer than lowercase, not rare.
  return c >= 65 && c <= 90 ? 1 : 2
}

function slotOf(a: number, b: number): number {
  return (a * 31 + b) & (SLOTS - 1)
}
