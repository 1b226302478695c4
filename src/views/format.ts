/** Display formatting shared by views (plain functions, no React). */

export { formatBytes } from '../lib/format-bytes'

const integer = new Intl.NumberFormat('en-US')

export function formatCount(n: number): string {
  return integer.format(n)
}

/** `1 line`, `2,048 lines`: a count and its noun, singular for one. */
export function countOf(n: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : nouns}`
}

export function formatWait(range: [number, number] | null): string {
  if (!range) return ''
  const [min, max] = range
  return min === max ? `${min} min` : `${min}–${max} min`
}

/** A time on the timeline's clock: ISO-like in UTC or local, or `+12.345 s` since boot. */
export function formatTime(
  ms: number,
  clock: 'absolute' | 'relative',
  zone: 'utc' | 'local' = 'utc',
): string {
  if (Number.isNaN(ms)) return '—'
  if (clock === 'relative') return `+${(ms / 1000).toFixed(3)} s`
  const d = new Date(ms)
  if (zone === 'utc') return d.toISOString().replace('T', ' ').replace('Z', ' UTC')
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** A short axis tick: time of day, or seconds since boot. */
export function formatTick(
  ms: number,
  clock: 'absolute' | 'relative',
  zone: 'utc' | 'local' = 'utc',
): string {
  if (clock === 'relative') return `${Math.round(ms / 1000)} s`
  const d = new Date(ms)
  const [h, m, s] =
    zone === 'utc'
      ? [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
      : [d.getHours(), d.getMinutes(), d.getSeconds()]
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`
}
