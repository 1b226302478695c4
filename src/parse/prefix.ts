/**
 * Log prefixes peeled off the lines of a region.
 *
 * Real pastes carry a prefix on every line (Kubernetes CRI `2023-05-15T00:29:00.060915154Z
 * stderr F `, Kibana `August 3rd 2017, 19:28:27.000 `, syslog `May  2 14:51:13 host kernel: `).
 * The prefix on the line where a format's anchor was found gives the region's prefix *shape*:
 * digit runs become `\d+`, letter runs `[A-Za-z]+`, space runs `\s+`, everything else is kept
 * literally. Following lines lose whatever matches that shape, so per-line timestamps that
 * differ still peel off.
 */
export type PrefixPeeler = (line: string) => { text: string; prefix: string }

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
  const shape = new RegExp('^' + prefixShapeSource(prefix))
  return (line) => {
    const m = shape.exec(line)
    return m ? { text: line.slice(m[0].length), prefix: m[0] } : { text: line, prefix: '' }
  }
}

/** The regex source for a prefix's shape (exported for tests). */
export function prefixShapeSource(prefix: string): string {
  let out = ''
  let i = 0
  while (i < prefix.length) {
    const c = prefix[i]
    let j = i + 1
    if (isDigit(c)) {
      while (j < prefix.length && isDigit(prefix[j])) j++
      out += '\\d+'
    } else if (isLetter(c)) {
      while (j < prefix.length && isLetter(prefix[j])) j++
      out += '[A-Za-z]+'
    } else if (c === ' ' || c === '\t') {
      while (j < prefix.length && (prefix[j] === ' ' || prefix[j] === '\t')) j++
      // Padding varies (`[ 90.1]`, `[4838261.0]`), so inner runs may be empty.
      out += j === prefix.length ? '[ \\t]+' : '[ \\t]*'
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    }
    i = j
  }
  return out
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
