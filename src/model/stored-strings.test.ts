import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { StoredStrings } from './stored-strings'

describe('StoredStrings', () => {
  it('keeps every string at the index it was given, added at once or later, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.string({ unit: 'binary', maxLength: 20 })), {
          maxLength: 10_000,
        }),
        (adds) => {
          const stored = new StoredStrings()
          const indices = adds.map(([now, s]) => (now ? stored.addNow(s) : stored.addLater(s)))
          expect(indices).toEqual(adds.map((_, i) => i))
          stored.copyPending()
          expect(stored.list).toEqual(adds.map(([, s]) => s))
        },
      ),
      { numRuns: 50 },
    )
  })

  it('copies batches of many strings, sliced from a text holding several', () => {
    const stored = new StoredStrings()
    // Slices of one text, as a reader hands them over, past several batches.
    const names = Array.from({ length: 10_000 }, (_, i) => `main.worker${i}`)
    const text = names.join('(0xc000)\n')
    let at = 0
    for (const name of names) {
      stored.addLater(text.slice(at, at + name.length))
      at += name.length + '(0xc000)\n'.length
    }
    stored.addLater('')
    stored.copyPending()
    expect(stored.list).toEqual([...names, ''])
  })
})
