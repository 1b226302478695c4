import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inputFromBytes } from '../test/incident-snapshot'
import { parseInputs } from './index'
import { makePrefixPeeler, matchPrefixShape, prefixShape, type ShapeToken } from './prefix'
import { MAX_LINE_LENGTH } from './scanner'

describe('makePrefixPeeler', () => {
  it.each<[string, string, string, string]>([
    [
      'Kubernetes CRI',
      '2023-05-15T00:29:00.060915154Z stderr F ',
      '2023-05-15T00:29:00.06097619Z stderr F runtime.throw({0xf084e8?, 0x1679de0?})',
      'runtime.throw({0xf084e8?, 0x1679de0?})',
    ],
    [
      'Kibana date',
      'August 3rd 2017, 19:28:27.000 ',
      'August 3rd 2017, 19:28:28.120    /usr/local/go/src/runtime/panic.go:596 +0x95',
      '/usr/local/go/src/runtime/panic.go:596 +0x95',
    ],
    [
      'dmesg padding',
      '[   90.864905] ',
      '[4838261.071917] haproxy[610]: segfault',
      'haproxy[610]: segfault',
    ],
    [
      'syslog with a two-word host',
      'May  2 14:51:13 web front kernel: ',
      'May 12 14:51:14 db back kernel: Code: Bad RIP value.',
      'Code: Bad RIP value.',
    ],
    ['indentation', '        ', '        \truntime/sema.go:62 +0x25', '\truntime/sema.go:62 +0x25'],
  ])('peels a %s prefix from following lines', (_name, prefix, line, text) => {
    expect(makePrefixPeeler(prefix)(line).text).toBe(text)
  })

  it('leaves a line without the prefix alone', () => {
    const peel = makePrefixPeeler('2023-05-15T00:29:00.060915154Z stderr F ')
    expect(peel('goroutine 1 [running]:')).toEqual({ text: 'goroutine 1 [running]:', prefix: '' })
  })

  it('takes each run whole: a line that would need one run split in two is not peeled', () => {
    expect(makePrefixPeeler('a b: ')('ab: x')).toEqual({ text: 'ab: x', prefix: '' })
  })
})

/**
 * The same shape as a regex whose runs cannot give characters back: `(?=(X+))\1` is an
 * atomic group in JavaScript (a lookahead is never re-entered). Safe only on short lines
 * here; it states what the walk must answer.
 */
function referenceRegex(shape: readonly ShapeToken[]): RegExp {
  const atomic = (cls: string, n: number) => `(?=(${cls}${'+'}))\\${n}`
  let n = 0
  const source = shape
    .map((t) => {
      if (t.type === 'literal') {
        return '\\u' + t.char.toString(16).padStart(4, '0')
      }
      n++
      if (t.type === 'digits') return atomic('[0-9]', n)
      if (t.type === 'letters') return atomic('[A-Za-z]', n)
      return t.min === 1 ? atomic('[ \\t]', n) : `(?:${atomic('[ \\t]', n)})?`
    })
    .join('')
  return new RegExp('^' + source)
}

/** Prefix-like text: runs of letters, digits and padding, and the punctuation of timestamps. */
const prefixChars = fc.constantFrom('a', 'Z', '7', '0', ' ', ' ', '\t', ':', '.', '-', '[', ']')
const prefixText = (maxLength: number) =>
  fc.array(prefixChars, { minLength: 1, maxLength }).map((cs) => cs.join(''))

describe('matchPrefixShape', () => {
  it('agrees with an atomic-group regex of the same shape', () => {
    fc.assert(
      fc.property(prefixText(24), prefixText(40), (prefix, line) => {
        const shape = prefixShape(prefix)
        const m = referenceRegex(shape).exec(line)
        expect(matchPrefixShape(shape, line)).toBe(m ? m[0].length : -1)
        // A prefix always matches the line it came from, in full.
        expect(matchPrefixShape(shape, prefix + '!')).toBe(prefix.length)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('a crafted prefix cannot make parsing backtrack', () => {
  // These took 26 s, never finished, and 11 s when the shape was a regex built at run time.
  const words = (n: number) => 'a '.repeat(n) + 'panic: boom\n' + 'a'.repeat(41) + '\n'
  const syslog = () =>
    Array.from(
      { length: 10 },
      (_, i) =>
        `May  2 14:51:${10 + i} web front kernel: app[${i}]: segfault at 0 ip 00007f sp 00007f error 4 in libc.so.6[7f+1000]\n` +
        `May  2 14:51:${10 + i} ${'a'.repeat(1500)}\n`,
    ).join('')

  it.each([
    ['10 words before a panic', words(10), 2],
    ['24 words before a panic', words(24), 2],
    ['syslog with two-word hosts', syslog(), 20],
  ])('%s', async (_name, text, lines) => {
    const incident = await parseInputs([inputFromBytes('x.log', new TextEncoder().encode(text))])
    const source = incident.sources[0]
    expect(source.lines).toBe(lines)
    // Every line read: in a region or counted as not recognised.
    const inRegions = source.regions.reduce((n, r) => n + r.lastLine - r.firstLine + 1, 0)
    expect(inRegions + source.unrecognizedLines).toBe(lines)
  })

  /**
   * Any prefix of up to 200 characters against lines of up to 64 KB: peeling four times
   * longer lines costs about four times the CPU time (a backtracking shape costs 16 times
   * or more, if it finishes). The lines are the worst a shape meets: the prefix cut anywhere
   * and continued by one run of letters, digits or spaces, then a character that fails.
   */
  it('stays linear for any prefix up to 200 characters and lines up to 64 KB', () => {
    const cases = fc.sample(
      fc.record({
        prefix: prefixText(200),
        cut: fc.nat(),
        fill: fc.constantFrom('a', '7', ' ', 'a ', '7.', 'a1 '),
        tail: fc.constantFrom('', '!', ':'),
      }),
      { numRuns: 150, seed: 18 },
    )
    const lines = (length: number) =>
      cases.map(({ prefix, cut, fill, tail }) => {
        const head = prefix.slice(0, cut % (prefix.length + 1))
        const body = fill.repeat(Math.ceil((length - head.length) / fill.length))
        return { peel: makePrefixPeeler(prefix), line: (head + body).slice(0, length - 1) + tail }
      })
    const small = lines(MAX_LINE_LENGTH / 4)
    const large = lines(MAX_LINE_LENGTH)
    const cpu = (work: { peel: (line: string) => unknown; line: string }[]) => {
      let best = Infinity
      for (let run = 0; run < 5; run++) {
        const start = process.cpuUsage()
        for (let k = 0; k < 4; k++) for (const { peel, line } of work) peel(line)
        const used = process.cpuUsage(start)
        best = Math.min(best, (used.user + used.system) / 1000)
      }
      return best
    }
    cpu(small) // warm up the JIT
    // Linear reads 4, quadratic 16; a busy machine's noise reached 8.
    const ratio = cpu(large) / Math.max(cpu(small), 1)
    expect(ratio).toBeLessThan(10)
  })
})
