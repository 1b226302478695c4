/**
 * Log prefixes peeled off the lines of a region.
 *
 * Real pastes carry a prefix on every line (Kubernetes CRI `2023-05-15T00:29:00.060915154Z
 * stderr F `, Kibana `August 3rd 2017, 19:28:27.000 `, syslog `May  2 14:51:13 host kernel: `).
 * The prefix on the line where a format's anchor was found gives the region's prefix *shape*:
 * a digit run, a letter run or a space run becomes one token that matches any run of its kind,
 * everything else is kept literally. Following lines lose whatever matches that shape, so
 * per-line timestamps that differ still peel off.
 *
 * The shape is walked token by token, each run taken whole, so a line costs at most one pass
 * over the characters the prefix covers. A regex built from the prefix (`[A-Za-z]+[ \t]*`
 * repeated) backtracks exponentially on a crafted line: `a a a a a a a a a a panic: boom`
 * followed by a line of `a`s took 26 s.
 */
export type PrefixPeeler = (line: string) => { text: string; prefix: string }

/** One token of a prefix shape. */
export type ShapeToken =
  | { type: 'digits' }
  | { type: 'letters' }
  /** Padding varies (`[ 90.1]`, `[4838261.0]`), so a space run inside the prefix may be
   *  empty; the one that ends the prefix may not. */
  | { type: 'spaces'; min: 0 | 1 }
  | { type: 'literal'; char: number }

const noPrefix: PrefixPeeler = (line) => ({ text: line, prefix: '' })

export function makePrefixPeeler(prefix: string): PrefixPeeler {
  if (prefix === '') return noPrefix
  // Indentation only (a paste indented by 12 spaces, `go test` output): strip it literally
  // where it is present, keep deeper indentation for the format's own use.
  if (prefix.trim() === '') {
    return (line) =>
      line.startsWith(prefix)
        ? { text: line.slice(prefix.length), prefix }
        : { text: line, prefix: '' }
  }
  const shape = prefixShape(prefix)
  return (line) => {
    const end = matchPrefixShape(shape, line)
    return end >= 0
      ? { text: line.slice(end), prefix: line.slice(0, end) }
      : { text: line, prefix: '' }
  }
}

/** The shape of a prefix: its runs of digits, letters and spaces, and its other characters. */
export function prefixShape(prefix: string): ShapeToken[] {
  const out: ShapeToken[] = []
  let i = 0
  while (i < prefix.length) {
    const c = prefix.charCodeAt(i)
    let j = i + 1
    if (isDigit(c)) {
      while (j < prefix.length && isDigit(prefix.charCodeAt(j))) j++
      out.push({ type: 'digits' })
    } else if (isLetter(c)) {
      while (j < prefix.length && isLetter(prefix.charCodeAt(j))) j++
      out.push({ type: 'letters' })
    } else if (isSpace(c)) {
      while (j < prefix.length && isSpace(prefix.charCodeAt(j))) j++
      out.push({ type: 'spaces', min: j === prefix.length ? 1 : 0 })
    } else {
      out.push({ type: 'literal', char: c })
    }
    i = j
  }
  return out
}

/**
 * How many characters at the start of `line` match `shape`, or -1. Each run token takes the
 * whole run of its kind (never gives characters back), so the walk is linear in the line:
 * a line that splits one run into two (`ab` for the shape of `a b`) does not match.
 */
export function matchPrefixShape(shape: readonly ShapeToken[], line: string): number {
  let at = 0
  for (const token of shape) {
    if (token.type === 'literal') {
      if (line.charCodeAt(at) !== token.char) return -1
      at++
      continue
    }
    const is = token.type === 'digits' ? isDigit : token.type === 'letters' ? isLetter : isSpace
    const start = at
    while (at < line.length && is(line.charCodeAt(at))) at++
    const min = token.type === 'spaces' ? token.min : 1
    if (at - start < min) return -1
  }
  return at
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9
}
