/**
 * Where to cut one large file so several workers can parse it at once: just after a blank
 * line near each even share. Records of a dump (goroutines, threads, leak blocks) are
 * separated by blank lines, so no record is cut in two. Where there is no blank line nearby
 * (a plain log, a bcc memleak report) the cut is before a line that starts at its first
 * column: indented lines continue the entry above them (a stack's frames under a memleak
 * snapshot header, a Java trace under its log line). Binary-looking data is not cut.
 */
const SEARCH_WINDOW = 1 << 20

export async function findSplitPoints(blob: Blob, parts: number): Promise<number[]> {
  const cuts: number[] = []
  for (let k = 1; k < parts; k++) {
    const target = Math.floor((blob.size * k) / parts)
    if (target <= (cuts.at(-1) ?? 0)) continue
    const window = new Uint8Array(await blob.slice(target, target + SEARCH_WINDOW).arrayBuffer())
    // A blank line ends a record; a log has none, and any line break ends one of its entries.
    let cut = findCut(window, false)
    if (cut === -1 && looksLikeLines(window)) cut = findEntryStart(window)
    if (cut > 0) cuts.push(target + cut)
  }
  return [0, ...cuts, blob.size]
}

/**
 * Offset just past the first blank line (`\n\n`, `\n\r\n`, `\n\r\r\n`, or `\r\r` where lines end
 * with a lone `\r`), else (if `anyBreak`) just past the first line break, or -1. A cut never
 * falls between the `\r` and `\n` of one break, which would add a line.
 */
function findCut(bytes: Uint8Array, anyBreak: boolean): number {
  const crOnly = bytes.subarray(0, 1 << 16).indexOf(10) === -1
  const brk = crOnly ? 13 : 10
  let first = -1
  for (
    let i = bytes.indexOf(brk);
    i !== -1 && i + 1 < bytes.length;
    i = bytes.indexOf(brk, i + 1)
  ) {
    if (crOnly && bytes[i + 1] === 10) continue
    if (first === -1) first = i + 1
    if (bytes[i + 1] === brk && !(crOnly && bytes[i + 2] === 10)) return i + 2
    if (!crOnly && bytes[i + 1] === 13) {
      // `\r`s before `\n` are one break.
      let j = i + 2
      while (bytes[j] === 13) j++
      if (bytes[j] === 10) return j + 1
    }
  }
  return anyBreak ? first : -1
}

/**
 * Offset of the first line that is not indented (a log entry, not its continuation), else just
 * past the first line break.
 */
function findEntryStart(bytes: Uint8Array): number {
  const brk = bytes.subarray(0, 1 << 16).indexOf(10) === -1 ? 13 : 10
  for (
    let i = bytes.indexOf(brk);
    i !== -1 && i + 1 < bytes.length;
    i = bytes.indexOf(brk, i + 1)
  ) {
    const next = bytes[i + 1]
    if (next !== 32 && next !== 9 && next !== 10 && next !== 13) return i + 1
  }
  return bytes.indexOf(brk) + 1
}

/** Text with ordinary line lengths: a line break in the first 64 KB and no NUL bytes. */
function looksLikeLines(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1 << 16)
  return (head.indexOf(10) !== -1 || head.indexOf(13) !== -1) && head.indexOf(0) === -1
}
