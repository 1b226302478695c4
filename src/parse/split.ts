/**
 * Where to cut one large file so several workers can parse it at once: just after a blank
 * line near each even share. Records of a dump (goroutines, threads, leak blocks) are
 * separated by blank lines, so no record is cut in two. Where there is no blank line nearby
 * (a plain log) the cut is after a line break; binary-looking data is not cut.
 */
const SEARCH_WINDOW = 1 << 20

export async function findSplitPoints(blob: Blob, parts: number): Promise<number[]> {
  const cuts: number[] = []
  for (let k = 1; k < parts; k++) {
    const target = Math.floor((blob.size * k) / parts)
    if (target <= (cuts.at(-1) ?? 0)) continue
    const window = new Uint8Array(await blob.slice(target, target + SEARCH_WINDOW).arrayBuffer())
    // A blank line ends a record; a log has none, and any line break ends one of its entries.
    let cut = findBlankLineEnd(window)
    if (cut === -1 && looksLikeLines(window)) cut = window.indexOf(10) + 1
    if (cut > 0) cuts.push(target + cut)
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

/** Text with ordinary line lengths: a line break in the first 64 KB and no NUL bytes. */
function looksLikeLines(bytes: Uint8Array): boolean {
  const nl = bytes.indexOf(10)
  return nl !== -1 && nl < 1 << 16 && bytes.subarray(0, 1 << 16).indexOf(0) === -1
}
