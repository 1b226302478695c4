import type { RegionFormat, SourceBytes } from './region'

/** Bits of the formats (by index in the scanner's list) whose hints a line contains. */
export type FormatMask = number

/** Candidates not found yet (a line whose bytes were not all in one chunk): the scanner finds
 *  them in the line's text. No mask of formats is negative. */
export const UNKNOWN_CANDIDATES = -1

/** A line's marks not known (see `SourceBytes.marks`): every bit set. */
export const UNKNOWN_MARKS = -1

/** The sniff candidates of the line being read, found on demand (see `LineTracker`), and the
 *  bytes of the text it was cut from. */
export type LineCandidates = { candidates(): FormatMask } & SourceBytes

/** A hint, the column of its probed bigram within it, and its formats; or a mark (`mask` 0)
 *  and its bit. */
type Hint = { text: string; at: number; mask: FormatMask; mark: number }

/** The characters an ISO 8601 time is written with (`readIsoOfBytes`). */
const ISO_STAMP_CHARS = [...'0123456789-T :.,Z'].map((c) => c.charCodeAt(0))

// Hints are ASCII (others make their format always offered), so a bigram is one of 128 x 128.
const PAIRS = 128 * 128

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
const utf8 = new TextEncoder()

export class SniffHints {
  /** Formats offered every line: those without hints. */
  private always: FormatMask = 0
  /** Formats with one-character hints, by character code (ASCII only). */
  private readonly single = new Int32Array(128)
  /** Bucket number + 1 per ASCII pair (`a * 128 + b`), 0 when no hint is probed by it. */
  private readonly pairs = new Uint16Array(PAIRS)
  /**
   * 1 per pair of bytes (a, b), at `b * 256 + a`, whose ASCII folds (`& 127`) end in a
   * one-character hint or have a bucket: any two bytes index it as they are.
   */
  private readonly pairProbe = new Uint8Array(256 * 256)
  private readonly buckets: Hint[][] = []
  /** The UTF-8 bytes of the line `candidates` reads. */
  private scratch = new Uint8Array(256)
  /** Marks every line is said to hold: those the probes cannot find (one character, not ASCII). */
  private alwaysMarks = 0
  /** The marks of the bytes last read, `markedBytes[markedStart, markedEnd)`. */
  private marks = 0
  private markedBytes: Uint8Array | null = null
  private markedStart = 0
  private markedEnd = 0
  /** No probe hits on a pair of characters that may stand side by side in an ISO time, nor on
   *  a digit first in a line. */
  private isoStampsHoldNoHint = false

  constructor(formats: readonly RegionFormat[]) {
    formats.forEach((format, index) => {
      const hints = format.hints
      // Marks share the hints' probes: bit k for the k-th mark of any format (formats with
      // marks of their own would share bits, and only learn of more lines that may hold them).
      format.marks?.forEach((text, k) => {
        const mark = k < 31 ? 1 << k : UNKNOWN_MARKS
        if (text.length < 2 || !isAsciiText(text) || k >= 31) this.alwaysMarks |= mark
        else this.addProbe({ text, at: rarestBigram(text), mask: 0, mark })
      })
      // Past bit 30 a format cannot be masked: `admits` always lets it through.
      if (index > 30) return
      if (!hints || hints.some((h) => h === '' || !isAsciiText(h))) {
        this.always |= 1 << index
        return
      }
      const mask = 1 << index
      for (const text of hints) {
        if (text.length === 1) {
          const c = text.charCodeAt(0)
          this.single[c] |= mask
          for (let a = 0; a < 256; a++) this.pairProbe[c * 256 + a] = 1
          continue
        }
        const at = rarestBigram(text)
        this.addProbe({ text, at, mask, mark: 0 })
      }
    })
    // An ISO time starts with a digit, and a digit stands beside each of its other characters.
    const probe = this.pairProbe
    const digit = (c: number) => c >= 48 && c <= 57
    this.isoStampsHoldNoHint = ISO_STAMP_CHARS.every(
      (b) =>
        (!digit(b) || probe[b * 256] === 0) &&
        ISO_STAMP_CHARS.every((a) => (!digit(a) && !digit(b)) || probe[b * 256 + a] === 0),
    )
  }

  private addProbe(hint: Hint): void {
    const { text, at } = hint
    const pair = text.charCodeAt(at) * 128 + text.charCodeAt(at + 1)
    if (this.pairs[pair] === 0) {
      this.buckets.push([])
      this.pairs[pair] = this.buckets.length
      const a = text.charCodeAt(at)
      const b = text.charCodeAt(at + 1)
      for (const high of [0, 128])
        for (const low of [0, 128]) this.pairProbe[(b + high) * 256 + a + low] = 1
    }
    this.buckets[this.pairs[pair] - 1].push(hint)
  }

  /** The formats whose sniffers may accept `line`: a superset of those that do. */
  candidates(line: string): FormatMask {
    if (line.length === 0) return this.always
    // Read in its UTF-8 bytes: hints are ASCII, which UTF-8 keeps byte for byte, so the formats
    // found are the same, by one loop. A UTF-16 unit takes at most three bytes.
    if (this.scratch.length < line.length * 3) this.scratch = new Uint8Array(line.length * 3)
    const { written } = utf8.encodeInto(line, this.scratch)
    return this.candidatesOfBytes(this.scratch, 0, written)
  }

  /**
   * `candidates` of a line held as UTF-8, `bytes[start, end)`, without decoding it. Hints are
   * ASCII, and an ASCII character is the same byte in UTF-8 (a decoder that replaces a bad
   * sequence never takes an ASCII byte with it), so the hints found are those of the text.
   * Bytes of a multi-byte character fold onto ASCII ones (`& 127`) instead of being tested
   * for: the rare hits they cause are refused by the comparison of the whole hint.
   */
  candidatesOfBytes(bytes: Uint8Array, start: number, end: number): FormatMask {
    return this.candidatesFrom(bytes, start, start, end)
  }

  /**
   * `candidatesOfBytes` of a line that starts with an ISO 8601 time ending at `stampEnd`
   * (`readIsoOfBytes`): when no hint can be found among the characters such a time is written
   * with (`isoStampsHoldNoHint`), the pairs inside it are not probed.
   */
  candidatesAfterIsoStamp(
    bytes: Uint8Array,
    start: number,
    stampEnd: number,
    end: number,
  ): FormatMask {
    return this.candidatesFrom(bytes, start, this.isoStampsHoldNoHint ? stampEnd : start, end)
  }

  /** `candidatesOfBytes`, probing the pairs that end at `from` or after. */
  private candidatesFrom(bytes: Uint8Array, start: number, from: number, end: number): FormatMask {
    this.startMarks(bytes, start, end)
    const words = this.wordsOf(bytes)
    if (words === null) return this.candidatesByByte(bytes, start, end)
    // Four bytes a load: each column costs a loop turn, and a JavaScript loop turn costs more
    // than the probes. Pair (a, b) is probed at `pairProbe[b << 8 | a]`, so the pairs inside
    // a word (little-endian) are its 16-bit windows, and the pair across two words one shift
    // away.
    const pairProbe = this.pairProbe
    let found = this.always
    let i = from
    let prev = from > start ? bytes[from - 1] : 0
    while ((i & 3) !== 0 && i < end) {
      const c = bytes[i]
      if (pairProbe[(c << 8) | prev] !== 0) found = this.hitAt(bytes, start, end, i, found)
      prev = c
      i++
    }
    const last = (end >> 2) - 1
    let j = i >> 2
    while (j <= last) {
      // Most words hit none: the words up to the first that does are read by a loop of their own.
      j = firstWordHit(pairProbe, words, j, last, prev)
      if (j > last) break
      const word = words[j]
      prev = j << 2 > start ? bytes[(j << 2) - 1] : 0
      found = this.hitsInWord(bytes, start, end, j << 2, (word << 8) | prev, word, found)
      prev = word >>> 24
      j++
    }
    i = Math.max(i, (last + 1) << 2)
    // The byte before, or none at the line's start (as a probe of the line's first byte).
    prev = i > start ? bytes[i - 1] : 0
    for (; i < end; i++) {
      const c = bytes[i]
      if (pairProbe[(c << 8) | prev] !== 0) found = this.hitAt(bytes, start, end, i, found)
      prev = c
    }
    return found
  }

  /**
   * `found` and the formats of the hints whose probed pair ends at one of the four bytes of a
   * word, at `at`: `low`, the word shifted up a byte with the byte before it below.
   */
  private hitsInWord(
    bytes: Uint8Array,
    start: number,
    end: number,
    at: number,
    low: number,
    word: number,
    found: number,
  ): FormatMask {
    const pairProbe = this.pairProbe
    if (pairProbe[low & 0xffff] !== 0) found = this.hitAt(bytes, start, end, at, found)
    if (pairProbe[word & 0xffff] !== 0) found = this.hitAt(bytes, start, end, at + 1, found)
    if (pairProbe[(word >>> 8) & 0xffff] !== 0) found = this.hitAt(bytes, start, end, at + 2, found)
    if (pairProbe[word >>> 16] !== 0) found = this.hitAt(bytes, start, end, at + 3, found)
    return found
  }

  /** `candidatesOfBytes` one byte a loop turn: for bytes that cannot be read two at a time. */
  candidatesByByte(bytes: Uint8Array, start: number, end: number): FormatMask {
    this.startMarks(bytes, start, end)
    let found = this.always
    const probe = this.pairProbe
    let prev = 0
    for (let i = start; i < end; i++) {
      const c = bytes[i]
      if (probe[(c << 8) | prev] !== 0) found = this.hitAt(bytes, start, end, i, found)
      prev = c
    }
    return found
  }

  /**
   * The marks of `bytes[start, end)`, when they are the bytes last read by `candidatesOfBytes`,
   * else `UNKNOWN_MARKS`.
   */
  marksOf(bytes: Uint8Array, start: number, end: number): number {
    return bytes === this.markedBytes && start === this.markedStart && end === this.markedEnd
      ? this.marks
      : UNKNOWN_MARKS
  }

  private startMarks(bytes: Uint8Array, start: number, end: number): void {
    this.marks = this.alwaysMarks
    // Stored only when it changes: the lines of a chunk share its bytes, and storing a young
    // object in this old one takes the write barrier's slow path.
    if (this.markedBytes !== bytes) this.markedBytes = bytes
    this.markedStart = start
    this.markedEnd = end
  }

  /**
   * `found` and the formats of the hints whose probed pair ends at byte `i` of the line; the
   * marks found there join `marks`.
   */
  private hitAt(bytes: Uint8Array, start: number, end: number, i: number, found: number): number {
    const c = bytes[i]
    if (c < 128) found |= this.single[c]
    const prev = i > start ? bytes[i - 1] : 0
    const bucket = this.pairs[((prev & 127) << 7) | (c & 127)]
    if (bucket !== 0) {
      for (const hint of this.buckets[bucket - 1]) {
        const at = i - 1 - hint.at
        if (at < start) continue
        if (hint.mark === 0) {
          if ((found & hint.mask) === 0 && bytesHold(bytes, at, end, hint.text)) found |= hint.mask
        } else if ((this.marks & hint.mark) === 0 && bytesHold(bytes, at, end, hint.text))
          this.marks |= hint.mark
      }
    }
    return found
  }

  // The 32-bit view of the bytes last read, which lines of one chunk share.
  private viewed: Uint8Array | null = null
  private words: Int32Array | null = null

  /** `bytes` as little-endian 32-bit words from its index 0, or null when it cannot be read so. */
  private wordsOf(bytes: Uint8Array): Int32Array | null {
    if (bytes !== this.viewed) {
      this.viewed = bytes
      this.words =
        LITTLE_ENDIAN && (bytes.byteOffset & 3) === 0
          ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2)
          : null
    }
    return this.words
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
 * lines rarely hit: in a plain log every line is probed, and a probe that hits on most lines
 * (`st` of `stack backtrace:` in every `status=`) costs a comparison of the whole hint each.
 */
function rarestBigram(text: string): number {
  let best = 0
  let bestScore = -Infinity
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text.charCodeAt(i)
    const b = text.charCodeAt(i + 1)
    // A pair across a word boundary (` b`, `e:`) is as common as the letter starting or
    // ending a word, which is more common than the letter.
    const score = COMMON_PAIRS.has(text.slice(i, i + 2))
      ? -1
      : rarity(a) + rarity(b) - (isBoundary(a) || isBoundary(b) ? 1 : 0)
    if (score > bestScore) {
      best = i
      bestScore = score
    }
  }
  return best
}

// Words most log lines carry (level words, HTTP methods and fields): their pairs are probed
// last.
const COMMON_WORDS =
  'INFO WARN ERROR DEBUG TRACE GET POST PUT HTTP status path bytes size duration request ' +
  'response method user time level message error info debug warn'
const COMMON_PAIRS = new Set<string>()
for (const word of COMMON_WORDS.split(' '))
  for (let i = 0; i + 1 < word.length; i++) COMMON_PAIRS.add(word.slice(i, i + 2))

// Lowercase letters from the most to the least frequent in English text.
const LETTERS_BY_FREQUENCY = 'etaoinshrdlcumwfgypbvkjxqz'

function isBoundary(c: number): boolean {
  return c === 32 || c === 61 || c === 58 || c === 47 || c === 46 || c === 45 || c === 95
}

function rarity(c: number): number {
  // Lowercase letters by how rare they are: `ck` and `bj` are rarer than `st` and `an`.
  if (c >= 97 && c <= 122) return LETTERS_BY_FREQUENCY.indexOf(String.fromCharCode(c)) / 10
  if (c >= 48 && c <= 57) return 0
  if (isBoundary(c)) return 0
  // Capitals start level words and HTTP methods: rarer than lowercase, not rare.
  return c >= 65 && c <= 90 ? 1 : 2.5
}

/** Whether `bytes[at, end)` starts with the ASCII `text`. */
function bytesHold(bytes: Uint8Array, at: number, end: number, text: string): boolean {
  if (end - at < text.length) return false
  for (let k = 0; k < text.length; k++) if (bytes[at + k] !== text.charCodeAt(k)) return false
  return true
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

function isAsciiText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return false
  return true
}

/**
 * The first of words[j, last] with a pair that `probe` flags among its four (each byte and the
 * one before it; `prev`, the byte before words[j]), or `last + 1`. A leaf function reading two
 * words a turn: the loop inside `candidatesFrom` checked its arrays again at every word.
 */
function firstWordHit(
  probe: Uint8Array,
  words: Int32Array,
  j: number,
  last: number,
  prev: number,
): number {
  for (; j < last; j += 2) {
    const a = words[j]
    const b = words[j + 1]
    const hitA =
      probe[((a << 8) | prev) & 0xffff] |
      probe[a & 0xffff] |
      probe[(a >>> 8) & 0xffff] |
      probe[a >>> 16]
    const hitB =
      probe[((b << 8) | (a >>> 24)) & 0xffff] |
      probe[b & 0xffff] |
      probe[(b >>> 8) & 0xffff] |
      probe[b >>> 16]
    if ((hitA | hitB) !== 0) return hitA !== 0 ? j : j + 1
    prev = b >>> 24
  }
  if (j === last) {
    const a = words[j]
    if (
      (probe[((a << 8) | prev) & 0xffff] |
        probe[a & 0xffff] |
        probe[(a >>> 8) & 0xffff] |
        probe[a >>> 16]) ===
      0
    )
      j++
  }
  return j
}
