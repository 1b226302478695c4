import { describe, expect, it } from 'vitest'
import { seededRandom } from '../lib/prng'
import { groupByDistinctValues } from './distinct-value-groups'

/** Groups by first appearance through a Map: what the grouping must equal. */
function reference(column: Int32Array): { values: number[]; groupOfRecord: number[] } {
  const groupOf = new Map<number, number>()
  const values: number[] = []
  const groupOfRecord = Array.from(column, (v) => {
    let g = groupOf.get(v)
    if (g === undefined) groupOf.set(v, (g = values.push(v) - 1))
    return g
  })
  return { values, groupOfRecord }
}

function check(column: Int32Array, valueCount: number): void {
  const got = groupByDistinctValues(column, valueCount)
  const want = reference(column)
  expect(Array.from(got.values)).toEqual(want.values)
  expect(Array.from(got.groupOfRecord)).toEqual(want.groupOfRecord)
}

describe('groupByDistinctValues', () => {
  it('makes a group of each rising value', () => {
    check(Int32Array.of(-1, 0, 3, 7, 8), 9)
  })

  it('finds values seen before, repeated and out of order, and values first seen late', () => {
    check(Int32Array.of(5, 9, 9, 5, 2, 12, 2, -1, 9, 5, 7, 12, -1, 3, 7), 13)
  })

  it('agrees on rising columns with some values going back', () => {
    const random = seededRandom(7)
    const column = new Int32Array(20_000)
    for (let i = 0, top = 0; i < column.length; i++)
      column[i] =
        random() < 0.9 ? (top += 1 + Math.floor(random() * 8)) : Math.floor(random() * top)
    check(column, column.reduce((a, b) => Math.max(a, b), 0) + 1)
  })

  it('agrees when more values come out of order than the map keeps', () => {
    const column = new Int32Array(600_000)
    for (let i = 0; i < column.length; i++) column[i] = column.length - 1 - (i >> 1)
    check(column, column.length)
  })
})
