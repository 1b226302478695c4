/**
 * The kernel's time since boot inside a syslog line: `Nov 22 18:35:01 host kernel: [4838261.071917] ...`
 * (rsyslog and syslog-ng forward the kernel ring buffer with dmesg's `[%5lu.%06lu]` stamp,
 * kernel/printk/printk.c print_time()). Read by hand after the date: one check per line.
 */

/** What follows the host on a kernel line forwarded by syslog. */
export const KERNEL_TAG = 'kernel: ['
/** Host names longer than this are not a syslog host field. */
const MAX_HOST = 64

/**
 * Milliseconds since boot printed after the host at column `from` (just after the date), or
 * NaN when the line is not a kernel line with a `[seconds]` stamp.
 */
export function readSinceBootAfter(line: string, from: number): number {
  let i = from
  while (line.charCodeAt(i) === 32) i++
  const space = line.indexOf(' ', i)
  if (space < 0 || space - i > MAX_HOST || !line.startsWith(KERNEL_TAG, space + 1)) return NaN
  i = space + 1 + KERNEL_TAG.length
  while (line.charCodeAt(i) === 32) i++
  let seconds = 0
  const first = i
  for (let c = line.charCodeAt(i); c >= 48 && c <= 57; c = line.charCodeAt(++i)) {
    seconds = seconds * 10 + (c - 48)
  }
  if (i === first || line.charCodeAt(i) !== 46 /* . */) return NaN
  let fraction = 0
  let scale = 1
  for (let c = line.charCodeAt(++i); c >= 48 && c <= 57; c = line.charCodeAt(++i)) {
    fraction = fraction * 10 + (c - 48)
    scale *= 10
  }
  if (scale === 1 || line.charCodeAt(i) !== 93 /* ] */) return NaN
  return seconds * 1000 + (fraction / scale) * 1000
}

/**
 * Whether the line `bytes[.., end)` (ASCII, one byte per character) has the kernel's tag after
 * the host at `from`, where `readSinceBootAfter` looks for it: false says it reads no time
 * since boot there.
 */
export function holdsKernelTagAfter(bytes: Uint8Array, from: number, end: number): boolean {
  let i = from
  while (i < end && bytes[i] === 32) i++
  const host = i
  while (i < end && bytes[i] !== 32) i++
  if (i - host > MAX_HOST || i + KERNEL_TAG.length >= end) return false
  for (let k = 0; k < KERNEL_TAG.length; k++)
    if (bytes[i + 1 + k] !== KERNEL_TAG.charCodeAt(k)) return false
  return true
}
