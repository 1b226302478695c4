import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { StringIndex } from './string-index'

function table(mapStrings?: number) {
  const strings: string[] = []
  const index = new StringIndex(strings, mapStrings)
  const intern = (s: string) => index.intern(s, (t) => strings.push(t) - 1)
  return { strings, index, intern }
}

describe('StringIndex', () => {
  // With a map of 100 strings at most, the table takes over early and grows several times.
  it('gives each distinct string one index, in the order first seen, across growth', () => {
    const { strings, index, intern } = table(100)
    const names = Array.from({ length: 20_000 }, (_, i) => `main.worker${i}`)
    expect(names.map(intern)).toEqual(names.map((_, i) => i))
    // Again, as slices of a longer text (how parsers hand them over): the same indices.
    const text = names.join('\n')
    let at = 0
    for (let i = 0; i < names.length; i++) {
      expect(intern(text.slice(at, at + names[i].length))).toBe(i)
      at += names[i].length + 1
    }
    expect(strings).toEqual(names)
    expect(index.size).toBe(names.length)
  })

  it('agrees with a Map on any strings, empty and non-ASCII ones too, in either form', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 5, 1000),
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 300 }),
        (mapStrings, list) => {
          const { intern } = table(mapStrings)
          const reference = new Map<string, number>()
          for (const s of list) {
            if (!reference.has(s)) reference.set(s, reference.size)
            expect(intern(s)).toBe(reference.get(s))
          }
        },
      ),
    )
  })
})
