/**
 * Ticks for an axis of bytes whose largest value is `max`, at round steps of the unit the
 * labels are read in (powers of 1024, as `formatBytes` prints them): 0, 250 KB, 500 KB … rather
 * than a decimal step printed in KB (244 KB, 488 KB, 732 KB). Null for an empty axis.
 */
export function bytesAxisTicks(max: number, count = 4): number[] | null {
  if (!(max > 0)) return null
  let unit = 1
  while (max / unit >= 1024 && unit < 1024 ** 4) unit *= 1024
  const rough = max / unit / count
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  // Bytes are whole: no step below one.
  const step =
    Math.max(
      1,
      [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!,
    ) * unit
  const ticks: number[] = []
  for (let t = 0; t < max + step; t += step) ticks.push(t)
  return ticks
}
