import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readCsv } from '../../test/read-csv'
import { csvField, formatCsv } from './csv'

describe('CSV', () => {
  it.each([
    ['plain', 'abc', 'abc'],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'one\ntwo', '"one\ntwo"'],
    ['a formula', '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['a plus', '+1 555', "'+1 555"],
    ['a minus', '-2+3', "'-2+3"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab first', '\t=1', "'\t=1"],
    ['a minus inside', 'a-b', 'a-b'],
  ])('writes %s', (_, value, written) => {
    expect(csvField(value)).toBe(written)
  })

  it('reads back as written, with formulas guarded by an apostrophe', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 5 }),
          {
            maxLength: 6,
          },
        ),
        (rows) => {
          const guard = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)
          expect(readCsv(formatCsv(rows))).toEqual(rows.map((r) => r.map(guard)))
        },
      ),
      { numRuns: 100 },
    )
  })
})
