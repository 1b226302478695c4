import { Level } from '../../model/types'
import { LEVEL_OF_WORD, LEVEL_WORDS, WORD_SCAN, levelWordIndex } from './levels'

/**
 * `detectLevel` of a line held as ASCII bytes, `bytes[start, end)` (one byte per character),
 * that holds none of the level fields' keys (`FIELD_KEYS`, told by the sniff prefilter): the
 * klog letter, then level words after column `from`, read in the bytes as `detectLevel` reads
 * them in a string. Returns -1 for a line that starts with a syslog priority (`<3>`), which is
 * left to `detectLevel`.
 */
export function detectLevelOfBytes(
  bytes: Uint8Array,
  start: number,
  from: number,
  end: number,
): Level | -1 {
  const c0 = bytes[start]
  if (c0 === 60) return -1
  // klog: `E1122 18:35:01.123456` — a level letter, four digits, a space.
  if (
    (c0 === 73 || c0 === 87 || c0 === 69 || c0 === 70) &&
    start + 5 < end &&
    bytes[start + 5] === 32 &&
    isDigit(bytes[start + 1]) &&
    isDigit(bytes[start + 2]) &&
    isDigit(bytes[start + 3]) &&
    isDigit(bytes[start + 4])
  )
    return letterLevel(c0)
  const i = start + from
  const known = sameFirstWord(bytes, i, end)
  if (known !== -1) return known
  return wordLevelOfBytes(bytes, i, Math.min(end, i + WORD_SCAN), end)
}

// The level word that came first after the time on the line before, after `at` spaces, as
// its bytes packed four to a number (words of up to eight bytes): most lines of a log print
// their level where the line before printed it, and the same word there is told by comparing
// two numbers, not by reading the words again.
const firstWord = { at: -1, length: 0, low: 0, high: 0, level: Level.none as Level }

/**
 * The level `wordLevelOfBytes(bytes, i, ...)` would find when bytes[i, end) start with the
 * spaces and the level word that the line before started with, and the word ends there (no
 * letter, digit or `_-./` follows it); else -1.
 */
function sameFirstWord(bytes: Uint8Array, i: number, end: number): Level | -1 {
  const at = firstWord.at
  if (at < 0) return -1
  const wordStart = i + at
  const wordEnd = wordStart + firstWord.length
  if (wordEnd > end) return -1
  for (let k = i; k < wordStart; k++) if (bytes[k] !== 32) return -1
  if (
    packed(bytes, wordStart, wordEnd) !== firstWord.low ||
    packed(bytes, wordStart + 4, wordEnd) !== firstWord.high
  )
    return -1
  const next = wordEnd < end ? bytes[wordEnd] : 0
  if (isLetter(next) || isDigit(next) || next === 95 || next === 45 || next === 46 || next === 47)
    return -1
  return firstWord.level
}

/** Up to four bytes from `from`, before `to`, packed into a number (0 for none). */
function packed(bytes: Uint8Array, from: number, to: number): number {
  let code = 0
  const stop = Math.min(to, from + 4)
  for (let k = from; k < stop; k++) code = (code << 8) | bytes[k]
  return code
}

/** Notes the level word found first after `from`, at `wordStart`, when only spaces precede it. */
function noteFirstWord(
  bytes: Uint8Array,
  from: number,
  wordStart: number,
  wordEnd: number,
  level: Level,
): void {
  firstWord.at = -1
  if (wordEnd - wordStart > 8) return
  for (let k = from; k < wordStart; k++) if (bytes[k] !== 32) return
  firstWord.at = wordStart - from
  firstWord.length = wordEnd - wordStart
  firstWord.low = packed(bytes, wordStart, wordEnd)
  firstWord.high = packed(bytes, wordStart + 4, wordEnd)
  firstWord.level = level
}

/** `wordLevel` in bytes: words in `bytes[i, scanEnd)`; `end`, the line's end. */
function wordLevelOfBytes(bytes: Uint8Array, i: number, scanEnd: number, end: number): Level {
  const from = i
  let first = true
  while (i < scanEnd) {
    const c = bytes[i]
    if (c === 27) {
      // ESC [ params final-letter
      i++
      if (i < scanEnd && bytes[i] === 91) i++
      while (i < scanEnd && !isLetter(bytes[i])) i++
      i++
      continue
    }
    if (!isLetter(c)) {
      i++
      continue
    }
    const wordStart = i
    let upper = true
    while (i < scanEnd && isLetter(bytes[i])) {
      if (bytes[i] >= 97) upper = false
      i++
    }
    // Trailing digits belong to the word (`DEBUG5`); other word characters end it.
    while (i < scanEnd && isDigit(bytes[i])) i++
    // Past the line's end a string reads no character: the word is bounded.
    const next = i < end ? bytes[i] : 0
    const bounded = !(next === 95 || next === 45 || next === 46 || next === 47) || i >= scanEnd
    const length = i - wordStart
    if (bounded && length >= 3 && length <= 12 && (upper || first)) {
      const level = levelOfWordBytes(bytes, wordStart, i)
      if (level !== Level.none) {
        if (first) noteFirstWord(bytes, from, wordStart, i, level)
        return level
      }
    }
    first = false
  }
  return Level.none
}

/** `levelOfWord` in bytes. */
function levelOfWordBytes(bytes: Uint8Array, start: number, end: number): Level {
  while (end > start && isDigit(bytes[end - 1])) end--
  const n = end - start
  // klog and MongoDB letters (`E12`, a letter and its digits).
  if (n === 1) return letterLevel(bytes[start])
  const index = levelWordIndex(n, bytes[start], bytes[end - 1])
  if (index < 0) return Level.none
  const word = LEVEL_WORDS[index]
  // `| 32` lowercases A-Z and leaves a-z; no other code becomes a lowercase letter.
  for (let k = 0; k < n; k++) if ((bytes[start + k] | 32) !== word.charCodeAt(k)) return Level.none
  return LEVEL_OF_WORD[index]
}

function letterLevel(c: number): Level {
  switch (c) {
    case 73: // I
      return Level.info
    case 87: // W
      return Level.warn
    case 69: // E
      return Level.error
    case 70: // F
      return Level.fatal
    case 68: // D
      return Level.debug
    default:
      return Level.none
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}
