/**
 * Where to cut one large file so several workers can parse it at once: just after a blank
 * line near each even share. Records of a dump (goroutines, threads, leak blocks) are
 * separated by blank lines, so no record is cut in two. A part with no blank line near its
 * cut is merged with the next one.
 */
const SEARCH_WINDOW = 1 << 20

export async function findSplitPoints(blob: Blob, parts: number): Promise<number[]> {
  const cuts: number[] = []
  for (let k = 1; k < parts; k++) {
    const target = Math.floor((blob.size * k) / parts)
    if (target <= (cuts.at(-1) ?? 0)) continue
    const window = new Uint8Array(await blob.slice(target, target + SEARCH_WINDOW).arrayBuffer())
    const cut = findBlankLineEnd(window)
    if (cut !== -1) cuts.push(target + cut)
  }
  return [0, ...cuts, blob.size]
}

/** Offset just past the first `\n\n` (or `\n\r\n`), or -1. */
function findBlankLineEnd(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(10); i !== -1 && i + 1 < bytes.length; i = bytes.indexOf(10, i + 1)) {
    if (bytes[i + 1] === 10) return i + 2
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return i + 3
  }
  return -1
}
