/**
 * Copies a string so it no longer shares memory with the chunk it was sliced from.
 *
 * V8 represents `line.slice(a, b)` as a view into `line`, and `line` as a view into the
 * decoded chunk it came from. An interned string kept for the model's lifetime would keep
 * the whole multi-megabyte chunk alive, so strings that outlive parsing are rebuilt from
 * their code units, which always yields a new flat string.
 */
export function flatString(s: string): string {
  const step = 8192
  let out = ''
  for (let i = 0; i < s.length; i += step) {
    const units: number[] = []
    const end = Math.min(s.length, i + step)
    for (let j = i; j < end; j++) units.push(s.charCodeAt(j))
    out += String.fromCharCode(...units)
  }
  return out
}
