import { describe, expect, it } from 'vitest'
import { memoizePerObject } from './memoize'

function counted(size: number, key?: (arg: { n: number }) => unknown) {
  const calls: string[] = []
  const derive = memoizePerObject(
    (o: { name: string }, arg: { n: number }) => {
      calls.push(`${o.name}${arg.n}`)
      return { of: o.name, n: arg.n }
    },
    { size, key },
  )
  return { derive, calls }
}

describe('memoizePerObject', () => {
  it('gives the same result for the same object and argument, derived once', () => {
    const { derive, calls } = counted(2)
    const a = { name: 'a' }
    const one = { n: 1 }
    expect(derive(a, one)).toBe(derive(a, one))
    expect(calls).toEqual(['a1'])
  })

  // memoize2 kept the last call only: two views asking with different arguments derived
  // again on every render of either.
  it('keeps several arguments per object: alternating callers do not evict each other', () => {
    const { derive, calls } = counted(2)
    const a = { name: 'a' }
    const one = { n: 1 }
    const two = { n: 2 }
    const first = derive(a, one)
    derive(a, two)
    expect(derive(a, one)).toBe(first)
    derive(a, two)
    expect(calls).toEqual(['a1', 'a2'])
  })

  it('drops the least recently used result past its size', () => {
    const { derive, calls } = counted(2)
    const a = { name: 'a' }
    const [one, two, three] = [{ n: 1 }, { n: 2 }, { n: 3 }]
    derive(a, one)
    derive(a, two)
    derive(a, one) // one is now the most recent
    derive(a, three) // evicts two
    derive(a, one)
    derive(a, two)
    expect(calls).toEqual(['a1', 'a2', 'a3', 'a2'])
  })

  it('keeps each object apart', () => {
    const { derive, calls } = counted(1)
    const a = { name: 'a' }
    const b = { name: 'b' }
    const one = { n: 1 }
    const fromA = derive(a, one)
    const fromB = derive(b, one)
    expect(fromA).not.toBe(fromB)
    expect(derive(a, one)).toBe(fromA)
    expect(calls).toEqual(['a1', 'b1'])
  })

  it('matches arguments by their key when given one (equal modes from different pins)', () => {
    const { derive, calls } = counted(2, (arg) => arg.n)
    const a = { name: 'a' }
    expect(derive(a, { n: 1 })).toBe(derive(a, { n: 1 }))
    expect(calls).toEqual(['a1'])
  })
})
