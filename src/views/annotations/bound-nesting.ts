/**
 * Caps how deeply Markdown can nest before it is rendered. marked parses nested blockquotes
 * and lists by recursion, so about 3,000 `> ` in one line (a 775-character link) overflowed
 * the stack and blanked the page. The editor keeps the text as typed; only the rendering of
 * the excess markers is flattened.
 */

/** Containers (blockquotes, list items) one line may open; deeper markers render as text. */
export const MAX_NESTING = 16
/** Leading spaces kept on a line: enough for `MAX_NESTING` levels of indented lists. */
const MAX_INDENT = MAX_NESTING * 4

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t'
}

/** Length of a list marker at `i` (`- `, `* `, `+ `, `12. `, `3) `), or 0. */
function listMarker(line: string, i: number): number {
  const c = line[i]
  if ((c === '-' || c === '*' || c === '+') && isSpace(line[i + 1])) return 2
  let j = i
  while (j < line.length && j - i < 9 && line[j] >= '0' && line[j] <= '9') j++
  if (j > i && (line[j] === '.' || line[j] === ')') && isSpace(line[j + 1])) return j - i + 2
  return 0
}

function boundLine(line: string): string {
  let i = 0
  let depth = 0
  let cut = -1
  while (i < line.length) {
    if (isSpace(line[i])) {
      i++
      continue
    }
    const marker = line[i] === '>' ? 1 : listMarker(line, i)
    if (marker === 0) break
    i += marker
    if (++depth === MAX_NESTING) cut = i
  }
  let out = line
  if (depth > MAX_NESTING) {
    // Excess markers are dropped from the rendering, with a note that they were.
    out = `${line.slice(0, cut)} (nested ${depth} levels deep; shown at ${MAX_NESTING}) ${line.slice(i)}`
  }
  let indent = 0
  while (indent < out.length && isSpace(out[indent])) indent++
  return indent > MAX_INDENT ? out.slice(indent - MAX_INDENT) : out
}

/** The Markdown with no line nesting deeper than `MAX_NESTING` containers. */
export function boundNesting(markdown: string): string {
  if (markdown.length < MAX_NESTING * 2) return markdown
  return markdown.split('\n').map(boundLine).join('\n')
}
