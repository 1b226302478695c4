import { describe, expect, it } from 'vitest'
import { HeldLines } from './held-lines'
import type { RegionLine } from './region'

const line = (lineNo: number): RegionLine => ({ text: `line ${lineNo}`, prefix: '', lineNo })

describe('HeldLines', () => {
  it('gives back what it holds, oldest first, and holds nothing after', () => {
    const held = new HeldLines()
    held.hold(line(3))
    held.hold(line(4))
    expect(held.take().map((l) => l.lineNo)).toEqual([3, 4])
    expect(held.size).toBe(0)
    expect(held.take()).toEqual([])
  })

  it('drops what a line of the reader confirmed', () => {
    const held = new HeldLines()
    held.hold(line(3))
    held.confirm()
    held.hold(line(5))
    expect(held.take().map((l) => l.lineNo)).toEqual([5])
  })

  it('is full at a bound, so a reader ends its region rather than hold every line', () => {
    const held = new HeldLines()
    let n = 0
    while (!held.full) held.hold(line(n++))
    expect(n).toBeGreaterThanOrEqual(20)
    expect(n).toBeLessThanOrEqual(4096)
    expect(held.take()).toHaveLength(n)
    expect(held.full).toBe(false)
  })
})
