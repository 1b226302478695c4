import { Level } from '../../model/types'

/**
 * Log levels, from the forms real loggers print:
 * - klog/glog: the letter before `mmdd` (`E1122 18:35:01.123456 ...`);
 * - syslog priorities `<3>` (RFC 3164/5424: severity = PRI & 7);
 * - structured fields: logfmt `level=error` / `lvl=` / `severity=`, JSON `"level":"error"`,
 *   bunyan numbers (`"level":50`), Nextcloud/monolog numbers (`"level":3`), journald
 *   `"PRIORITY" : "3"`, MongoDB `"s":"E"`;
 * - words: `[ERROR]`, ` | ERROR | ` (Datadog agent), `:ERROR:` (Python logging), postgres
 *   `LOG:` / `FATAL:`, and a lowercase first word after the timestamp (`info:`, `[error]`).
 */

// zerolog's console writer abbreviates every level to three letters: TRC DBG INF WRN ERR FTL PNC.
const WORDS: Record<string, Level> = {
  trace: Level.trace,
  trc: Level.trace,
  debug: Level.debug,
  dbg: Level.debug,
  info: Level.info,
  inf: Level.info,
  information: Level.info,
  notice: Level.info,
  log: Level.info,
  warn: Level.warn,
  wrn: Level.warn,
  warning: Level.warn,
  error: Level.error,
  err: Level.error,
  severe: Level.error,
  fatal: Level.fatal,
  ftl: Level.fatal,
  pnc: Level.fatal,
  crit: Level.fatal,
  critical: Level.fatal,
  panic: Level.fatal,
  emerg: Level.fatal,
  emergency: Level.fatal,
  alert: Level.fatal,
}

/** Syslog severities 0..7 (RFC 5424 table 2). */
const SYSLOG: readonly Level[] = [
  Level.fatal, // emerg
  Level.fatal, // alert
  Level.fatal, // crit
  Level.error, // err
  Level.warn, // warning
  Level.info, // notice
  Level.info, // info
  Level.debug, // debug
]

/** WORDS as a list, with their levels at the same index. */
export const LEVEL_WORDS: readonly string[] = Object.keys(WORDS)
export const LEVEL_OF_WORD: readonly Level[] = Object.values(WORDS)
const LONGEST_WORD = Math.max(...LEVEL_WORDS.map((w) => w.length))

// The level word of each length, first and last letter, for matching a word in place with one
// comparison where a list of the words of its length took one each (no two level words of one
// length share both letters): index + 1 in LEVEL_WORDS at `wordSlot`.
const WORD_AT = new Uint8Array((LONGEST_WORD + 1) * 1024)
LEVEL_WORDS.forEach((word, index) => {
  const at = wordSlot(word.length, word.charCodeAt(0), word.charCodeAt(word.length - 1))
  if (WORD_AT[at] !== 0) throw new Error(`level words ${word} and ${LEVEL_WORDS[WORD_AT[at] - 1]}`)
  WORD_AT[at] = index + 1
})

function wordSlot(n: number, first: number, last: number): number {
  return n * 1024 + ((first & 31) << 5) + (last & 31)
}

/**
 * The index in LEVEL_WORDS of the word that a word of `n` characters starting with the code
 * `first` and ending with `last` may be, or -1: the caller compares the whole word (the
 * letters' case, and other characters that `& 31` lands on the same slot).
 */
export function levelWordIndex(n: number, first: number, last: number): number {
  return n <= LONGEST_WORD ? WORD_AT[wordSlot(n, first, last)] - 1 : -1
}

/** The level named by a word (any case, trailing digits allowed: `DEBUG5`), or none. */
export function levelFromWord(word: string): Level {
  return levelOfWord(word, 0, word.length)
}

/** `levelFromWord(text.slice(start, end))`, without the slice or a lowercase copy. */
function levelOfWord(text: string, start: number, end: number): Level {
  while (end > start && isDigit(text.charCodeAt(end - 1))) end--
  const n = end - start
  if (n === 1) {
    // klog and MongoDB letters.
    switch (text.charCodeAt(start)) {
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
  const index = levelWordIndex(n, text.charCodeAt(start), text.charCodeAt(end - 1))
  if (index < 0) return Level.none
  const word = LEVEL_WORDS[index]
  // `| 32` lowercases A-Z and leaves a-z; no other code becomes a lowercase letter.
  for (let k = 0; k < n; k++) {
    if ((text.charCodeAt(start + k) | 32) !== word.charCodeAt(k)) return Level.none
  }
  return LEVEL_OF_WORD[index]
}

/** A numeric level: bunyan/pino (10..60) or Nextcloud/monolog (0 debug .. 4 fatal). */
function levelFromNumber(n: number): Level {
  if (n >= 10) {
    if (n < 20) return Level.trace
    if (n < 30) return Level.debug
    if (n < 40) return Level.info
    if (n < 50) return Level.warn
    if (n < 60) return Level.error
    return Level.fatal
  }
  return [Level.debug, Level.info, Level.warn, Level.error, Level.fatal][n] ?? Level.none
}

/** The texts of the level fields' keys, in priority order: a line with both `"s"` and `level`
 *  fields is read by `level`. A line that holds none of them has no level field. */
export const FIELD_KEYS: readonly string[] = ['level', 'lvl', 'severity', 'PRIORITY', '"s"']
const ANY_FIELD_KEY = /level|lvl|severity|PRIORITY|"s"/

/**
 * The level of one log line. `from` is where the message starts (after the timestamp); the
 * klog letter and a syslog priority are read at column 0 regardless. `mayHoldFieldKey` false
 * says the line holds none of `FIELD_KEYS` (found by the sniff prefilter), so it is not
 * searched for them.
 */
export function detectLevel(line: string, from = 0, mayHoldFieldKey = true): Level {
  const c0 = line.charCodeAt(0)
  // klog: `E1122 18:35:01.123456` — a level letter, four digits, a space.
  if ((c0 === 73 || c0 === 87 || c0 === 69 || c0 === 70) && line.charCodeAt(5) === 32) {
    if (isDigits(line, 1, 5)) return levelOfWord(line, 0, 1)
  }
  // `<3>` syslog priority.
  if (c0 === 60) {
    const close = line.indexOf('>')
    if (close > 1 && close < 5 && isDigits(line, 1, close)) return SYSLOG[+line.slice(1, close) & 7]
  }
  const field = mayHoldFieldKey ? fieldLevel(line) : Level.none
  if (field !== Level.none) return field
  return wordLevel(line, from)
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isDigit(s.charCodeAt(i))) return false
  return true
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/**
 * `level=error`, `"level":"error"`, `"level":50`, `"PRIORITY" : "3"`, `"s":"E"`: the first
 * field (by key priority, then column) whose value names a level.
 *
 * One pass over the `=` and `:` of the line, reading the key back from each, rather than a
 * search of the whole line for each key: most lines hold none of the keys.
 */
function fieldLevel(line: string): Level {
  // `keyEndingAt` finds a key only where its text is: most lines hold none of them, and one
  // regular expression tells so faster than the walk over their separators.
  if (!ANY_FIELD_KEY.test(line)) return Level.none
  const equals0 = line.indexOf('=')
  if (equals0 < 0 && line.indexOf('"') < 0) return Level.none
  // The first level found per key, by index in FIELD_KEYS.
  let found: Level[] | null = null
  let equals = equals0
  let colon = line.indexOf(':')
  while (equals >= 0 || colon >= 0) {
    const sep = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals)
    if (sep === equals) equals = line.indexOf('=', sep + 1)
    else colon = line.indexOf(':', sep + 1)
    const key = keyEndingAt(line, sep)
    if (key < 0 || (found !== null && found[key] !== undefined)) continue
    const level = fieldValueLevel(line, sep + 1, key)
    if (level === Level.none) continue
    if (key === 0) return level
    ;(found ??= [])[key] = level
  }
  if (found !== null) for (const level of found) if (level !== undefined) return level
  return Level.none
}

/**
 * The index in FIELD_KEYS of the key written before the separator at `sep` (a whole key:
 * preceded by a space, quote, brace, comma or the line start; then an optional quote and
 * spaces), or -1.
 */
function keyEndingAt(line: string, sep: number): number {
  let end = sep
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--
  const last = line.charCodeAt(end - 1)
  if (last === 34) {
    // `"s"` carries its own quotes and needs no boundary.
    if (end >= 3 && line.charCodeAt(end - 2) === 115 && line.charCodeAt(end - 3) === 34) return 4
    end--
  }
  // Only the last letters of the keys can end one: `l`, `y`, `Y`.
  const c = line.charCodeAt(end - 1)
  if (c !== 108 && c !== 121 && c !== 89) return -1
  for (let k = 0; k < 4; k++) {
    const key = FIELD_KEYS[k]
    const at = end - key.length
    if (at < 0 || !line.startsWith(key, at)) continue
    const before = at === 0 ? 32 : line.charCodeAt(at - 1)
    if (before === 32 || before === 34 || before === 123 || before === 44) return k
  }
  return -1
}

/** The level named by the value after a field's separator (from `i`), or none. */
function fieldValueLevel(line: string, i: number, key: number): Level {
  while (line.charCodeAt(i) === 32) i++
  if (line.charCodeAt(i) === 34) i++
  let j = i
  let digits = true
  while (j < line.length && j - i < 16) {
    const c = line.charCodeAt(j)
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break
    if (c > 57) digits = false
    j++
  }
  if (j === i) return Level.none
  if (!digits) return levelOfWord(line, i, j)
  const n = +line.slice(i, j)
  return FIELD_KEYS[key] === 'PRIORITY' ? (SYSLOG[n & 7] ?? Level.none) : levelFromNumber(n)
}

/** How far after the timestamp a level word is looked for. */
export const WORD_SCAN = 160

/**
 * Level words after `from`: an all-caps word anywhere in the first 160 characters (`ERROR`,
 * `[WARN]`, ` | ERROR | `, `LOG:`), or a lowercase first word (`info:`, `[error]`, `err`).
 * ANSI colour sequences (`\x1b[31m`) are skipped so `\x1b[1mWARNING` still reads as a word.
 */
function wordLevel(line: string, from: number): Level {
  const end = Math.min(line.length, from + WORD_SCAN)
  let first = true
  let i = from
  while (i < end) {
    const c = line.charCodeAt(i)
    if (c === 27) {
      // ESC [ params final-letter
      i++
      if (line.charCodeAt(i) === 91) i++
      while (i < end && !isLetter(line.charCodeAt(i))) i++
      i++
      continue
    }
    if (!isLetter(c)) {
      i++
      continue
    }
    const start = i
    let upper = true
    while (i < end && isLetter(line.charCodeAt(i))) {
      const d = line.charCodeAt(i)
      if (d >= 97) upper = false
      i++
    }
    // Trailing digits belong to the word (`DEBUG5`); other word characters end it.
    while (i < end && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++
    const next = line.charCodeAt(i)
    const bounded = !(next === 95 || next === 45 || next === 46 || next === 47) || i >= end
    const length = i - start
    if (bounded && length >= 3 && length <= 12 && (upper || first)) {
      const level = levelOfWord(line, start, i)
      if (level !== Level.none) return level
    }
    first = false
  }
  return Level.none
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}
