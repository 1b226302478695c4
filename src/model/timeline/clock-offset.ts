import type { Milliseconds } from '../types'

/**
 * Clock offsets as people type them: `+2h`, `-90s`, `1h30m`, `-1500ms`, `+00:05:00`, `+02:00`.
 * `H:MM` reads as hours and minutes, as in a UTC offset: the usual cause of two logs
 * disagreeing is one of them written in local time.
 */

export type ParsedOffset = { type: 'ok'; ms: Milliseconds } | { type: 'error'; message: string }

// `[+-]H:MM`, `[+-]H:MM:SS`, `[+-]H:MM:SS.fff`.
const CLOCK_RE = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,3}))?)?$/
// One `<number><unit>` term; terms may be separated by spaces (`1h 30m`).
const TERM_RE = /^(\d+(?:\.\d+)?) ?(ms|sec|min|s|m|h|d)(?![a-z]) ?/
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
}
/** Offsets beyond a year are typing mistakes, not clocks that disagree. */
const MAX_OFFSET_MS = 366 * UNIT_MS.d

/** Reads an offset; an empty field or `0` is no offset. */
export function parseClockOffset(text: string): ParsedOffset {
  let rest = text.trim().toLowerCase()
  if (rest === '') return { type: 'ok', ms: 0 }
  let sign = 1
  if (rest[0] === '+' || rest[0] === '-' || rest[0] === '−') {
    if (rest[0] !== '+') sign = -1
    rest = rest.slice(1).trimStart()
  }
  let ms = 0
  // A bare zero needs no unit.
  if (rest === '0') return { type: 'ok', ms: 0 }
  const clock = CLOCK_RE.exec(rest)
  if (clock) {
    const [, h, m, s = '0', frac = '0'] = clock
    ms =
      Number(h) * UNIT_MS.h +
      Number(m) * UNIT_MS.m +
      Number(s) * UNIT_MS.s +
      Number(frac.padEnd(3, '0'))
  } else {
    let terms = 0
    for (let term = TERM_RE.exec(rest); term; term = TERM_RE.exec(rest)) {
      ms += Number(term[1]) * UNIT_MS[term[2]]
      rest = rest.slice(term[0].length)
      terms++
    }
    if (terms === 0 || rest !== '') {
      return {
        type: 'error',
        message: `“${text.trim()}” is not an offset: write e.g. +2h, -90s, 1h30m, -1500ms or +00:05:00.`,
      }
    }
  }
  ms = Math.round(ms)
  if (ms > MAX_OFFSET_MS) return { type: 'error', message: 'An offset can be at most a year.' }
  return { type: 'ok', ms: sign * ms || 0 }
}

/** Writes an offset the way `parseClockOffset` reads it back: `+1h30m`, `-1s500ms`, `0`. */
export function formatClockOffset(ms: Milliseconds): string {
  if (ms === 0 || !Number.isFinite(ms)) return '0'
  let rest = Math.round(Math.abs(ms))
  let out = ms < 0 ? '-' : '+'
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = UNIT_MS[unit]
    const count = Math.floor(rest / size)
    if (count > 0) out += `${count}${unit}`
    rest -= count * size
  }
  return out
}
