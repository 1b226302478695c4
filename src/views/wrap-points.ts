/**
 * Where a symbol, path or stack line may wrap: after `/`, `\`, `.`, `)` and `,`, and before
 * `(`, so `example.com/edgeproxy/internal/dns.(*singleflightGroup).Do` wraps between its parts.
 * A `file:line` token (`cgocall.go:133`, `main.c:42:7`) is never split: a line that reads
 * `cgocall.go:1` then `33` quotes the wrong line. One pass, no backtracking: a frame name can
 * be a hostile megabyte.
 */
const BREAK_AFTER = new Set(['/', '\\', '.', ')', ','])
const SEPARATOR = /[\s/\\(),]/
const ENDS_WITH_LINE = /:\d+(?::\d+)?$/
const SPACE = /\s/

/** `name.ext:line`, the word between separators that names a source line. */
function isFileLine(word: string): boolean {
  return word.includes('.') && ENDS_WITH_LINE.test(word)
}

/** The text cut at its wrap points; joined, the parts are the text again. */
export function wrapPoints(text: string): string[] {
  // Which characters belong to a file:line word, which must stay whole.
  const kept = new Uint8Array(text.length)
  for (let start = 0, i = 0; i <= text.length; i++) {
    if (i < text.length && !SEPARATOR.test(text[i])) continue
    if (i > start && isFileLine(text.slice(start, i))) kept.fill(1, start, i)
    start = i + 1
  }
  const parts: string[] = []
  let start = 0
  for (let i = 1; i < text.length; i++) {
    const canBreak = BREAK_AFTER.has(text[i - 1]) || text[i] === '('
    if (!canBreak || SPACE.test(text[i]) || SPACE.test(text[i - 1])) continue
    if (kept[i - 1] && kept[i]) continue
    parts.push(text.slice(start, i))
    start = i
  }
  parts.push(text.slice(start))
  return parts
}
