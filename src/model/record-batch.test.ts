import { describe, expect, it } from 'vitest'
import { IncidentBuilder, type RecordInput } from './builder'
import { RECORD_BATCH } from './record-batch'
import { FrameKind, NONE, RecordFlag } from './types'

/** The record of goroutine `i`: each field in turn left out, so fills are stored too. */
function goroutine(b: IncidentBuilder, i: number): RecordInput {
  const stack = b.stackFromLeafFirst([b.frame({ func: `f${i % 5}`, kind: FrameKind.app })])
  return {
    stack,
    state: i % 7 === 0 ? undefined : ['semacquire', 'select', 'IO wait'][i % 3],
    waitMinutes: i % 4 === 0 ? undefined : i % 60,
    id: i % 9 === 0 ? undefined : 1000 + i,
    createdBy: i % 2 === 0 ? NONE : stack,
    parentId: i % 3 === 0 ? undefined : i % 11,
    argsHash: (i * 2654435761) | 0,
    flags: i % 5 === 0 ? RecordFlag.system : 0,
    line: 10 * i,
  }
}

/** The record table built by `add` for each of `count` goroutines, as plain rows. */
function recordsOf(count: number, add: (b: IncidentBuilder, r: RecordInput) => number) {
  const b = new IncidentBuilder()
  b.beginSource('a.txt', 0, '')
  for (let i = 0; i < count; i++) {
    // A second source half way, and records added alone and flagged among the batched ones.
    if (i === count >> 1) b.beginSource('b.txt', 0, '')
    if (i % 700 === 5) b.addRecord({ stack: NONE, name: 'thread', count: 3, line: i })
    const record = add(b, goroutine(b, i))
    expect(record).toBe(b.recordCount - 1)
    if (i % 900 === 7) b.flagRecord(record, RecordFlag.crashed)
  }
  const r = b.build().records
  const columns = Object.entries(r).filter(([name]) => name !== 'length')
  return Array.from({ length: r.length }, (_, i) =>
    columns.map(([name, column]) => `${name}=${(column as ArrayLike<number>)[i]}`).join(),
  )
}

describe('IncidentBuilder.addStackRecord', () => {
  it.each([0, 1, RECORD_BATCH - 1, RECORD_BATCH, 3 * RECORD_BATCH + 5])(
    'builds the records of %i goroutines as addRecord does, in their order',
    (count) => {
      const alone = recordsOf(count, (b, r) => b.addRecord(r))
      const batched = recordsOf(count, (b, r) =>
        b.addStackRecord(
          r.stack,
          r.state,
          r.waitMinutes,
          r.id,
          r.createdBy ?? NONE,
          r.parentId,
          r.argsHash ?? 0,
          r.flags ?? 0,
          r.line,
        ),
      )
      expect(batched).toEqual(alone)
      expect(alone.length).toBe(count + Math.floor((count + 694) / 700))
    },
  )
})
