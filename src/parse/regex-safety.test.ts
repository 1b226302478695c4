import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { checkSync } from 'recheck'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * Every regular expression in the parsers and the model is checked for catastrophic
 * backtracking: parsers run on hostile input of hundreds of megabytes, and one super-linear
 * regex turns a crafted line into a frozen tab.
 */
const roots = ['src/parse', 'src/model', 'src/lib']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name.startsWith('__') ? [] : sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

type Found = { where: string; source: string; flags: string }

function regexesIn(path: string): Found[] {
  const text = readFileSync(path, 'utf8')
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true)
  const found: Found[] = []
  const where = (node: ts.Node) =>
    `${relative('.', path)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const literal = node.text
      const end = literal.lastIndexOf('/')
      found.push({
        where: where(node),
        source: literal.slice(1, end),
        flags: literal.slice(end + 1),
      })
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp' &&
      node.arguments?.[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      const flags =
        node.arguments[1] && ts.isStringLiteralLike(node.arguments[1]) ? node.arguments[1].text : ''
      found.push({ where: where(node), source: node.arguments[0].text, flags })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

const all = roots.flatMap(sourceFiles).flatMap(regexesIn)

/**
 * recheck takes about a second per regex, so results are memoised in a committed file keyed by
 * the exact source and flags: an entry can never be stale, and a new or changed regex is
 * checked for real. Refresh with `npm run regex:cache`.
 */
const CACHE = 'src/parse/regex-safety.cache.json'
const cacheKey = (r: Found) => `/${r.source}/${r.flags.replace(/[gy]/g, '')}`
const provenSafe = new Set<string>(existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, 'utf8')) : [])
const newlySafe = new Set<string>()
afterAll(() => {
  if (!process.env.UPDATE_REGEX_CACHE) return
  // Only the regexes the sources still hold: entries for removed ones are dropped.
  const keys = [...new Set(all.map(cacheKey))]
    .filter((k) => provenSafe.has(k) || newlySafe.has(k))
    .sort()
  writeFileSync(CACHE, JSON.stringify(keys, null, 1) + '\n')
})

describe('regular expressions', () => {
  it('are found in the parsers', () => {
    expect(all.length).toBeGreaterThan(0)
  })

  it.each(all.map((r) => [r.where, r] as const))(
    '%s cannot backtrack catastrophically',
    (_where, r) => {
      // Proven safe before, by this same check on this exact source and flags. (recheck falls
      // back to random fuzzing on large patterns, so a fresh run can report a different verdict.)
      if (provenSafe.has(cacheKey(r))) return
      const result = checkSync(r.source, r.flags.replace(/[gy]/g, ''), { timeout: 60_000 })
      const complexity =
        result.status === 'vulnerable'
          ? `${result.complexity.type}: attack ${JSON.stringify(result.attack.pattern)}`
          : ''
      expect({ status: result.status, complexity }).toEqual({ status: 'safe', complexity: '' })
      newlySafe.add(cacheKey(r))
    },
  )
})
