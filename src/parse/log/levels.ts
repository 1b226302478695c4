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

const WORDS: Record<string, Level> = {
  trace: Level.trace,
  debug: Level.debug,
  info: Level.info,
  information: Level.info,
  notice: Level.info,
  log: Level.info,
  warn: Level.warn,
  warning: Level.warn,
  error: Level.error,
  err: Level.error,
  severe: Level.error,
  fatal: Level.fatal,
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

/** The level named by a word (any case, trailing digits allowed: `DEBUG5`), or none. */
export function levelFromWord(word: string): Level {
  let w = word
  let end = w.length
  while (end > 0 && w.charCodeAt(end - 1) >= 48 && w.charCodeAt(end - 1) <= 57) end--
  if (end !== w.length) w = w.slice(0, end)
  if (w.length === 1) {
    // klog and MongoDB letters.
    switch (w) {
      case 'I':
        return Level.info
      case 'W':
        return Level.warn
      case 'E':
        return Level.error
      case 'F':
        return Level.fatal
      case 'D':
        return Level.debug
      default:
        return Level.none
    }
  }
  return WORDS[w.toLowerCase()] ?? Level.none
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

const FIELD_KEYS = ['level', 'lvl', 'severity', 'PRIORITY', '"s"']

/**
 * The level of one log line. `from` is where the message starts (after the timestamp); the
 * klog letter and a syslog priority are read at column 0 regardless.
 */
export function detectLevel(line: string, from = 0): Level {
  const c0 = line.charCodeAt(0)
  // klog: `E1122 18:35:01.123456` — a level letter, four digits, a space.
  if ((c0 === 73 || c0 === 87 || c0 === 69 || c0 === 70) && line.charCodeAt(5) === 32) {
    if (isDigits(line, 1, 5)) return levelFromWord(line[0])
  }
  // `<3>` syslog priority.
  if (c0 === 60) {
    const close = line.indexOf('>')
    if (close > 1 && close < 5 && isDigits(line, 1, close)) return SYSLOG[+line.slice(1, close) & 7]
  }
  const field = fieldLevel(line)
  if (field !== Level.none) return field
  return wordLevel(line, from)
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/** `level=error`, `"level":"error"`, `"level":50`, `"PRIORITY" : "3"`, `"s":"E"`. */
function fieldLevel(line: string): Level {
  if (line.indexOf('=') < 0 && line.indexOf('"') < 0) return Level.none
  for (const key of FIELD_KEYS) {
    let at = line.indexOf(key)
    while (at >= 0) {
      const before = at === 0 ? 32 : line.charCodeAt(at - 1)
      // A whole key: preceded by a space, quote, brace or comma.
      if (before === 32 || before === 34 || before === 123 || before === 44 || key[0] === '"') {
        let i = at + key.length
        if (line.charCodeAt(i) === 34 && key[0] !== '"') i++
        while (line.charCodeAt(i) === 32) i++
        const sep = line.charCodeAt(i)
        if (sep === 61 || sep === 58) {
          i++
          while (line.charCodeAt(i) === 32) i++
          if (line.charCodeAt(i) === 34) i++
          let j = i
          while (j < line.length && j - i < 16) {
            const c = line.charCodeAt(j)
            if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break
            j++
          }
          if (j > i) {
            const value = line.slice(i, j)
            const level = isDigits(value, 0, value.length)
              ? key === 'PRIORITY'
                ? (SYSLOG[+value & 7] ?? Level.none)
                : levelFromNumber(+value)
              : levelFromWord(value)
            if (level !== Level.none) return level
          }
        }
      }
      at = line.indexOf(key, at + 1)
    }
  }
  return Level.none
}

const WORD_SCAN = 160

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
      const level = levelFromWord(line.slice(start, i))
      if (level !== Level.none) return level
    }
    first = false
  }
  return Level.none
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}
