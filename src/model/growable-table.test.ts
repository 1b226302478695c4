import { describe, expect, it } from 'vitest'
import { appendRemapped, GrowableTable, type Remap } from './growable-table'
import { recordColumns } from './schema'

describe('a growable table', () => {
  it('gives a missing column its fill', () => {
    const t = new GrowableTable(recordColumns)
    t.push({ stack: 3, line: 7 })
    const done = t.finish()
    expect(done.length).toBe(1)
    expect([done.stack[0], done.line[0], done.count[0], done.snapshot[0]]).toEqual([3, 7, 1, -1])
    expect(done.time[0]).toBeNaN()
  })

  it('refuses to finish when a column missed a row', () => {
    const t = new GrowableTable(recordColumns)
    t.push({ stack: 0, line: 0 })
    t.columns.line.push(1)
    expect(() => t.finish()).toThrow(/Column line has 2 rows, its table 1/)
  })

  it('moves each column by what it indexes into when rows are appended', () => {
    const from = new GrowableTable(recordColumns)
    from.push({ stack: 2, state: 1, snapshot: 0, line: 5, bytes: 64 })
    from.push({ stack: -1, state: -1, snapshot: -1, line: 6 })
    const to = new GrowableTable(recordColumns)
    const remap: Remap = {
      strings: (i) => (i < 0 ? i : i + 100),
      frames: (i) => i,
      stacks: (i) => (i < 0 ? i : i + 10),
      records: (i) => i,
      snapshots: (i) => (i < 0 ? i : i + 4),
      lines: (i) => i + 1000,
      sources: () => 0,
    }
    appendRemapped(to, recordColumns, from.finish(), remap)
    const t = to.finish()
    expect([...t.stack]).toEqual([12, -1])
    expect([...t.state]).toEqual([101, -1])
    expect([...t.snapshot]).toEqual([4, -1])
    expect([...t.line]).toEqual([1005, 1006])
    expect([...t.source]).toEqual([0, 0])
    expect([...t.bytes]).toEqual([64, 0])
  })
  it('appends to rows already there, past its capacity, and keeps them', () => {
    const part = new GrowableTable(recordColumns)
    for (let i = 0; i < 3000; i++) part.push({ stack: i, line: i, count: i / 2 })
    const rows = part.finish()
    const to = new GrowableTable(recordColumns)
    to.push({ stack: 7, line: 0 })
    const same: Remap = {
      strings: (i) => i,
      frames: (i) => i,
      stacks: (i) => i + 1,
      records: (i) => i,
      snapshots: (i) => i,
      lines: (i) => i + 1,
      sources: () => 0,
    }
    appendRemapped(to, recordColumns, rows, same)
    appendRemapped(to, recordColumns, rows, same)
    const t = to.finish()
    expect(t.length).toBe(6001)
    expect(t.stack[0]).toBe(7)
    expect([t.stack[1], t.stack[3000], t.stack[3001], t.stack[6000]]).toEqual([1, 3000, 1, 3000])
    expect([t.count[2], t.count[3002]]).toEqual([0.5, 0.5])
    expect(t.line[6000]).toBe(3000)
  })
})
