/**
 * Finds the values of secret-named keys (`password=…`, `DB_PASSWORD: …`, `"api_key": "…"`,
 * `AWS_SECRET_ACCESS_KEY=…`) by scanning, not with one big regex: the separators and quotes
 * come in many spellings (a log's `"`, JSON's `\"`, HTML's `&quot;`, a URL's `%3D`), and a
 * regex covering them all cannot be proven linear. Each key is found by a plain alternation,
 * then the few characters after it are read by hand, and the value is cut at `MAX_VALUE`.
 */

/** Key names that hold secrets; a longer name ending in one (`DB_PASSWORD`) is found by its end. */
const KEY =
  /client[_-]?secret|secret[_-]?key|secret|passwd|password|pwd|auth[_-]?token|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?/gi

/** Quotes as a log, JSON (`\"`), HTML (`&quot;`, `&#39;`) or a URL (`%22`) writes them. */
const QUOTES = ['&quot;', '&#34;', '&#39;', '&apos;', '%22', '%27', '"', "'"]
const SEPARATORS = ['=', ':', '%3d', '%3a']
/** Characters that end a value. */
const VALUE_END = new Set([
  ' ',
  '\t',
  '\n',
  '\r',
  '\f',
  '\v',
  '"',
  "'",
  ',',
  ';',
  '&',
  '<',
  '>',
  '\\',
])
const MAX_VALUE = 4096
const MIN_VALUE = 4

function skipQuote(text: string, at: number): number {
  let i = at
  while (i < at + 3 && text[i] === '\\') i++
  const lower = text.slice(i, i + 6).toLowerCase()
  const quote = QUOTES.find((q) => lower.startsWith(q))
  return quote ? i + quote.length : at
}

function skipSpaces(text: string, at: number): number {
  let i = at
  while (i < at + 3 && (text[i] === ' ' || text[i] === '\t')) i++
  return i
}

/** [start, end) of each secret value in `text`. */
export function findKeyValueSecrets(text: string): [number, number][] {
  const spans: [number, number][] = []
  let after = 0
  for (const m of text.matchAll(KEY)) {
    let i = m.index + m[0].length
    if (i < after) continue
    i = skipSpaces(text, skipQuote(text, i))
    const lower = text.slice(i, i + 3).toLowerCase()
    const sep = SEPARATORS.find((s) => lower.startsWith(s))
    if (!sep) continue
    i = skipQuote(text, skipSpaces(text, i + sep.length))
    let end = i
    while (end < text.length && end - i < MAX_VALUE && !VALUE_END.has(text[end])) end++
    if (end - i < MIN_VALUE) continue
    spans.push([i, end])
    after = end
  }
  return spans
}
